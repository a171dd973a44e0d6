import { nGreeks } from "@pn/core";
import { describe, expect, it } from "vitest";
import {
  ammBuyCost,
  ammSellCost,
  counterpartyDelta,
  DEFAULT_GAS_UNITS,
  DEFAULT_MAKER,
  defaultExecution,
  executionDelaySeconds,
  gasCost,
  gasFor,
  InsufficientLiquidityError,
  legValues,
  pFair,
  quoteRoll,
  type RollTrade,
  spreadRiskCharge,
} from "../src/index.ts";

const days = (d: number) => d / 365;
// A 28-day roll at the trigger: x = 1.5·S_A with 20 days left, into S_B = x/2 for 28 days; value 100,000.
const x = 1500;
const from = { strike: 1000, tau: days(20), quantity: 0 };
const to = { strike: 750, tau: days(28), quantity: 0 };
const trade: RollTrade = { x, sigma: 0.8, from, to };
from.quantity = 100_000 / pFair(trade, from);
to.quantity = 100_000 / pFair(trade, to);

describe("constant-product AMM", () => {
  it("charges v²/(R − v) to buy and v²/(R + v) to sell, plus the fee on the input", () => {
    expect(ammBuyCost({ value: 100, depth: 10_000, feeBps: 0 }).impact).toBeCloseTo(100 ** 2 / 9_900, 10);
    expect(ammSellCost({ value: 100, depth: 10_000, feeBps: 30 })).toEqual({
      impact: 100 - 1_000_000 / 10_100,
      fee: 0.3,
    });
    expect(() => ammBuyCost({ value: 10_000, depth: 10_000, feeBps: 0 })).toThrow(InsufficientLiquidityError);
  });

  it("gross route trades the P legs, spread route the N legs", () => {
    const values = legValues(trade);
    const gross = quoteRoll({ venue: "amm", route: "gross", depth: 1e7, feeBps: 0 }, trade);
    expect(gross.slippage).toBeCloseTo(
      values.pB ** 2 / (1e7 - values.pB) + values.pA ** 2 / (1e7 + values.pA),
      6,
    );
    const spread = quoteRoll({ venue: "amm", route: "spread", depth: 1e7, feeBps: 30 }, trade);
    expect(spread.fees).toBeCloseTo(
      ((values.nA + values.nA ** 2 / (1e7 - values.nA)) * 30) / 1e4 + (values.nB * 30) / 1e4,
      6,
    );
    expect(spread.gasUnits).toBe(
      DEFAULT_GAS_UNITS.merge + DEFAULT_GAS_UNITS.split + 2 * DEFAULT_GAS_UNITS.ammSwap,
    );
  });
});

describe("RFQ and the hedged maker", () => {
  it("gross RFQ charges the half-spread on both full legs", () => {
    const values = legValues(trade);
    const cost = quoteRoll(defaultExecution("rfq", "gross"), trade);
    expect(cost.slippage).toBeCloseTo(((values.pA + values.pB) * 10) / 1e4, 8);
    expect(cost.gasUnits).toBe(2 * DEFAULT_GAS_UNITS.orderFill);
  });

  it("a spread roll is charged for net vega, delta and gamma only: far below the gross charge", () => {
    const a = nGreeks({ x, strike: 1000, tau: days(20), sigma: 0.8 });
    const b = nGreeks({ x, strike: 750, tau: days(28), sigma: 0.8 });
    const vega = to.quantity * b.vega - from.quantity * a.vega;
    const gamma = to.quantity * b.gamma - from.quantity * a.gamma;
    const delta = counterpartyDelta(trade);
    const expected =
      0.01 * Math.abs(vega) + 5e-4 * Math.abs(delta) * x + 0.5 * Math.abs(gamma) * x * x * 0.64 * days(1);
    expect(spreadRiskCharge(trade, DEFAULT_MAKER).charge).toBeCloseTo(expected, 8);
    const spread = quoteRoll(defaultExecution("rfq", "spread"), trade);
    const gross = quoteRoll(defaultExecution("rfq", "gross"), trade);
    expect(spread.slippage).toBeLessThan(gross.slippage / 3);
    expect(spread.gasUnits).toBe(DEFAULT_GAS_UNITS.atomicRoll);
  });

  it("the counterparty's delta is what the holder gives up, the same on both routes", () => {
    const pDelta = (strike: number, tau: number) => 1 - nGreeks({ x, strike, tau, sigma: 0.8 }).delta;
    const expected = from.quantity * pDelta(1000, days(20)) - to.quantity * pDelta(750, days(28));
    expect(counterpartyDelta(trade)).toBeCloseTo(expected, 10);
    expect(quoteRoll(defaultExecution("rfq", "spread"), trade).counterpartyDelta).toBeCloseTo(expected, 10);
    expect(expected).toBeGreaterThan(0);
  });
});

describe("Dutch auction", () => {
  it("fills when the rising maker edge meets a patient maker's need: later and cheaper than RFQ", () => {
    const spec = defaultExecution("auction", "spread");
    const rfq = quoteRoll(defaultExecution("rfq", "spread"), trade);
    const auction = quoteRoll(spec, trade);
    expect(auction.slippage).toBeCloseTo(0.3 * rfq.slippage, 8);
    expect(auction.delaySeconds).toBe(Math.round((6 * 3600 * (0.5 + 0.3)) / (0.5 + 1.5)));
    expect(executionDelaySeconds(spec)).toBe(auction.delaySeconds);
    const impatient = { ...spec, patience: 2 };
    expect(quoteRoll(impatient, trade)).toMatchObject({ slippage: rfq.slippage, delaySeconds: 6 * 3600 });
  });
});

describe("gas", () => {
  it("prices units at the stated gwei in index units, or at a fresh measured price", () => {
    expect(gasCost({ model: { gasPriceGwei: 20 }, gasUnits: 250_000, t: 0, x: 2000 })).toBeCloseTo(10, 10);
    const series = { label: "g", t: Float64Array.from([1000]), v: Float64Array.from([100]) };
    expect(gasCost({ model: { gasPriceGwei: 20, series }, gasUnits: 1e6, t: 1500, x: 1000 })).toBeCloseTo(
      100,
      10,
    );
    expect(
      gasCost({ model: { gasPriceGwei: 20, series }, gasUnits: 1e6, t: 1000 + 7200, x: 1000 }),
    ).toBeCloseTo(20, 10);
    expect(gasFor(defaultExecution("auction", "gross"), DEFAULT_GAS_UNITS, true)).toBe(150_000);
    expect(gasFor(defaultExecution("rfq", "spread"), DEFAULT_GAS_UNITS, true)).toBe(70_976 + 150_000);
  });
});
