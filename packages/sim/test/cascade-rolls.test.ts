// P/N roll flows: no forced sales; rolls only where the trigger fires; the makers' hedge flow is small beside the
// CDP book's forced sales on the same path.

import { describe, expect, it } from "vitest";
import { rollFlows } from "../src/cascade/index.ts";
import { runCdpCrash } from "../src/cdp/index.ts";

const path = (prices: number[], step = 600) => ({
  t: Float64Array.from(prices, (_, i) => 1_600_000_000 + i * step),
  x: Float64Array.from(prices),
});
const crash = path(Array.from({ length: 144 }, (_, i) => (i < 48 ? 2000 - 20 * i : 1060)));

describe("rollFlows", () => {
  it("creates no forced sales, and no rolls while every holder is above its trigger", () => {
    const flat = rollFlows({ path: path(new Array(144).fill(2000)), holders: 500, daysLeft: [20, 40] });
    expect(flat.forcedSalesEth).toBe(0);
    expect(flat.rolls).toBe(0);
    expect(flat.hedgeSalesEth).toBe(0);
  });

  it("rolls every holder whose 1.5 x S trigger is crossed, to S' = x / 2 (again after a further 25% fall)", () => {
    // Strikes at 35%..50% of 2000: triggers between 1050 and 1500; the path ends at 1060.
    const r = rollFlows({ path: crash, holders: 2000, daysLeft: [20, 40], checkSeconds: 600 });
    expect(r.holdersRolled).toBeGreaterThan(1900);
    // S' = x / 2 puts the next trigger at 0.75 x: holders who rolled above 1413 roll again before 1060.
    expect(r.rolls).toBeGreaterThan(r.holdersRolled);
    expect(r.rolls).toBeLessThanOrEqual(2 * r.holdersRolled);
    expect(r.hedgeSalesEth).toBeGreaterThan(0); // rolling down the strike lowers the holder's delta
    expect(r.rolledValueUsd).toBeGreaterThan(0.5 * r.notionalUsd); // P keeps most of its value through the fall
  });

  it("its hedge flow is a small fraction of a same-size CDP book's forced sales on the same path", () => {
    const flows = rollFlows({ path: crash });
    for (const preset of ["maker", "liquity", "aave"] as const) {
      const cdp = runCdpCrash({ path: crash, preset });
      expect(flows.hedgeSalesEth + flows.hedgeAfterPathEth, preset).toBeLessThan(0.2 * cdp.collateralSoldEth);
      expect(flows.worstHour.hedgeEth, preset).toBeLessThan(0.2 * cdp.worstHour.soldEth);
    }
  });

  it("is deterministic for a seed; checking less often rolls later", () => {
    const a = rollFlows({ path: crash, seed: 5 });
    const b = rollFlows({ path: crash, seed: 5 });
    expect(a.steps.hedgeEth).toEqual(b.steps.hedgeEth);
    const firstRoll = (r: typeof a) => Array.from(r.steps.rolls).findIndex((v) => v > 0);
    const daily = rollFlows({ path: crash, seed: 5, checkSeconds: 6 * 3600 });
    expect(firstRoll(daily)).toBeGreaterThanOrEqual(firstRoll(a));
  });
});
