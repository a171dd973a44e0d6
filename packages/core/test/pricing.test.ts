import { describe, expect, it } from "vitest";
import {
  callValue,
  ImpliedVolatilityError,
  InvalidPricingInputError,
  impliedVolatility,
  nGreeks,
  normCdf,
  nValue,
  nValueEth,
  pGreeks,
  putValue,
  pValue,
  pValueEth,
  toWad,
} from "../src/index.ts";

const days = (d: number) => d / 365;

describe("Black-76, zero rates: the brief's check values", () => {
  it("N at S = 1500, x = 1499, 14 days: ~46.4 at 40%, ~70 at 60%, ~93.1 at 80%", () => {
    const base = { x: 1499, strike: 1500, tau: days(14) };
    expect(nValue({ ...base, sigma: 0.4 })).toBeCloseTo(46.4, 1);
    expect(nValue({ ...base, sigma: 0.6 })).toBeCloseTo(70.0, 0);
    expect(nValue({ ...base, sigma: 0.8 })).toBeCloseTo(93.1, 1);
  });
  it("P's put discount at x = 2500, S = 1500, 45 days: ~1.0 at 60%, ~7.35 at 80%", () => {
    const base = { x: 2500, strike: 1500, tau: days(45) };
    expect(putValue({ ...base, sigma: 0.6 })).toBeCloseTo(1.0, 0);
    expect(putValue({ ...base, sigma: 0.8 })).toBeCloseTo(7.35, 1);
    expect(pValue({ ...base, sigma: 0.8 })).toBeCloseTo(1500 - 7.35, 1);
  });
});

describe("identities", () => {
  const input = { x: 2500, strike: 1800, tau: days(30), sigma: 0.7 };
  it("put-call parity and P + N = 1 ETH", () => {
    expect(callValue(input) - putValue(input)).toBeCloseTo(input.x - input.strike, 9);
    expect(pValueEth(input) + nValueEth(input)).toBeCloseTo(1, 12);
    expect(pValue(input) + nValue(input)).toBeCloseTo(input.x, 9);
  });
  it("at expiry the payoff is min(S, x) and max(x - S, 0)", () => {
    expect(pValue({ ...input, tau: 0 })).toBe(1800);
    expect(nValue({ ...input, tau: 0 })).toBe(700);
    expect(pValue({ ...input, x: 1000, tau: 0 })).toBe(1000);
  });
  it("normCdf is symmetric and matches known quantiles", () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normCdf(-1) + normCdf(1)).toBeCloseTo(1, 14);
  });
});

describe("greeks against finite differences", () => {
  const input = { x: 2000, strike: 1500, tau: days(28), sigma: 0.75 };
  const h = 1e-3;
  it("delta, gamma, vega, theta of N", () => {
    const g = nGreeks(input);
    const at = (dx: number, ds = 0, dt = 0) =>
      nValue({ ...input, x: input.x + dx, sigma: input.sigma + ds, tau: input.tau + dt });
    expect(g.delta).toBeCloseTo((at(h) - at(-h)) / (2 * h), 6);
    expect(g.gamma).toBeCloseTo((at(h) - 2 * at(0) + at(-h)) / (h * h), 4);
    expect(g.vega).toBeCloseTo((at(0, h) - at(0, -h)) / (2 * h), 4);
    expect(g.theta).toBeCloseTo(-(at(0, 0, h * 1e-2) - at(0, 0, -h * 1e-2)) / (2 * h * 1e-2), 2);
  });
  it("P's greeks mirror N's", () => {
    const n = nGreeks(input);
    const p = pGreeks(input);
    expect(p.delta).toBeCloseTo(1 - n.delta, 12);
    expect(p.vega).toBe(-n.vega);
  });
});

describe("implied volatility", () => {
  it("recovers the volatility of a model price", () => {
    for (const sigma of [0.05, 0.4, 0.8, 1.5, 3]) {
      const input = { x: 1499, strike: 1500, tau: days(14) };
      expect(impliedVolatility({ ...input, callPrice: callValue({ ...input, sigma }) })).toBeCloseTo(
        sigma,
        8,
      );
    }
  });
  it("rejects prices outside the no-arbitrage range", () => {
    const input = { x: 2000, strike: 1500, tau: days(14) };
    expect(() => impliedVolatility({ ...input, callPrice: 400 })).toThrow(ImpliedVolatilityError);
    expect(() => impliedVolatility({ ...input, callPrice: 2000 })).toThrow(ImpliedVolatilityError);
  });
});

describe("inputs and conversion", () => {
  it("rejects nonsense", () => {
    expect(() => nValue({ x: 0, strike: 1, tau: 1, sigma: 1 })).toThrow(InvalidPricingInputError);
    expect(() => nValue({ x: 1, strike: 1, tau: -1, sigma: 1 })).toThrow(InvalidPricingInputError);
    expect(() => nValue({ x: 1, strike: 1, tau: 1, sigma: Number.NaN })).toThrow(InvalidPricingInputError);
  });
  it("toWad rounds down", () => {
    expect(toWad(1.5)).toBe(1_500_000_000_000_000_000n);
    expect(toWad(0)).toBe(0n);
    expect(() => toWad(-1)).toThrow(InvalidPricingInputError);
  });
});
