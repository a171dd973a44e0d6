// Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) seeded by SplitMix32. 32-bit integer
// arithmetic only (Math.imul), so a seed gives the same sequence on every machine and in every worker.

/** A deterministic random source. */
export type Rng = {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A standard normal draw (Marsaglia's polar method). */
  normal(): number;
  /** A Gamma(shape, 1) draw (Marsaglia & Tsang). */
  gamma(shape: number): number;
  /** A Student-t draw with `nu` degrees of freedom (unit scale, variance nu / (nu - 2)). */
  studentT(nu: number): number;
  /** A Poisson draw with mean `lambda` (Knuth's product method; meant for small means). */
  poisson(lambda: number): number;
  /** A uniform integer in [0, n). */
  below(n: number): number;
};

/** SplitMix32: spreads a seed over the state words. */
function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Derives the seed of stream `index` from a master seed, so path i is the same however paths are split up. */
export function deriveSeed(seed: number, index: number): number {
  const mix = splitMix32((seed ^ Math.imul(index + 1, 0x27d4eb2f)) >>> 0);
  mix();
  return mix();
}

/** Creates an xoshiro128** generator. Any integer seed works; 0 is fine (SplitMix32 fills the state). */
export function createRng(seed: number): Rng {
  const init = splitMix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const nextFloat = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    for (;;) {
      const u = 2 * nextFloat() - 1;
      const v = 2 * nextFloat() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
  };
  const gamma = (shape: number): number => gammaDraw(shape, normal, nextFloat);
  const studentT = (nu: number): number => normal() / Math.sqrt((2 * gamma(nu / 2)) / nu);
  const poisson = (lambda: number): number => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = nextFloat(); p > limit; p *= nextFloat()) k++;
    return k;
  };
  const below = (n: number): number => Math.floor(nextFloat() * n);
  return { nextU32, nextFloat, normal, gamma, studentT, poisson, below };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function gammaDraw(shape: number, normal: () => number, uniform: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, normal, uniform) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z = normal();
    let v = 1 + c * z;
    while (v <= 0) {
      z = normal();
      v = 1 + c * z;
    }
    v = v * v * v;
    const u = uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}
