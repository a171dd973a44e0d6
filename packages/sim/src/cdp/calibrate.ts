// Calibration of the borrower population against Aave v2 liquidations (data/aave_v2_liquidations_rpi.csv).
//
// Model. On day d let x_d = max(0, R_d / low_d - 1), where R_d is the highest daily close of the L days before d:
// a borrower whose buffer b (how far the price may fall from where it last stood before liquidation, see
// population.ts) is below x_d is liquidated that day. Buffers are lognormal(mu, sigma); the number of borrowers
// within reach grows at g per year. The count of distinct WETH-collateral, stablecoin-debt borrowers liquidated on
// day d is fitted as
//
//   n_d = a + N * exp(g * y_d) * Phi((ln x_d - mu) / sigma)      (y_d: years from the reference day)
//
// by least squares: a >= 0 (liquidations on calm days: interest, other collateral) and N >= 0 in closed form,
// (L, mu, sigma, g) by a coarse grid then a fine one. The debt repaid per day is fitted with the same shape to give
// the book's scale in USD, and position sizes are a lognormal fitted to twice the debt repaid at each borrower's
// first liquidation of a day (Aave's close factor lets one liquidation repay half the debt).

import { normCdf } from "@pn/core";
import { WindowError } from "../errors.ts";
import type { Lognormal } from "./population.ts";

export type DailyPrice = { day: string; low: number; close: number };
export type LiquidationEvent = { day: string; user: string; debtUsd: number };

export type CalibrationInput = {
  events: readonly LiquidationEvent[];
  /** Daily lows and closes, sorted, covering [from - max lookback, to]. */
  prices: readonly DailyPrice[];
  from: string;
  to: string;
  /** The day N and the USD book refer to (default 2021-05-19). */
  referenceDay?: string;
  lookbacks?: readonly number[];
};

export type CalibrationResult = {
  lookbackDays: number;
  buffer: Lognormal;
  growthPerYear: number;
  baselinePerDay: number;
  /** N: borrowers within reach of liquidation at the reference day. */
  atRiskBorrowers: number;
  r2: number;
  /** Debt a full sweep of the at-risk book would repay at the reference day (USD), and that fit's R². */
  atRiskRepaidUsd: number;
  usdR2: number;
  /** Book debt at the reference day: atRiskRepaidUsd / 0.5 (one liquidation repays half). */
  bookDebtUsd: number;
  size: Lognormal;
  referenceDay: string;
  days: number;
  borrowerDays: number;
  /** The days with the most liquidated borrowers: observed against fitted. */
  topDays: { day: string; x: number; observed: number; fitted: number }[];
};

type Shape = { lookback: number; mu: number; sigma: number; growth: number };
type Fit = Shape & { a: number; b: number; sse: number };

const YEAR_DAYS = 365;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Least squares of y = a + b f with a, b >= 0, where f = base * scale elementwise. */
function linearFit(
  base: Float64Array,
  scale: Float64Array,
  y: Float64Array,
): { a: number; b: number; sse: number } {
  const n = base.length;
  let sf = 0;
  let sy = 0;
  let sff = 0;
  let sfy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const fi = (base[i] ?? 0) * (scale[i] ?? 1);
    const yi = y[i] ?? 0;
    sf += fi;
    sy += yi;
    sff += fi * fi;
    sfy += fi * yi;
    syy += yi * yi;
  }
  const den = n * sff - sf * sf;
  let b = den > 0 ? (n * sfy - sf * sy) / den : 0;
  let a = (sy - b * sf) / n;
  if (a < 0) {
    a = 0;
    b = sff > 0 ? sfy / sff : 0;
  }
  if (b < 0) {
    b = 0;
    a = sy / n;
  }
  // sum (y - a - b f)^2, expanded so that no second pass is needed
  const sse = syy + n * a * a + b * b * sff - 2 * a * sy - 2 * b * sfy + 2 * a * b * sf;
  return { a, b, sse };
}

/** x_d for every day in the window, for lookback L. */
function drawdownBuffers(
  prices: readonly DailyPrice[],
  first: number,
  last: number,
  lookback: number,
): Float64Array {
  const x = new Float64Array(last - first + 1);
  for (let i = first; i <= last; i++) {
    let ref = 0;
    for (let j = Math.max(0, i - lookback); j < i; j++) ref = Math.max(ref, prices[j]?.close ?? 0);
    const low = prices[i]?.low ?? ref;
    x[i - first] = ref > 0 ? Math.max(0, ref / low - 1) : 0;
  }
  return x;
}

function shapeValues(logX: Float64Array, mu: number, sigma: number): Float64Array {
  const f = new Float64Array(logX.length);
  for (let i = 0; i < f.length; i++) {
    const lx = logX[i] ?? Number.NEGATIVE_INFINITY;
    f[i] = lx === Number.NEGATIVE_INFINITY ? 0 : normCdf((lx - mu) / sigma);
  }
  return f;
}

const grid = (lo: number, hi: number, step: number): number[] =>
  Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => Math.round((lo + i * step) * 1e6) / 1e6);

type Search = { lookback: number; mus: number[]; sigmas: number[]; growths: number[] };

function search(
  logX: Float64Array,
  y: Float64Array,
  years: Float64Array,
  s: Search,
  best?: Fit,
): Fit | undefined {
  const scales = s.growths.map((g) => Float64Array.from(years, (t) => Math.exp(g * t)));
  for (const mu of s.mus) {
    for (const sigma of s.sigmas) {
      const base = shapeValues(logX, mu, sigma);
      for (let k = 0; k < scales.length; k++) {
        const fit = linearFit(base, scales[k] ?? years, y);
        if (best === undefined || fit.sse < best.sse) {
          best = { lookback: s.lookback, mu, sigma, growth: s.growths[k] ?? 0, ...fit };
        }
      }
    }
  }
  return best;
}

type Window = { first: number; last: number; years: Float64Array; days: string[] };

function dayWindow(input: CalibrationInput, referenceDay: string): Window {
  const found = input.prices.findIndex((p) => p.day >= input.from);
  const first = found < 0 ? input.prices.length : found;
  let last = first;
  while (
    first < input.prices.length &&
    last + 1 < input.prices.length &&
    (input.prices[last + 1]?.day ?? "") <= input.to
  )
    last++;
  const days = input.prices.slice(first, last + 1).map((p) => p.day);
  const ref = dayNumber(referenceDay);
  return { first, last, days, years: Float64Array.from(days, (d) => (dayNumber(d) - ref) / YEAR_DAYS) };
}

/** Per day: distinct borrowers liquidated and debt repaid; and the lognormal of twice each first repayment. */
function tallies(events: readonly LiquidationEvent[], days: readonly string[]) {
  const index = new Map(days.map((d, i) => [d, i]));
  const users = days.map(() => new Set<string>());
  const usd = new Float64Array(days.length);
  const logSizes: number[] = [];
  for (const e of events) {
    const i = index.get(e.day);
    if (i === undefined) continue;
    usd[i] = (usd[i] ?? 0) + e.debtUsd;
    const seen = users[i];
    if (seen === undefined || seen.has(e.user)) continue;
    seen.add(e.user);
    if (e.debtUsd > 0) logSizes.push(Math.log(2 * e.debtUsd));
  }
  const mu = logSizes.reduce((s, v) => s + v, 0) / logSizes.length;
  const variance = logSizes.reduce((s, v) => s + (v - mu) ** 2, 0) / (logSizes.length - 1);
  return { count: Float64Array.from(users, (u) => u.size), usd, size: { mu, sigma: Math.sqrt(variance) } };
}

const totalSquares = (y: Float64Array): number => {
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  return y.reduce((s, v) => s + (v - mean) ** 2, 0);
};

/** Fits the population model to Aave v2 liquidations. Deterministic; about a second on the full file. */
export function calibrateAaveBook(input: CalibrationInput): CalibrationResult {
  const referenceDay = input.referenceDay ?? "2021-05-19";
  const w = dayWindow(input, referenceDay);
  if (w.days.length < 10) {
    throw new WindowError({
      reason: `${input.from} .. ${input.to} holds ${w.days.length} priced day(s); the fit needs 10 or more`,
    });
  }
  const { count, usd, size } = tallies(input.events, w.days);
  const logXs = new Map<number, Float64Array>();
  let best: Fit | undefined;
  for (const lookback of input.lookbacks ?? [1, 2, 3, 5, 7, 10, 14, 21, 30]) {
    const logX = drawdownBuffers(input.prices, w.first, w.last, lookback).map(Math.log);
    logXs.set(lookback, logX);
    best = search(
      logX,
      count,
      w.years,
      { lookback, mus: grid(-3, 0.5, 0.1), sigmas: grid(0.1, 2, 0.1), growths: grid(-1, 4, 0.25) },
      best,
    );
  }
  if (best === undefined) throw new WindowError({ reason: "no lookback to fit" });
  const logX = logXs.get(best.lookback) ?? new Float64Array();
  const around = (v: number, half: number, step: number, min: number) =>
    grid(Math.max(min, v - half), v + half, step);
  best =
    search(logX, count, w.years, {
      lookback: best.lookback,
      mus: around(best.mu, 0.1, 0.01, -5),
      sigmas: around(best.sigma, 0.1, 0.01, 0.02),
      growths: around(best.growth, 0.25, 0.025, -2),
    }) ?? best;
  const scale = Float64Array.from(w.years, (t) => Math.exp(best.growth * t));
  const base = shapeValues(logX, best.mu, best.sigma);
  const usdFit = linearFit(base, scale, usd);
  const x = logX.map(Math.exp);
  const topDays = [...count.keys()]
    .sort((i, j) => (count[j] ?? 0) - (count[i] ?? 0))
    .slice(0, 8)
    .map((i) => ({
      day: w.days[i] ?? "",
      x: x[i] ?? 0,
      observed: count[i] ?? 0,
      fitted: best.a + best.b * (base[i] ?? 0) * (scale[i] ?? 1),
    }));
  return {
    lookbackDays: best.lookback,
    buffer: { mu: best.mu, sigma: best.sigma },
    growthPerYear: best.growth,
    baselinePerDay: best.a,
    atRiskBorrowers: best.b,
    r2: 1 - best.sse / totalSquares(count),
    atRiskRepaidUsd: usdFit.b,
    usdR2: 1 - usdFit.sse / totalSquares(usd),
    bookDebtUsd: usdFit.b / 0.5,
    size,
    referenceDay,
    days: w.days.length,
    borrowerDays: count.reduce((s, v) => s + v, 0),
    topDays,
  };
}

/**
 * The reference price of a day: the highest daily close of the `lookbackDays` days before it (the calibrated
 * model's p_ref), or undefined when `prices` has none of them.
 */
export function lookbackHigh(
  prices: readonly DailyPrice[],
  day: string,
  lookbackDays: number,
): number | undefined {
  const end = prices.findIndex((p) => p.day >= day);
  const stop = end < 0 ? prices.length : end;
  let high: number | undefined;
  for (let i = Math.max(0, stop - lookbackDays); i < stop; i++) {
    const p = prices[i];
    if (p !== undefined && dayNumber(day) - dayNumber(p.day) <= lookbackDays)
      high = Math.max(high ?? 0, p.close);
  }
  return high;
}
