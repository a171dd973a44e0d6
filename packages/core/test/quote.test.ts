// The market maker's model: fair values, quotes with spread and inventory, the re-quote threshold, and the roll
// acceptance rule (BRIEF §7: the maker prices the difference in risk between the two series).

import { describe, expect, it } from "vitest";
import {
  fairValueEth,
  InvalidQuoteParameterError,
  type MakerRisk,
  movedBeyond,
  netRiskCharge,
  nValue,
  PRICE_TICK_WAD,
  parseWad,
  quoteAround,
  rollAcceptance,
  WAD,
} from "../src/index.ts";

const ONE = WAD;
const inventory = { position: 0n, target: 0n, limit: 5n * ONE, skewBps: 100 };
const risk: MakerRisk = { volEdge: 0.01, deltaHedgeBps: 5, gammaHorizonDays: 1, minFeeEth: 0.0001 };

describe("fairValueEth", () => {
  it("N is the call in ETH, P its complement (BRIEF check value: N ≈ $70 at 60%)", () => {
    const input = { x: 1499, strike: 1500, tau: 14 / 365, sigma: 0.6 };
    expect(fairValueEth("N", input) * 1499).toBeCloseTo(nValue(input), 9);
    expect(nValue(input)).toBeGreaterThan(69);
    expect(nValue(input)).toBeLessThan(71);
    expect(fairValueEth("P", input) + fairValueEth("N", input)).toBeCloseTo(1, 12);
  });
});

describe("quoteAround", () => {
  it("bid and ask sit half the spread around fair when flat, on the 1e-9 tick", () => {
    const q = quoteAround({
      fairEth: 0.4,
      spreadBps: 200,
      size: ONE,
      inventory: { ...inventory, position: ONE },
    });
    // position 1 of a band of 5: skew −20 bps (it is long, so it leans lower)
    expect(q.skewBps).toBeCloseTo(-20, 9);
    const mid = 0.4 * (1 - 0.002);
    expect(q.bid?.priceWad).toBe(BigInt(Math.floor(mid * 0.99 * 1e9)) * PRICE_TICK_WAD);
    expect(q.ask?.priceWad).toBe(BigInt(Math.ceil(mid * 1.01 * 1e9)) * PRICE_TICK_WAD);
    expect(q.ask?.amount).toBe(ONE);
    expect(q.bid?.amount).toBe(ONE);
  });

  it("no ask without tokens; bid shrinks near the band and stops at its edge", () => {
    const empty = quoteAround({ fairEth: 0.4, spreadBps: 200, size: ONE, inventory });
    expect(empty.ask).toBeUndefined();
    expect(empty.bid?.priceWad).toBe(parseWad("0.396"));
    const near = quoteAround({
      fairEth: 0.4,
      spreadBps: 200,
      size: 2n * ONE,
      inventory: { ...inventory, position: 4n * ONE },
    });
    expect(near.bid?.amount).toBe(ONE);
    const full = quoteAround({
      fairEth: 0.4,
      spreadBps: 200,
      size: ONE,
      inventory: { ...inventory, position: 5n * ONE },
    });
    expect(full.bid).toBeUndefined();
    expect(full.ask?.amount).toBe(ONE);
    expect(full.skewBps).toBe(-100); // clamped at a full band
  });

  it("a short book (below target) leans higher and stops asking at target − limit", () => {
    const q = quoteAround({
      fairEth: 0.5,
      spreadBps: 100,
      size: ONE,
      inventory: { position: 6n * ONE, target: 10n * ONE, limit: 4n * ONE, skewBps: 200 },
    });
    expect(q.skewBps).toBe(200);
    expect(q.ask).toBeUndefined();
    expect(q.bid?.priceWad).toBeGreaterThan(parseWad("0.5"));
  });

  it("never asks above one collateral unit; rejects bad parameters", () => {
    const q = quoteAround({
      fairEth: 0.999,
      spreadBps: 500,
      size: ONE,
      inventory: { ...inventory, position: ONE },
    });
    expect(q.ask?.priceWad).toBe(WAD);
    expect(() => quoteAround({ fairEth: 0.4, spreadBps: 0, size: ONE, inventory })).toThrow(
      InvalidQuoteParameterError,
    );
    expect(() => quoteAround({ fairEth: 1.2, spreadBps: 10, size: ONE, inventory })).toThrow(/fairEth/);
  });
});

describe("movedBeyond", () => {
  it("compares relative to the wanted price", () => {
    expect(movedBeyond(parseWad("1.005"), ONE, 50)).toBe(false);
    expect(movedBeyond(parseWad("1.0051"), ONE, 50)).toBe(true);
    expect(movedBeyond(parseWad("0.99"), ONE, 50)).toBe(true);
  });
});

describe("roll acceptance (BRIEF §7)", () => {
  const x = 2500;
  const sigma = 0.6;
  const from = { side: "P" as const, strike: 1500, tau: 3 / 365 };
  const to = { side: "P" as const, strike: 1250, tau: 30 / 365 };

  it("the net risk of swapping one call for another is far below an outright call's", () => {
    const nA = { side: "N" as const, strike: 1500, tau: 3 / 365 };
    const nB = { side: "N" as const, strike: 1250, tau: 30 / 365 };
    const noFee = { ...risk, minFeeEth: 0 };
    const spread = netRiskCharge({ x, sigma, from: nA, to: nB, quantityIn: 10, quantityOut: 10 }, noFee);
    const outright = netRiskCharge({ x, sigma, from: nA, quantityIn: 10, quantityOut: 0 }, noFee);
    expect(spread.chargeEth).toBeLessThan(outright.chargeEth / 10);
    expect(Math.abs(spread.delta)).toBeLessThan(Math.abs(outright.delta) / 10);
    // Deep in-the-money P is a bond of S in index units: its outright delta is close to 0 too.
    const p = netRiskCharge({ x, sigma, from, quantityIn: 10, quantityOut: 0 }, noFee);
    expect(Math.abs(p.delta)).toBeLessThan(1e-6);
  });

  it("fills once the auction price is at or below fair minus the edge, not before", () => {
    const base = { x, sigma, from, to, amount: 10n * ONE, risk };
    const { fairPriceWad, maxPriceWad, edgeEth } = rollAcceptance({ ...base, priceWad: ONE });
    expect(maxPriceWad).toBeLessThan(fairPriceWad);
    expect(edgeEth).toBeGreaterThan(0);
    expect(rollAcceptance({ ...base, priceWad: fairPriceWad }).accept).toBe(false);
    expect(rollAcceptance({ ...base, priceWad: maxPriceWad }).accept).toBe(true);
    expect(rollAcceptance({ ...base, priceWad: maxPriceWad + 1n }).accept).toBe(false);
    // fair price ≈ V_A / V_B (both P deep in the money, so close to 1)
    const vA = fairValueEth("P", { x, sigma, strike: 1500, tau: from.tau });
    const vB = fairValueEth("P", { x, sigma, strike: 1250, tau: to.tau });
    expect(Number(fairPriceWad) / 1e18).toBeCloseTo(vA / vB, 12);
  });

  it("an ask for collateral is judged against V_from and the outright risk", () => {
    const r = rollAcceptance({
      x,
      sigma,
      from: { side: "N", strike: 2500, tau: 0.1 },
      priceWad: ONE,
      amount: ONE,
      risk,
    });
    const vN = fairValueEth("N", { x, sigma, strike: 2500, tau: 0.1 });
    expect(Number(r.fairPriceWad) / 1e18).toBeCloseTo(vN, 12);
    expect(r.accept).toBe(false);
    expect(
      rollAcceptance({
        x,
        sigma,
        from: { side: "N", strike: 2500, tau: 0.1 },
        priceWad: r.maxPriceWad,
        amount: ONE,
        risk,
      }).accept,
    ).toBe(true);
  });

  it("the fixed fee per fill weighs more on small fills", () => {
    const big = rollAcceptance({
      x,
      sigma,
      from,
      to,
      amount: 100n * ONE,
      priceWad: ONE,
      risk: { ...risk, minFeeEth: 0.01 },
    });
    const small = rollAcceptance({
      x,
      sigma,
      from,
      to,
      amount: ONE / 10n,
      priceWad: ONE,
      risk: { ...risk, minFeeEth: 0.01 },
    });
    expect(small.maxPriceWad).toBeLessThan(big.maxPriceWad);
  });
});
