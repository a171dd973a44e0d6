// Model prices of P and N (Black-76, zero rates, from @pn/core) and what a position is worth. Floats are fine
// here: these are model values for display, never amounts sent on chain.
import { DEFAULT_TRIGGER_MULTIPLE, nValueEth, SECONDS_PER_YEAR } from "@pn/core";
import { wadToNumber } from "./format.ts";
import type { SeriesInfo } from "./series.ts";

export type ModelInput = {
  /** Index value per ETH now (e.g. ETH/USD). */
  x: number;
  /** Annualised volatility, 0.6 for 60%. */
  sigma: number;
  /** Chain time, unix seconds. */
  now: bigint;
};

/** Per-unit values: `pEth + nEth = 1`; index values are the ETH values times x now. */
export type Quote = { pEth: number; nEth: number; pIndex: number; nIndex: number };

export function yearsToMaturity(series: SeriesInfo, now: bigint): number {
  const seconds = series.key.maturity - now;
  return seconds > 0n ? Number(seconds) / SECONDS_PER_YEAR : 0;
}

/**
 * A series' model value: once settled, the exact payoff `min(1, S/x_M)`; at or after maturity before settlement,
 * the payoff at today's x; before maturity, Black-76 at (x, σ, τ).
 */
export function modelQuote(series: SeriesInfo, { x, sigma, now }: ModelInput): Quote {
  const strike = wadToNumber(series.key.strikeWad);
  let nEth: number;
  if (series.settlementWad > 0n) {
    const xM = wadToNumber(series.settlementWad);
    nEth = Math.max(0, 1 - strike / xM);
  } else {
    nEth = nValueEth({ x, strike, tau: yearsToMaturity(series, now), sigma });
  }
  const pEth = 1 - nEth;
  return { pEth, nEth, pIndex: pEth * x, nIndex: nEth * x };
}

/**
 * The x at which the model prices N at `nPriceEth` ETH (N's ETH value rises with x): the index value a market
 * price implies. Undefined when no x in [S/1000, 1000·S] fits.
 */
export function impliedX(
  series: SeriesInfo,
  { nPriceEth, sigma, now }: Omit<ModelInput, "x"> & { nPriceEth: number },
) {
  const strike = wadToNumber(series.key.strikeWad);
  const tau = yearsToMaturity(series, now);
  const f = (x: number) => nValueEth({ x, strike, tau, sigma }) - nPriceEth;
  let low = strike / 1000;
  let high = strike * 1000;
  if (!(nPriceEth > 0 && nPriceEth < 1) || f(low) > 0 || f(high) < 0) return undefined;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(low * high);
    if (f(mid) < 0) low = mid;
    else high = mid;
  }
  return Math.sqrt(low * high);
}

export type PositionValue = {
  valueEth: number;
  valueIndex: number;
  /** x / S: ETH backing per unit of P's claim; 1 at the strike. */
  collateralRatio: number;
  /**
   * 1 − m·S/x: how far x can fall before the roll trigger at m·S, m = `DEFAULT_TRIGGER_MULTIPLE` (1.5; negative:
   * below it, roll now).
   */
  triggerDistance: number;
};

export function positionValue(
  series: SeriesInfo,
  { p, n }: { p: bigint; n: bigint },
  model: ModelInput,
): PositionValue {
  const quote = modelQuote(series, model);
  const strike = wadToNumber(series.key.strikeWad);
  const valueEth = wadToNumber(p) * quote.pEth + wadToNumber(n) * quote.nEth;
  return {
    valueEth,
    valueIndex: valueEth * model.x,
    collateralRatio: model.x / strike,
    triggerDistance: 1 - (DEFAULT_TRIGGER_MULTIPLE * strike) / model.x,
  };
}
