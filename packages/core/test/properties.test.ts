// Property tests (fast-check) for the core's payoffs, Black-76 pricing and series ids/symbols.
// Known-value checks live in pricing.test.ts, payoff.test.ts and series.test.ts; this file checks laws over
// sampled inputs. The seed is fixed, so every run draws the same cases; a failure prints the seed, the path and the
// shrunk counterexample, and `fc.assert(..., { seed, path })` replays it.
//
// Imports come from the modules themselves, not the package index, so this file does not depend on the modules
// that are being added in parallel.

import fc from "fast-check";
import { bytesToHex, getAddress, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { UINT40_LIMIT, UINT128_LIMIT, WAD } from "../src/constants.ts";
import { parseWad } from "../src/decimal.ts";
import { nPayout, pPayout, redeemPayout } from "../src/payoff.ts";
import {
  callValue,
  ImpliedVolatilityError,
  impliedVolatility,
  nGreeks,
  normCdf,
  nValue,
  nValueEth,
  type PricingInput,
  pGreeks,
  putValue,
  pValue,
  pValueEth,
  toWad,
} from "../src/pricing.ts";
import {
  indexIdFromTicker,
  packSeriesKey,
  type SeriesKey,
  seriesId,
  seriesName,
  seriesSymbol,
  tickerFromIndexId,
} from "../src/series.ts";

fc.configureGlobal({ seed: 0x5eed_2026, numRuns: 1_000 });

const MAX128 = UINT128_LIMIT - 1n;
const DAY = 1 / 365;

// ---------------------------------------------------------------------------------------------------------------
// Payoffs (exact bigint)
// ---------------------------------------------------------------------------------------------------------------

/** An integer in [min, max] that favours edges: full-range (fast-check already biases toward small and extreme
 * values), the bounds themselves, and small numbers. */
const uint = (min: bigint, max: bigint) =>
  fc.oneof(
    { arbitrary: fc.bigInt({ min, max }), weight: 4 },
    { arbitrary: fc.constantFrom(min, min + 1n, max - 1n, max), weight: 1 },
    { arbitrary: fc.bigInt({ min, max: min + 10_000n < max ? min + 10_000n : max }), weight: 1 },
  );

const amountArb = uint(0n, MAX128);
const strikeArb = uint(0n, MAX128);
const xArb = uint(1n, MAX128);

/** (strike, x) pairs: independent, or x within a few wei / a few WAD of the strike (where rounding bites). */
const strikeAndX = fc.oneof(
  fc.tuple(strikeArb, xArb),
  fc
    .tuple(strikeArb, fc.bigInt({ min: -1_000n, max: 1_000n }), fc.constantFrom(1n, WAD))
    .map(([s, d, unit]): [bigint, bigint] => {
      const x = s + d * unit;
      return [s, x < 1n ? 1n : x > MAX128 ? MAX128 : x];
    }),
);

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

describe("payoffs: bounds, rounding, monotonicity (amounts, strikes, x up to 2^128 - 1)", () => {
  it("each side is in [0, amount] and a pair pays amount or amount - 1 (one unit within 1 wei)", () => {
    fc.assert(
      fc.property(amountArb, strikeAndX, (amount, [strike, x]) => {
        const p = pPayout(amount, strike, x);
        const n = nPayout(amount, strike, x);
        expect(p >= 0n && p <= amount).toBe(true);
        expect(n >= 0n && n <= amount).toBe(true);
        const dust = amount - (p + n);
        expect(dust === 0n || (dust === 1n && amount > 0n)).toBe(true);
        expect(redeemPayout({ pAmount: amount, nAmount: amount, strikeWad: strike, xWad: x })).toBe(p + n);
      }),
    );
  });

  it("each side is the floor of its exact rational claim: q*x <= amount*claim < (q+1)*x", () => {
    fc.assert(
      fc.property(amountArb, strikeAndX, (amount, [strike, x]) => {
        const p = pPayout(amount, strike, x);
        const n = nPayout(amount, strike, x);
        const pClaim = amount * minBig(strike, x); // P's exact claim is amount * min(S, x) / x
        const nClaim = amount * maxBig(x - strike, 0n); // N's exact claim is amount * max(x - S, 0) / x
        expect(p * x <= pClaim && pClaim < (p + 1n) * x).toBe(true);
        expect(n * x <= nClaim && nClaim < (n + 1n) * x).toBe(true);
      }),
    );
  });

  it("pPayout is non-increasing and nPayout non-decreasing in x", () => {
    fc.assert(
      fc.property(amountArb, strikeAndX, xArb, (amount, [strike, x1], other) => {
        const [lo, hi] = x1 <= other ? [x1, other] : [other, x1];
        expect(pPayout(amount, strike, lo) >= pPayout(amount, strike, hi)).toBe(true);
        expect(nPayout(amount, strike, lo) <= nPayout(amount, strike, hi)).toBe(true);
      }),
    );
  });

  it("nearby x (x, x + 1 wei .. x + 1000 wei) keeps the order too", () => {
    fc.assert(
      fc.property(amountArb, strikeAndX, fc.bigInt({ min: 1n, max: 1_000n }), (amount, [strike, x], d) => {
        fc.pre(x + d <= MAX128);
        expect(pPayout(amount, strike, x) >= pPayout(amount, strike, x + d)).toBe(true);
        expect(nPayout(amount, strike, x) <= nPayout(amount, strike, x + d)).toBe(true);
      }),
    );
  });

  it("P is non-decreasing and N non-increasing in the strike; both non-decreasing in the amount", () => {
    fc.assert(
      fc.property(amountArb, amountArb, strikeArb, strikeArb, xArb, (a1, a2, s1, s2, x) => {
        const [aLo, aHi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const [sLo, sHi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(pPayout(aHi, sLo, x) >= pPayout(aLo, sLo, x)).toBe(true);
        expect(nPayout(aHi, sLo, x) >= nPayout(aLo, sLo, x)).toBe(true);
        expect(pPayout(aHi, sHi, x) >= pPayout(aHi, sLo, x)).toBe(true);
        expect(nPayout(aHi, sHi, x) <= nPayout(aHi, sLo, x)).toBe(true);
      }),
    );
  });

  it("redeeming in two parts pays what redeeming at once pays, or up to 1 wei less per side", () => {
    fc.assert(
      fc.property(amountArb, amountArb, strikeAndX, (a, b, [strike, x]) => {
        fc.pre(a + b <= MAX128);
        for (const pay of [pPayout, nPayout]) {
          const whole = pay(a + b, strike, x);
          const parts = pay(a, strike, x) + pay(b, strike, x);
          expect(whole - parts === 0n || whole - parts === 1n).toBe(true);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Pricing (Black-76, zero rates, float64)
// ---------------------------------------------------------------------------------------------------------------
//
// Domain: strike S log-uniform in [1, 1e6] index units, moneyness x/S log-uniform in [1/20, 20] (so x in [0.05, 2e7],
// covering the indices' [1, 1e7] rule bounds), tau log-uniform in [1 hour, 3 years] or exactly 0, sigma log-uniform
// in [1%, 400%] or exactly 0. Model values are float64, so comparisons in index units allow REL * max(x, S) and in
// ETH units REL (REL = 1e-12; the observed noise is ~1e-15 relative, from normCdf's absolute accuracy).

const REL = 1e-12;

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map(Math.exp);

const strikeNum = logUniform(1, 1e6);
const moneyness = logUniform(1 / 20, 20);
const tauArb = fc.oneof(
  { arbitrary: logUniform(1 / (365 * 24), 3), weight: 19 },
  { arbitrary: fc.constant(0), weight: 1 },
);
const sigmaArb = fc.oneof(
  { arbitrary: logUniform(0.01, 4), weight: 19 },
  { arbitrary: fc.constant(0), weight: 1 },
);

const pricingInput: fc.Arbitrary<PricingInput> = fc
  .record({ strike: strikeNum, m: moneyness, tau: tauArb, sigma: sigmaArb })
  .map(({ strike, m, tau, sigma }) => ({ x: strike * m, strike, tau, sigma }));

/** A second x above the input's: a tiny step (1e-3 relative at most) or a large one (up to 10x). */
const upRatio = fc.oneof(
  fc.double({ min: 1, max: 1 + 1e-3, noNaN: true }),
  fc.double({ min: 1, max: 10, noNaN: true }),
);

const tolUsd = ({ x, strike }: PricingInput) => REL * Math.max(x, strike);

/** Black-76 put written out on its own (not via parity), so parity is a real check of callValue. */
function independentPut({ x, strike, tau, sigma }: PricingInput): number {
  const sd = sigma * Math.sqrt(tau);
  if (sd === 0) return Math.max(strike - x, 0);
  const d1 = (Math.log(x / strike) + 0.5 * sd * sd) / sd;
  return strike * normCdf(-(d1 - sd)) - x * normCdf(-d1);
}

describe("model prices: bounds, identities, monotonicity in x", () => {
  it("N_usd in [max(x - S, 0), x], P_usd in [0, min(S, x)], P_eth and N_eth in [0, 1] (float tolerance)", () => {
    fc.assert(
      fc.property(pricingInput, (input) => {
        const { x, strike } = input;
        const tol = tolUsd(input);
        const n = nValue(input);
        const p = pValue(input);
        expect(n).toBeGreaterThanOrEqual(Math.max(x - strike, 0) - tol);
        expect(n).toBeLessThanOrEqual(x + tol);
        expect(p).toBeGreaterThanOrEqual(-tol);
        expect(p).toBeLessThanOrEqual(Math.min(strike, x) + tol);
        expect(nValueEth(input)).toBeGreaterThanOrEqual(-REL);
        expect(pValueEth(input)).toBeLessThanOrEqual(1 + REL);
      }),
    );
  });

  it("P_eth + N_eth = 1 (to 2 ulp) and P_usd + N_usd = x", () => {
    fc.assert(
      fc.property(pricingInput, (input) => {
        expect(Math.abs(pValueEth(input) + nValueEth(input) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
        expect(Math.abs(pValue(input) + nValue(input) - input.x)).toBeLessThanOrEqual(tolUsd(input));
      }),
    );
  });

  it("put-call parity: C - P = x - S, with P the Black-76 put computed on its own, and putValue agrees", () => {
    fc.assert(
      fc.property(pricingInput, (input) => {
        const tol = tolUsd(input);
        const c = callValue(input);
        const put = independentPut(input);
        expect(Math.abs(c - put - (input.x - input.strike))).toBeLessThanOrEqual(tol);
        expect(Math.abs(putValue(input) - put)).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it("N_usd and P_usd are non-decreasing in x; P_eth is non-increasing in x", () => {
    fc.assert(
      fc.property(pricingInput, upRatio, (lo, r) => {
        const hi = { ...lo, x: lo.x * r };
        const tol = tolUsd(hi);
        expect(nValue(hi)).toBeGreaterThanOrEqual(nValue(lo) - tol);
        expect(pValue(hi)).toBeGreaterThanOrEqual(pValue(lo) - tol);
        expect(pValueEth(hi)).toBeLessThanOrEqual(pValueEth(lo) + REL);
        expect(nValueEth(hi)).toBeGreaterThanOrEqual(nValueEth(lo) - REL);
      }),
    );
  });

  it("N is non-decreasing in sigma and in tau", () => {
    fc.assert(
      fc.property(pricingInput, upRatio, upRatio, (lo, rs, rt) => {
        const tol = tolUsd(lo);
        expect(nValue({ ...lo, sigma: lo.sigma * rs })).toBeGreaterThanOrEqual(nValue(lo) - tol);
        expect(nValue({ ...lo, tau: lo.tau * rt })).toBeGreaterThanOrEqual(nValue(lo) - tol);
      }),
    );
  });
});

describe("greeks", () => {
  it("signs: N delta in [0, 1], gamma >= 0, vega >= 0, N theta <= 0; P's greeks mirror N's", () => {
    fc.assert(
      fc.property(pricingInput, (input) => {
        const n = nGreeks(input);
        const p = pGreeks(input);
        expect(n.delta).toBeGreaterThanOrEqual(0);
        expect(n.delta).toBeLessThanOrEqual(1);
        expect(n.gamma).toBeGreaterThanOrEqual(0);
        expect(n.vega).toBeGreaterThanOrEqual(0);
        expect(n.theta).toBeLessThanOrEqual(0);
        expect(p).toEqual({ delta: 1 - n.delta, gamma: -n.gamma, vega: -n.vega, theta: -n.theta });
      }),
    );
  });

  it("delta and vega match central differences of nValue (sigma*sqrt(tau) >= 1e-3)", () => {
    fc.assert(
      fc.property(pricingInput, (input) => {
        const sd = input.sigma * Math.sqrt(input.tau);
        fc.pre(sd >= 1e-3);
        const g = nGreeks(input);
        const hx = 1e-4 * input.x * sd;
        const fdDelta =
          (nValue({ ...input, x: input.x + hx }) - nValue({ ...input, x: input.x - hx })) / (2 * hx);
        expect(Math.abs(fdDelta - g.delta)).toBeLessThanOrEqual(1e-6);
        const hs = 1e-4 * input.sigma;
        const fdVega =
          (nValue({ ...input, sigma: input.sigma + hs }) - nValue({ ...input, sigma: input.sigma - hs })) /
          (2 * hs);
        expect(Math.abs(fdVega - g.vega)).toBeLessThanOrEqual(
          1e-6 * input.x * Math.sqrt(input.tau) + 1e-9 * input.x,
        );
      }),
    );
  });
});

describe("implied volatility", () => {
  // Round-trip domain: S in [1, 1e6], x/S in [1/5, 5], tau in [1 day, 3 years], sigma in [5%, 300%], and the price
  // neither too close to intrinsic nor to x: time value >= 1e-6 * x and price <= (1 - 1e-6) * x. Outside that the
  // price carries too little information about sigma for float64 (vega / x below ~1e-7).
  const ivInput = fc
    .record({
      strike: strikeNum,
      m: logUniform(1 / 5, 5),
      tau: logUniform(DAY, 3),
      sigma: logUniform(0.05, 3),
    })
    .map(({ strike, m, tau, sigma }) => ({ x: strike * m, strike, tau, sigma }));

  it("price at sigma -> impliedVolatility -> sigma, within 1e-7 relative", () => {
    fc.assert(
      fc.property(ivInput, (input) => {
        const { x, strike, tau, sigma } = input;
        const price = callValue(input);
        fc.pre(price - Math.max(x - strike, 0) >= 1e-6 * x && price <= (1 - 1e-6) * x);
        const iv = impliedVolatility({ x, strike, tau, callPrice: price });
        expect(Math.abs(iv - sigma)).toBeLessThanOrEqual(1e-7 * sigma);
      }),
    );
  });

  it("any price strictly inside (intrinsic, x) is matched: callValue(IV) reprices to within 1e-12 * x", () => {
    fc.assert(
      fc.property(pricingInput, fc.double({ min: 0, max: 1, noNaN: true }), (input, u) => {
        const { x, strike, tau } = input;
        fc.pre(tau > 0);
        const intrinsic = Math.max(x - strike, 0);
        const price = intrinsic + u * (x - intrinsic);
        fc.pre(price > intrinsic && price < x);
        const iv = impliedVolatility({ x, strike, tau, callPrice: price });
        expect(Number.isFinite(iv) && iv >= 0).toBe(true);
        expect(Math.abs(callValue({ x, strike, tau, sigma: iv }) - price)).toBeLessThanOrEqual(REL * x);
      }),
    );
  });

  it("rejects prices at or below intrinsic and at or above x", () => {
    fc.assert(
      fc.property(pricingInput, fc.double({ min: 0, max: 1, noNaN: true }), (input, u) => {
        const { x, strike } = input;
        fc.pre(input.tau > 0);
        const intrinsic = Math.max(x - strike, 0);
        for (const callPrice of [intrinsic * u, x, x * (1 + u)]) {
          expect(() => impliedVolatility({ x, strike, tau: input.tau, callPrice })).toThrow(
            ImpliedVolatilityError,
          );
        }
      }),
    );
  });
});

// Regressions found by a grid scan: deep out-of-the-money N used to come out slightly negative (normCdf's lower
// tail was only accurate in absolute terms), and a non-finite sigma*sqrt(tau) made normCdf loop on NaN.
describe("regressions: deep out-of-the-money N, and non-finite inputs", () => {
  // S = 2500, x = 1000, 14 days, 60%: d1 = -7.739, d2 = -7.856; the exact call is +7.3e-14 USD.
  const input = { x: 1000, strike: 2500, tau: 14 * DAY, sigma: 0.6 };
  it("nValue >= 0 and toWad(nValueEth) does not throw", () => {
    expect(nValue(input)).toBeGreaterThanOrEqual(0);
    expect(nValue(input)).toBeLessThan(1e-12);
    expect(() => toWad(nValueEth(input))).not.toThrow();
  });
  it("N stays within [intrinsic, x] over a grid of deep out-of-the-money strikes", () => {
    for (let x = 1000; x <= 3000; x += 250) {
      for (let m = 1; m <= 20; m++) {
        const v = nValue({ x, strike: x * m, tau: 14 * DAY, sigma: 0.6 });
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(x);
      }
    }
  });
  it("an overflowing sigma * sqrt(tau) is rejected, not looped on", () => {
    expect(() => nValue({ x: 2000, strike: 1500, tau: 4, sigma: 1e308 })).toThrow(/sigma \* sqrt\(tau\)/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Series ids, tickers, symbols
// ---------------------------------------------------------------------------------------------------------------

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b));
const tickerChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
const ticker = fc.string({ unit: tickerChar, minLength: 1, maxLength: 31 });
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b));
const indexId: fc.Arbitrary<Hex> = fc.oneof(ticker.map(indexIdFromTicker), bytes32);
const keyStrike = fc.oneof(
  uint(0n, MAX128),
  fc.bigInt({ min: 0n, max: 10_000_000n }).map((s) => s * WAD),
  fc.bigInt({ min: 0n, max: 10_000_000n * 10_000n }).map((s) => (s * WAD) / 10_000n),
);
const keyMaturity = fc.oneof(
  uint(0n, UINT40_LIMIT - 1n),
  fc.bigInt({ min: 0n, max: (UINT40_LIMIT - 1n) / 86_400n }).map((d) => d * 86_400n),
);
const seriesKey: fc.Arbitrary<SeriesKey> = fc.record({
  collateral: address,
  oracle: address,
  indexId,
  strikeWad: keyStrike,
  maturity: keyMaturity,
});
/** All generated hex is lowercase, so this string is the key's identity. */
const keyString = (k: SeriesKey) => `${k.collateral}|${k.oracle}|${k.indexId}|${k.strikeWad}|${k.maturity}`;

describe("series ids", () => {
  it("distinct keys get distinct ids (sampled sets of up to 20 keys)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(seriesKey, { selector: keyString, minLength: 2, maxLength: 20 }), (keys) => {
        expect(new Set(keys.map(seriesId)).size).toBe(keys.length);
      }),
      { numRuns: 200 },
    );
  });

  it("changing any one field changes the id; the address's case does not", () => {
    const field = fc.constantFrom("collateral", "oracle", "indexId", "strikeWad", "maturity" as const);
    fc.assert(
      fc.property(seriesKey, seriesKey, field, (a, b, f) => {
        const changed = { ...a, [f]: b[f] };
        fc.pre(keyString(changed) !== keyString(a));
        expect(seriesId(changed)).not.toBe(seriesId(a));
        expect(seriesId({ ...a, collateral: getAddress(a.collateral), oracle: getAddress(a.oracle) })).toBe(
          seriesId(a),
        );
      }),
    );
  });

  it("the packed key decodes back to the key", () => {
    fc.assert(
      fc.property(seriesKey, (k) => {
        const hex = packSeriesKey(k).slice(2);
        expect(hex.length).toBe(93 * 2);
        expect(`0x${hex.slice(0, 40)}`).toBe(k.collateral);
        expect(`0x${hex.slice(40, 80)}`).toBe(k.oracle);
        expect(`0x${hex.slice(80, 144)}`).toBe(k.indexId);
        expect(BigInt(`0x${hex.slice(144, 176)}`)).toBe(k.strikeWad);
        expect(BigInt(`0x${hex.slice(176, 186)}`)).toBe(k.maturity);
      }),
    );
  });
});

describe("tickers and symbols", () => {
  it("ticker -> indexId -> ticker is the identity", () => {
    fc.assert(
      fc.property(ticker, (t) => {
        expect(tickerFromIndexId(indexIdFromTicker(t))).toBe(t);
      }),
    );
  });

  it("indexId -> ticker -> indexId is the identity whenever the id spells a ticker", () => {
    fc.assert(
      fc.property(indexId, (id) => {
        const t = tickerFromIndexId(id);
        if (t !== undefined) expect(indexIdFromTicker(t)).toBe(id);
      }),
    );
  });

  // <P|N>-<index>-<strike>-<YYYY..MMDD>[T<HHMM>]. A ticker may contain '-', but strike and date never do, so the
  // last two '-' separate them.
  const SYMBOL = /^([PN])-(.+)-(\d+(?:\.\d*[1-9])?)-(\d{4,})(\d{2})(\d{2})(?:T(\d{2})(\d{2}))?$/;

  it("seriesSymbol parses back to side, index label, strike (exact) and maturity (to the minute)", () => {
    fc.assert(
      fc.property(seriesKey, fc.constantFrom("P", "N" as const), (k, side) => {
        const symbol = seriesSymbol(k, side);
        expect(seriesName(k, side)).toBe(`pn ${symbol}`);
        const m = SYMBOL.exec(symbol);
        expect(m).not.toBeNull();
        if (m === null) return;
        const [, s, label = "", strike = "", year, month, day, hour, minute] = m;
        expect(s).toBe(side);
        const t = tickerFromIndexId(k.indexId);
        if (t === undefined) expect(label).toBe(k.indexId.slice(0, 10));
        else expect(indexIdFromTicker(label)).toBe(k.indexId);
        expect(parseWad(strike)).toBe(k.strikeWad);
        const atMidnight = k.maturity % 86_400n === 0n;
        expect(hour === undefined).toBe(atMidnight);
        const ms = Date.UTC(
          Number(year),
          Number(month) - 1,
          Number(day),
          Number(hour ?? 0),
          Number(minute ?? 0),
        );
        expect(BigInt(ms / 1000)).toBe(k.maturity - (k.maturity % 60n));
      }),
    );
  });
});
