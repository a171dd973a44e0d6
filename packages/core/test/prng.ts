// A small seeded PRNG for property tests: SplitMix64 over bigint. Same seed, same sequence, on every machine.

const MASK64 = (1n << 64n) - 1n;

export type Rng = {
  /** A uniform 64-bit unsigned integer. */
  u64(): bigint;
  /** A uniform integer in [0, 2^bits). */
  bits(bits: number): bigint;
  /** A uniform integer in [0, limit), limit > 0. */
  below(limit: bigint): bigint;
  /**
   * An integer in [0, limit) that favours edges: a third of the draws are near 0 or near `limit`, a third have a
   * random bit length (so small and large magnitudes are equally common), a third are uniform.
   */
  edgy(limit: bigint): bigint;
  /** A uniform element of `items` (non-empty). */
  pick<T>(items: readonly T[]): T;
};

export function createRng(seed: bigint): Rng {
  let state = seed & MASK64;
  const u64 = (): bigint => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
  const bits = (n: number): bigint => {
    let out = 0n;
    for (let have = 0; have < n; have += 64) out = (out << 64n) | u64();
    return out & ((1n << BigInt(n)) - 1n);
  };
  const below = (limit: bigint): bigint => {
    // Rejection sampling over the smallest power of two >= limit: exact uniformity.
    const n = Math.max(1, (limit - 1n).toString(2).length);
    for (;;) {
      const v = bits(n);
      if (v < limit) return v;
    }
  };
  const edgy = (limit: bigint): bigint => {
    const mode = Number(u64() % 3n);
    if (mode === 0) {
      const offset = below(limit < 4n ? limit : 4n);
      return u64() % 2n === 0n ? offset : limit - 1n - offset;
    }
    if (mode === 1) {
      const maxBits = (limit - 1n).toString(2).length;
      const v = bits(1 + Number(u64() % BigInt(maxBits)));
      return v < limit ? v : v % limit;
    }
    return below(limit);
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Number(below(BigInt(items.length)))];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  };
  return { u64, bits, below, edgy, pick };
}
