import { nValue, putValue, pValue } from "@pn/core";
import { describe, expect, it } from "vitest";
import { markN, markP, normCdfFast, putFast, runBacktest, TRACKER_28D } from "../src/index.ts";
import { craftedPath } from "./helpers.ts";

const days = (d: number) => d / 365;

describe("the post's numbers through the simulator's marking path", () => {
  it("two-week N near the strike: S = 1500, x = 1499, 14 d → ≈ 46.4 at 40%, ≈ 70 at 60%, ≈ 93.1 at 80%", () => {
    const base = { x: 1499, strike: 1500, tau: days(14) };
    expect(markN({ ...base, sigma: 0.4 })).toBeCloseTo(46.4, 1);
    expect(markN({ ...base, sigma: 0.6 })).toBeCloseTo(70, 0);
    expect(markN({ ...base, sigma: 0.8 })).toBeCloseTo(93.1, 1);
  });

  it("P's put discount at x = 2500, S = 1500, 45 d: ≈ 1.0 at 60%, ≈ 7.35 at 80%", () => {
    const base = { x: 2500, strike: 1500, tau: days(45) };
    expect(1500 - markP({ ...base, sigma: 0.6 })).toBeCloseTo(1.0, 0);
    expect(1500 - markP({ ...base, sigma: 0.8 })).toBeCloseTo(7.35, 1);
  });

  it("a backtest marks its position with the same number: value = q · (S − Put)", () => {
    // Open at x = 3000 (S = 1500, 28 d + to 08:00), price drops to 2500 the next day at 80% vol.
    const path = craftedPath({ x: [3000, 2500], stepSeconds: 86_400, sigma: 0.8 });
    const result = runBacktest({
      path,
      policy: TRACKER_28D,
      execution: {
        venue: "rfq",
        route: "gross",
        halfSpreadBps: 0,
        maker: { volEdge: 0, deltaHedgeBps: 0, gammaHorizonDays: 0, minFee: 0 },
      },
      gas: { gasPriceGwei: 0 },
      notional: 100_000,
    });
    const entry = result.rolls[0];
    expect(entry?.toStrike).toBe(1500);
    const tau0 = ((entry?.toMaturity ?? 0) - (path.t[0] ?? 0)) / 31_536_000;
    const quantity = 100_000 / pValue({ x: 3000, strike: 1500, tau: tau0, sigma: 0.8 });
    const tau1 = tau0 - days(1);
    expect(result.metrics.endValue).toBeCloseTo(
      quantity * pValue({ x: 2500, strike: 1500, tau: tau1, sigma: 0.8 }),
      6,
    );
  });
});

describe("fast Black-76 put equals core's", () => {
  it("agrees with core's putValue to 1e-9 of x over a grid, and normCdf to 1e-14", () => {
    for (const z of [-9, -6, -3.3, -1, -0.2, 0, 0.5, 2, 7.5, 9]) {
      expect(Math.abs(normCdfFast(z) - (z < 0 ? 0.5 * erfcLike(-z) : 1 - 0.5 * erfcLike(z)))).toBeLessThan(
        1e-14,
      );
    }
    for (const moneyness of [0.2, 0.5, 0.67, 0.9, 1, 1.1, 2]) {
      for (const tau of [0, days(1), days(4), days(28), days(60), 1]) {
        for (const sigma of [0, 0.3, 0.8, 2.5]) {
          const input = { x: 2000, strike: 2000 * moneyness, tau, sigma };
          expect(
            Math.abs(putFast(input.x, input.strike, tau, sigma) - Math.max(putValue(input), 0)),
          ).toBeLessThan(2e-6);
          expect(markN(input)).toBeCloseTo(nValue(input), 6);
        }
      }
    }
  });
});

/** erfc(z/√2) by core's normCdf-independent continued fraction, for z >= 0 (reference only). */
function erfcLike(z: number): number {
  // 2·(1 − Φ(z)) via a high-precision Lentz continued fraction of the Mills ratio.
  if (z < 3) {
    let sum = z;
    let term = z;
    for (let i = 3; sum + term !== sum; i += 2) {
      term = (term * z * z) / i;
      sum += term;
    }
    return 2 * (0.5 - sum * Math.exp(-0.5 * z * z - 0.9189385332046727));
  }
  let f = z;
  for (let k = 60; k >= 1; k--) f = z + k / f;
  return (2 * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI) / f;
}
