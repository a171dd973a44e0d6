// The CDP baseline on crafted paths and positions: liquidation arithmetic per preset, exactly the borrowers below
// the threshold liquidated, Maker's oracle delay, and the calibrated population's shape.

import { normCdf } from "@pn/core";
import { describe, expect, it } from "vitest";
import {
  AAVE,
  AAVE_V2_CALIBRATION,
  bufferCdf,
  createPopulation,
  LIQUITY,
  liquidate,
  MAKER,
  normInv,
  runCdpCrash,
} from "../src/cdp/index.ts";
import { InvalidParameterError } from "../src/errors.ts";

const path = (prices: number[], step = 600) => ({
  t: Float64Array.from(prices, (_, i) => 1_600_000_000 + i * step),
  x: Float64Array.from(prices),
});

/** Positions of 1 ETH each whose liquidation prices (debt x ratio / collateral) are `liqPrices`. */
const positionsAt = (liqPrices: number[], ratio: number) => ({
  collateralEth: Float64Array.from(liqPrices, () => 1),
  debtUsd: Float64Array.from(liqPrices, (p) => p / ratio),
});

describe("liquidate: penalty arithmetic per preset", () => {
  it("Maker: the whole vault, collateral worth debt x 1.13 at the oracle price, the rest returned", () => {
    const out = liquidate(MAKER, 1, 100, 140); // 140 / 100 = 140% < 150%
    expect(out.repaid).toBe(100);
    expect(out.seized).toBeCloseTo(113 / 140, 12);
    expect(out.penalty).toBeCloseTo(13, 9);
    expect(out).toMatchObject({ badDebt: 0, closed: true });
  });

  it("Maker underwater: all collateral, debt covered only up to its value / 1.13", () => {
    const out = liquidate(MAKER, 1, 100, 100);
    expect(out.seized).toBe(1);
    expect(out.repaid).toBeCloseTo(100 / 1.13, 9);
    expect(out.badDebt).toBeCloseTo(100 - 100 / 1.13, 9);
    expect(out.penalty).toBeCloseTo(100 - 100 / 1.13, 9);
  });

  it("Liquity: the Stability Pool takes all collateral; the borrower loses value - debt (<= 10% at MCR)", () => {
    expect(liquidate(LIQUITY, 1, 100, 105)).toMatchObject({
      repaid: 100,
      seized: 1,
      badDebt: 0,
      closed: true,
    });
    expect(liquidate(LIQUITY, 1, 100, 105).penalty).toBeCloseTo(5, 12);
    expect(liquidate(LIQUITY, 1, 100, 95)).toMatchObject({ penalty: 0, badDebt: 5 });
  });

  it("Aave: half the debt repaid, 5% bonus, position stays open", () => {
    const out = liquidate(AAVE, 1, 100, 115); // HF = 115 x 0.83 / 100 = 0.95
    expect(out.repaid).toBe(50);
    expect(out.seized).toBeCloseTo(52.5 / 115, 12);
    expect(out.penalty).toBeCloseTo(2.5, 9);
    expect(out).toMatchObject({ badDebt: 0, closed: false });
  });
});

describe("runCdpCrash on crafted positions", () => {
  it("a drop to 95 liquidates exactly the borrowers whose liquidation price is above 95", () => {
    const liqPrices = [90, 92, 94, 94.99, 95, 95.01, 96, 98, 99.9];
    for (const preset of [LIQUITY, MAKER, AAVE]) {
      const positions = positionsAt(liqPrices, preset.liquidationRatio);
      const r = runCdpCrash({
        path: path([100, 99, 95, 95, 95], 7200),
        preset: { ...preset, oracleLagSeconds: 0 },
        population: { positions },
      });
      expect(r.borrowersLiquidated, preset.name).toBe(4); // 95.01, 96, 98, 99.9; not 95 itself (strict)
      const expectedRepaid =
        preset.closeFactor === 1 ? (95.01 + 96 + 98 + 99.9) / preset.liquidationRatio : undefined;
      if (expectedRepaid !== undefined) expect(r.debtRepaidUsd).toBeCloseTo(expectedRepaid, 6);
      expect(r.exogenousLow).toBe(95);
    }
  });

  it("penalties add up: Maker's are 13% of the debt repaid, Aave's 5%", () => {
    const path1 = path([100, 80, 80]);
    const maker = runCdpCrash({
      path: path1,
      preset: MAKER,
      population: { positions: positionsAt([85, 90, 95], 1.5) },
    });
    expect(maker.penaltyUsd).toBeCloseTo(0.13 * maker.debtRepaidUsd, 6);
    const aave = runCdpCrash({
      path: path1,
      preset: AAVE,
      population: { positions: positionsAt([85, 90, 95], AAVE.liquidationRatio) },
    });
    expect(aave.penaltyUsd).toBeCloseTo(0.05 * aave.debtRepaidUsd, 6);
    expect(aave.collateralSoldEth).toBeCloseTo((aave.debtRepaidUsd * 1.05) / 80, 9);
  });

  it("Maker reads a one-hour-old price: a drop liquidates only an hour later", () => {
    const prices = [100, 80, 80, 80, 80, 80, 80, 80, 80];
    const r = runCdpCrash({
      path: path(prices),
      preset: MAKER,
      population: { positions: positionsAt([90], 1.5) },
    });
    const at = Array.from(r.steps.liquidations).indexOf(1);
    expect((r.steps.t[at] ?? 0) - (r.steps.t[1] ?? 0)).toBe(3600);
    const now = runCdpCrash({
      path: path(prices),
      preset: { ...MAKER, oracleLagSeconds: 0 },
      population: { positions: positionsAt([90], 1.5) },
    });
    expect(Array.from(now.steps.liquidations).indexOf(1)).toBe(1);
  });

  it("reports the worst hour of forced selling and per-step series", () => {
    const prices = [100, 99, 98, 70, 69, 68, 68, 68, 68, 68, 68, 68];
    const r = runCdpCrash({
      path: path(prices),
      preset: LIQUITY,
      population: { positions: positionsAt([75, 80, 85, 90], 1.1) },
    });
    expect(r.collateralSoldEth).toBe(4);
    expect(r.worstHour.soldEth).toBe(4);
    expect(r.worstHour.end).toBe(r.steps.t[3]);
    expect(r.steps.soldEth[3]).toBe(4);
    expect(r.forcedSalesUsd).toBeCloseTo(4 * 70, 9); // no impact: sold at the step's price
  });

  it("rejects a bad path with a typed error", () => {
    expect(() => runCdpCrash({ path: path([100]), preset: "aave" })).toThrow(InvalidParameterError);
    expect(() => runCdpCrash({ path: path([100, -1]), preset: "aave" })).toThrow(InvalidParameterError);
  });
});

describe("calibrated population", () => {
  it("is deterministic for a seed and reproduces the buffer and size distributions", () => {
    const a = createPopulation({ seed: 7 }, AAVE.liquidationRatio, 2000);
    const b = createPopulation({ seed: 7 }, AAVE.liquidationRatio, 2000);
    expect(a.debtUsd).toEqual(b.debtUsd);
    const buffers = Array.from(
      a.collateralEth,
      (c, i) => (c * 2000) / (AAVE.liquidationRatio * (a.debtUsd[i] ?? 1)) - 1,
    ).sort((x, y) => x - y);
    const median = buffers[buffers.length / 2] ?? 0;
    expect(Math.log(median)).toBeCloseTo(AAVE_V2_CALIBRATION.buffer.mu, 2);
    expect(a.debtUsd.reduce((s, v) => s + v, 0)).toBeCloseTo(AAVE_V2_CALIBRATION.bookDebtUsd, -1);
  });

  it("leaves out the borrowers a drop before the window already liquidated", () => {
    const p = createPopulation({ referencePrice: 2500 }, AAVE.liquidationRatio, 2000);
    const share = bufferCdf(AAVE_V2_CALIBRATION.buffer, 2500 / 2000 - 1);
    expect(p.liquidatedBeforeShare).toBeCloseTo(share, 12);
    const minLiqPrice = Math.max(
      ...Array.from(p.collateralEth, (c, i) => (AAVE.liquidationRatio * (p.debtUsd[i] ?? 0)) / c),
    );
    expect(minLiqPrice).toBeLessThanOrEqual(2000);
    expect(p.debtUsd.reduce((s, v) => s + v, 0)).toBeCloseTo(
      AAVE_V2_CALIBRATION.bookDebtUsd * (1 - share),
      -1,
    );
  });

  it("normInv inverts the normal distribution", () => {
    for (const p of [1e-6, 0.001, 0.02, 0.3, 0.5, 0.77, 0.98, 0.999999])
      expect(normCdf(normInv(p))).toBeCloseTo(p, 8);
    expect(normInv(0.5)).toBeCloseTo(0, 9);
    expect(normInv(0.975)).toBeCloseTo(1.959964, 5);
    expect(normInv(0.001)).toBeCloseTo(-3.090232, 5);
  });
});
