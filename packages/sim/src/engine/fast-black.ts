// The same Black-76 put as packages/core's `putValue`, evaluated for speed in the engine's inner loop: Hart's
// double-precision normal CDF (as given by G. West, "Better approximations to cumulative normal functions",
// 2005; absolute error ~1e-14) and the put computed directly as S·N(−d2) − x·N(−d1), which also avoids the
// cancellation of call − (x − S) for deep out-of-the-money puts. test/fast-black.test.ts checks it against core.

/** Standard normal CDF (Hart 1968, double precision). */
export function normCdfFast(z: number): number {
  const a = Math.abs(z);
  let c: number;
  if (a > 37) c = 0;
  else {
    const e = Math.exp(-0.5 * a * a);
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 8.83883476483184e-2 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return z > 0 ? 1 - c : c;
}

/** Black-76 put, zero rates, index units; inputs are assumed valid (x, strike > 0; tau, sigma >= 0). */
export function putFast(x: number, strike: number, tau: number, sigma: number): number {
  const sd = sigma * Math.sqrt(tau);
  if (!(sd > 0)) return Math.max(strike - x, 0);
  const d1 = (Math.log(x / strike) + 0.5 * sd * sd) / sd;
  return Math.max(strike * normCdfFast(-(d1 - sd)) - x * normCdfFast(-d1), 0);
}
