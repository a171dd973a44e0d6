// The cascade on crafted paths: no impact means no amplification; amplification falls as depth grows; a chain of
// positions where each sale triggers the next resolves within one step; the depth is what it says (1% per D).

import { describe, expect, it } from "vitest";
import { fillPrice, runCascade, runMarket, type Seller } from "../src/cascade/index.ts";
import { LIQUITY } from "../src/cdp/index.ts";
import { InvalidParameterError } from "../src/errors.ts";

const path = (prices: number[], step = 600) => ({
  t: Float64Array.from(prices, (_, i) => 1_600_000_000 + i * step),
  x: Float64Array.from(prices),
});
/** A drop from 2000 to 1400 over 4 hours, then flat. */
const crash = path(Array.from({ length: 72 }, (_, i) => (i < 24 ? 2000 - 25 * i : 1400)));

describe("runCascade", () => {
  it("with no impact (none, or infinite depth) the price goes no lower than the shock: amplification 1", () => {
    for (const impact of [
      { kind: "none" } as const,
      { kind: "linear", depthUsdPer1Pct: Number.POSITIVE_INFINITY } as const,
    ]) {
      const r = runCascade({ path: crash, impact });
      expect(r.cascadeLow).toBe(r.exogenousLow);
      expect(r.extraDrop).toBe(0);
      expect(r.amplification).toBe(1);
      expect(r.extraLiquidations).toBe(0);
      expect(r.cascade[0]?.forcedSalesUsd).toBeCloseTo(r.exogenous[0]?.forcedSalesUsd ?? Number.NaN, 6);
    }
  });

  it("amplification falls as depth grows, for both impact shapes", () => {
    for (const kind of ["linear", "constantProduct"] as const) {
      const lows = [2e5, 5e5, 1e6, 2e6, 5e6, 2e7].map((depthUsdPer1Pct) =>
        runCascade({
          path: crash,
          books: [{ preset: "maker" }, { preset: "aave" }],
          impact: { kind, depthUsdPer1Pct },
        }),
      );
      for (let k = 1; k < lows.length; k++) {
        expect(lows[k]?.cascadeLow, kind).toBeGreaterThanOrEqual(lows[k - 1]?.cascadeLow ?? 0);
        expect(lows[k]?.amplification, kind).toBeLessThanOrEqual(lows[k - 1]?.amplification ?? 0);
      }
      expect(lows[0]?.amplification, kind).toBeGreaterThan(1.05);
      expect(lows.at(-1)?.amplification, kind).toBeLessThan(1.02);
    }
  });

  it("iterates each step to a fixed point: each sale's impact liquidates the next position", () => {
    // Liquity troves of 1 ETH, liquidation prices 99.5, 99, 98.5, ...: each 1-ETH sale at depth D = 1 ETH x price
    // per 1% moves the price ~1%, past the next trove's liquidation price.
    const n = 20;
    const positions = {
      collateralEth: new Float64Array(n).fill(1),
      debtUsd: Float64Array.from({ length: n }, (_, i) => (99.5 - 0.5 * i) / LIQUITY.liquidationRatio),
    };
    const r = runCascade({
      path: path([100, 99.4, 99.4]),
      books: [{ preset: "liquity", population: { positions } }],
      impact: { kind: "linear", depthUsdPer1Pct: 100, recoveryHalfLifeSeconds: Number.POSITIVE_INFINITY },
    });
    expect(r.exogenous[0]?.borrowersLiquidated).toBe(1);
    expect(r.cascade[0]?.borrowersLiquidated).toBe(n);
    expect(r.cascade[0]?.steps.liquidations[1]).toBe(n);
    expect(r.steps.rounds[1]).toBeGreaterThan(2); // each round's sales pass the next troves' prices
    expect(r.cascadeLow).toBeLessThan(99.5 - 0.5 * n);
  });

  it("impact recovers towards the exogenous price with the stated half-life", () => {
    let sold = false;
    const once: Seller = {
      react: () => {
        if (sold) return 0;
        sold = true;
        return 1000;
      },
    };
    const flat = path(new Array(13).fill(100), 600);
    const run = runMarket({
      ...flat,
      sellers: [once],
      impact: { kind: "linear", depthUsdPer1Pct: 1e4, recoveryHalfLifeSeconds: 3600 },
    });
    const gap = (i: number) => Math.log(100 / (run.price[i] ?? 100));
    expect(gap(0)).toBeCloseTo(Math.log(1 + (1000 * 100) / 1e6), 12);
    expect(gap(6) / gap(0)).toBeCloseTo(0.5, 12);
    expect(gap(12) / gap(0)).toBeCloseTo(0.25, 12);
  });

  it("a depth of D USD per 1% means selling D USD moves the price 1%", () => {
    for (const kind of ["linear", "constantProduct"] as const) {
      const fill = fillPrice({ kind, depthUsdPer1Pct: 5e6 }, 5e6 / 2000, 2000);
      expect(fill.priceAfter / 2000, kind).toBeCloseTo(0.99, 3);
      expect(fill.usd, kind).toBeLessThan(5e6);
      expect(fill.usd, kind).toBeGreaterThan(0.99 * 5e6);
    }
  });

  it("rejects a non-positive depth", () => {
    expect(() => runCascade({ path: crash, impact: { kind: "linear", depthUsdPer1Pct: 0 } })).toThrow(
      InvalidParameterError,
    );
  });
});
