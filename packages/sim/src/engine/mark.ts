// Marking: P is worth S − Put(x, S, τ, σ) index units before maturity (BRIEF §7), with σ the market's implied
// volatility at that time; N is the call. Both through packages/core's Black-76, the single pricing source.

import { InvalidPricingInputError } from "@pn/core";
import { putFast } from "./fast-black.ts";

export const SECONDS_PER_YEAR = 31_536_000;

export type MarkInput = { x: number; strike: number; tau: number; sigma: number };

/**
 * One P's value in index units, S − Put(x, S, τ, σ); at or after maturity (tau <= 0) its payoff min(S, x). Same
 * model as core's `pValue`, evaluated by `putFast` (checked against core in test/fast-black.test.ts).
 */
export function markP(input: MarkInput): number {
  const { x, strike, sigma } = input;
  if (!(x > 0 && strike > 0 && sigma >= 0 && Number.isFinite(x + strike + sigma + input.tau))) {
    const field = !(x > 0) ? "x" : !(strike > 0) ? "strike" : "sigma";
    throw new InvalidPricingInputError({ field, value: input[field] });
  }
  return strike - putFast(x, strike, Math.max(input.tau, 0), sigma);
}

/** One N's value in index units (the call, by parity x − P); at or after maturity max(x − S, 0). */
export function markN(input: MarkInput): number {
  return input.x - markP(input);
}

/** Years from t to maturity, both unix seconds. */
export function yearsBetween(t: number, maturity: number): number {
  return (maturity - t) / SECONDS_PER_YEAR;
}
