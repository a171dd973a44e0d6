import { describe, expect, it } from "vitest";
import { defaultExecution, type MonteCarloParams, runMonteCarlo, TRACKER_28D } from "../src/index.ts";

const params: MonteCarloParams = {
  generator: { kind: "merton", mu: 0, sigma: 0.7, jumpsPerYear: 3, jumpMean: -0.1, jumpStd: 0.1 },
  x0: 2000,
  steps: 120,
  stepSeconds: 86_400,
  paths: 64,
  seed: 21,
  iv: { kind: "realised", windowDays: 30, spread: 0.06, initialVol: 0.8 },
  policy: TRACKER_28D,
  execution: defaultExecution("auction", "spread"),
};

describe("Monte Carlo", () => {
  it("gives the same per-path numbers in one thread and in two workers", async () => {
    const one = await runMonteCarlo({ ...params, workers: 1 });
    const two = await runMonteCarlo({ ...params, workers: 2 });
    expect(Array.from(two.perPath.trackingError)).toEqual(Array.from(one.perPath.trackingError));
    expect(Array.from(two.perPath.meanDrift)).toEqual(Array.from(one.perPath.meanDrift));
    expect(two.summary).toEqual(one.summary);
  });

  it("summarises distributions across paths and reports progress", async () => {
    const seen: number[] = [];
    const result = await runMonteCarlo({ ...params, workers: 1 }, (done) => seen.push(done));
    expect(seen.at(-1)).toBe(64);
    const te = result.summary.trackingError;
    expect(te.p5).toBeLessThanOrEqual(te.p50);
    expect(te.p50).toBeLessThanOrEqual(te.p95);
    expect(result.summary.rolls.mean).toBeGreaterThan(4);
    expect(result.ruined).toBe(0);
  });
});
