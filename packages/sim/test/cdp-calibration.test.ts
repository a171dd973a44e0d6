// The calibration constants are the fit's output: re-running it on the committed data must give them back.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AAVE_V2_CALIBRATION,
  calibrateAaveBook,
  loadAaveLiquidations,
  loadDailyPrices,
} from "../src/cdp/index.ts";

const data = join(import.meta.dirname, "../../../data");

describe("Aave v2 calibration", () => {
  it("reproduces AAVE_V2_CALIBRATION from data/", () => {
    const fit = calibrateAaveBook({
      events: loadAaveLiquidations(join(data, "aave_v2_liquidations_rpi.csv")),
      prices: loadDailyPrices(join(data, "eth_usd_1h_composite.csv")),
      from: "2020-12-18",
      to: "2022-04-02",
    });
    const c = AAVE_V2_CALIBRATION;
    expect(fit.lookbackDays).toBe(c.lookbackDays);
    expect(fit.buffer.mu).toBeCloseTo(c.buffer.mu, 6);
    expect(fit.buffer.sigma).toBeCloseTo(c.buffer.sigma, 6);
    expect(fit.growthPerYear).toBeCloseTo(c.growthPerYear, 6);
    expect(fit.baselinePerDay).toBeCloseTo(c.baselinePerDay, 2);
    expect(fit.atRiskBorrowers).toBeCloseTo(c.atRiskBorrowers, 1);
    expect(fit.r2).toBeCloseTo(c.r2, 3);
    expect(fit.size.mu).toBeCloseTo(c.size.mu, 4);
    expect(fit.size.sigma).toBeCloseTo(c.size.sigma, 4);
    expect(fit.bookDebtUsd / c.bookDebtUsd).toBeCloseTo(1, 3);
    expect(fit.usdR2).toBeCloseTo(c.usdR2, 3);
    expect(fit.borrowerDays).toBe(4285);
  });
});
