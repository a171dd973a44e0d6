import { describe, expect, it } from "vitest";
import {
  DAEMON_JITTERED,
  defaultExecution,
  generatePath,
  type MarketPath,
  runBacktest,
  SHORT_TENOR,
  TRACKER_28D,
  toJson,
} from "../src/index.ts";
import { craftedPath } from "./helpers.ts";

const DAY = 86_400;
const HOUR = 3_600;

function gbmPath(seed: number, steps = 365 * 24, stepSeconds = HOUR): MarketPath {
  const series = generatePath({
    spec: { kind: "gbm", mu: 0, sigma: 0.8 },
    x0: 2000,
    steps,
    stepSeconds,
    seed,
  });
  return { ...series, iv: new Float64Array(series.t.length).fill(0.85), ivNote: "constant" };
}

describe("backtest engine", () => {
  it("is deterministic: same path, policy and seed → byte-identical results", () => {
    const path = gbmPath(11);
    const params = {
      path,
      policy: DAEMON_JITTERED,
      execution: defaultExecution("auction", "spread"),
      seed: 4,
    };
    expect(toJson(runBacktest(params))).toBe(toJson(runBacktest(params)));
    const other = runBacktest({ ...params, seed: 5 });
    expect(toJson(other)).not.toBe(toJson(runBacktest(params)));
  });

  it("on a flat price rolls only on time: a 28-day series every 22 days (daily checks at midnight, maturity at 08:00)", () => {
    const path = craftedPath({ x: new Array(366).fill(2000), stepSeconds: DAY, sigma: 0.8 });
    const r = runBacktest({ path, policy: TRACKER_28D, execution: defaultExecution("rfq", "spread") });
    expect(r.rolls.every((e) => e.reason === "time-trigger" || e.reason === "no-position")).toBe(true);
    expect(r.metrics.rolls).toBe(16);
    expect(r.rolls[1]?.t).toBe((path.t[0] ?? 0) + 22 * DAY);
  });

  it("rolls on the price trigger after a fall below 1.5·S, into S' = x/2", () => {
    const x = [2000, 1900, 1600, 1450, 1450];
    const r = runBacktest({
      path: craftedPath({ x, stepSeconds: DAY, sigma: 0.8 }),
      policy: TRACKER_28D,
      execution: defaultExecution("rfq", "spread"),
    });
    expect(r.rolls.map((e) => [e.reason, e.toStrike])).toEqual([
      ["no-position", 1000],
      ["price-trigger", 725],
    ]);
  });

  it("checks only at the chosen frequency: hourly catches an intraday fall, daily waits for midnight", () => {
    const x = [...new Array(30).fill(2000), ...new Array(20).fill(1400)];
    const path = craftedPath({ x, stepSeconds: HOUR, sigma: 0.8 });
    const run = (check: number) =>
      runBacktest({
        path,
        policy: TRACKER_28D,
        execution: defaultExecution("rfq", "spread"),
        checkEverySeconds: check,
      });
    expect(run(HOUR).rolls[1]?.t).toBe(path.t[30]);
    expect(run(DAY).rolls[1]?.t).toBe(path.t[48]);
  });

  it("accounts: premium/drift − (slippage + fees + gas) = net drift", () => {
    const r = runBacktest({
      path: gbmPath(3),
      policy: TRACKER_28D,
      execution: defaultExecution("amm", "gross"),
      checkEverySeconds: HOUR,
    });
    const { costs, meanDrift } = r.metrics;
    expect(costs.premiumDrift - costs.slippage - costs.fees - costs.gas).toBeCloseTo(meanDrift, 12);
    expect(costs.slippage).toBeGreaterThan(0);
    expect(costs.fees).toBeGreaterThan(0);
  });

  it("spread rolls cost far less than gross rolls at short tenors", () => {
    const path = gbmPath(8);
    const cost = (route: "spread" | "gross") =>
      runBacktest({
        path,
        policy: SHORT_TENOR,
        execution: defaultExecution("rfq", route),
        gas: { gasPriceGwei: 0 },
      }).metrics.costs.total;
    expect(cost("spread")).toBeLessThan(cost("gross") / 10);
  });

  it("reports ruin when costs eat the position", () => {
    const path = gbmPath(2, 200, DAY);
    const r = runBacktest({
      path,
      policy: SHORT_TENOR,
      execution: { venue: "amm", route: "gross", depth: 150_000, feeBps: 3000 },
    });
    expect(r.metrics.ruinedAt).toBeDefined();
    expect(r.metrics.meanDrift).toBe(Number.NEGATIVE_INFINITY);
    expect(toJson(r.metrics)).toContain('"-Infinity"');
  });
});
