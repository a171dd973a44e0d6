import { describe, expect, it } from "vitest";
import {
  excessKurtosis,
  generatePath,
  InvalidParameterError,
  logReturns,
  mean,
  stdDev,
} from "../src/index.ts";

const DAY = 86_400;
const dt = 1 / 365;

function returnsOf(spec: Parameters<typeof generatePath>[0]["spec"], steps = 100_000, seed = 3) {
  return logReturns(generatePath({ spec, x0: 1000, steps, stepSeconds: DAY, seed }).x);
}

describe("generated paths", () => {
  it("GBM: log-return mean (mu - sigma²/2)dt and variance sigma²dt", () => {
    const r = returnsOf({ kind: "gbm", mu: 0.1, sigma: 0.8 });
    expect(mean(r)).toBeCloseTo((0.1 - 0.32) * dt, 3);
    expect(stdDev(r) / Math.sqrt(dt)).toBeCloseTo(0.8, 1);
    expect(Math.abs(excessKurtosis(r))).toBeLessThan(0.1);
  });

  it("Merton: total variance sigma² + lambda(m² + s²), fat tails, compensated drift", () => {
    const spec = {
      kind: "merton" as const,
      mu: 0,
      sigma: 0.6,
      jumpsPerYear: 10,
      jumpMean: -0.05,
      jumpStd: 0.1,
    };
    const r = returnsOf(spec, 200_000);
    const variance = 0.36 + 10 * (0.05 ** 2 + 0.1 ** 2);
    expect(stdDev(r) ** 2 / dt).toBeCloseTo(variance, 1);
    expect(excessKurtosis(r)).toBeGreaterThan(1);
    const k = Math.exp(-0.05 + 0.005) - 1;
    expect(mean(r) / dt).toBeCloseTo(-0.18 - 10 * k + 10 * -0.05, 0);
  });

  it("Student-t: variance sigma²dt whatever nu, excess kurtosis 6/(nu-4)", () => {
    const r = returnsOf({ kind: "student-t", mu: 0, sigma: 0.8, nu: 6 }, 200_000);
    expect(stdDev(r) / Math.sqrt(dt)).toBeCloseTo(0.8, 1);
    expect(excessKurtosis(r)).toBeGreaterThan(1.5);
  });

  it("block bootstrap draws contiguous blocks of the history", () => {
    const history = Float64Array.from({ length: 50 }, (_, i) => i / 1000);
    const r = returnsOf({ kind: "bootstrap", returns: history, blockLength: 5 }, 1000);
    for (let b = 0; b < r.length; b += 5) {
      const block = Array.from(r.slice(b, b + 5), (v) => Math.round(v * 1000));
      expect(block).toEqual(block.map((_, k) => (block[0] ?? 0) + k));
    }
  });

  it("is deterministic for a seed", () => {
    const spec = { kind: "gbm" as const, mu: 0, sigma: 0.8 };
    const a = generatePath({ spec, x0: 2000, steps: 100, stepSeconds: DAY, seed: 9 });
    const b = generatePath({ spec, x0: 2000, steps: 100, stepSeconds: DAY, seed: 9 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.x[0]).toBe(2000);
  });

  it("rejects bad parameters with the field to fix", () => {
    const call = () =>
      generatePath({
        spec: { kind: "student-t", mu: 0, sigma: 0.8, nu: 2 },
        x0: 1,
        steps: 10,
        stepSeconds: DAY,
        seed: 1,
      });
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(/nu = 2/);
  });
});
