// Black-76 with zero rates, the first pricing model for P and N (BRIEF §2). Values in index units (e.g. USD)
// unless a name says ETH. x is the index value per ETH (the forward), S the strike, tau years, sigma annual.
// Floating point is fine here: these are model values, converted to bigint only at the edge (`toWad`).
//
// N is a call on ETH struck at S:      N_usd = C(x, S)            N_eth = C / x
// P is S minus a put struck at S:      P_usd = S - Put(x, S)      P_eth = P_usd / x      P_eth + N_eth = 1

import { PnError } from "./errors.ts";

export type PricingInput = {
  /** Index value per ETH now (e.g. the ETH/USD price). */
  x: number;
  /** Strike, index units per ETH. */
  strike: number;
  /** Time to maturity in years (365-day years: seconds / 31,536,000). */
  tau: number;
  /** Annualised volatility, e.g. 0.8 for 80%. */
  sigma: number;
};

export type Greeks = {
  /** d(value in index units) / dx. */
  delta: number;
  /** d(delta) / dx. */
  gamma: number;
  /** d(value) / d(sigma), per 1.00 of volatility (divide by 100 for per vol point). */
  vega: number;
  /** d(value) / dt as time passes, per year (negative for a long option; divide by 365 for per day). */
  theta: number;
};

export const SECONDS_PER_YEAR = 31_536_000;

export class InvalidPricingInputError extends PnError {
  override name = "InvalidPricingInputError";
  constructor({ field, value }: { field: string; value: number }) {
    super(`Pricing input ${field} = ${value} is not valid.`, {
      fix: "x and strike must be positive and finite; tau and sigma must be finite and not negative.",
    });
  }
}

export class ImpliedVolatilityError extends PnError {
  override name = "ImpliedVolatilityError";
  constructor({ price, reason }: { price: number; reason: string }) {
    super(`No implied volatility for a call price of ${price}: ${reason}.`, {
      fix: "Pass a call value strictly between its intrinsic value max(x - S, 0) and x.",
    });
  }
}

/** Standard normal density. */
export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal distribution function. For z >= -3, Marsaglia's Taylor series (absolute error ~1e-16, so
 * relative error <= 1e-13 where the value is >= 1e-3); below -3, the upper-tail continued fraction
 * Q(t) = phi(t) / (t + 1/(t + 2/(t + 3/(t + ...)))) with t = -z, accurate in relative terms deep in the tail.
 */
export function normCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < -3) return upperTail(-z);
  if (z > 8) return 1;
  let sum = z;
  let term = z;
  const z2 = z * z;
  for (let i = 3; sum + term !== sum; i += 2) {
    term = (term * z2) / i;
    sum += term;
  }
  return 0.5 + sum * Math.exp(-0.5 * z2 - 0.9189385332046727);
}

/** P(Z > t) for t > 3, by the continued fraction evaluated backwards from a fixed depth (exact to double). */
function upperTail(t: number): number {
  if (t > 38) return 0;
  let fraction = t;
  for (let k = 60; k >= 1; k--) fraction = t + k / fraction;
  return normPdf(t) / fraction;
}

function check({ x, strike, tau, sigma }: PricingInput): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidPricingInputError({ field: "x", value: x });
  if (!(strike > 0) || !Number.isFinite(strike))
    throw new InvalidPricingInputError({ field: "strike", value: strike });
  if (!(tau >= 0) || !Number.isFinite(tau)) throw new InvalidPricingInputError({ field: "tau", value: tau });
  if (!(sigma >= 0) || !Number.isFinite(sigma))
    throw new InvalidPricingInputError({ field: "sigma", value: sigma });
  const sd = sigma * Math.sqrt(tau);
  if (!Number.isFinite(sd)) throw new InvalidPricingInputError({ field: "sigma * sqrt(tau)", value: sd });
}

function d1d2({ x, strike, tau, sigma }: PricingInput): { d1: number; d2: number; sd: number } {
  const sd = sigma * Math.sqrt(tau);
  const d1 = (Math.log(x / strike) + 0.5 * sd * sd) / sd;
  return { d1, d2: d1 - sd, sd };
}

/** Call value in index units: the value of N. */
export function callValue(input: PricingInput): number {
  check(input);
  const { x, strike } = input;
  const { d1, d2, sd } = d1d2(input);
  const intrinsic = Math.max(x - strike, 0);
  if (sd === 0) return intrinsic;
  // Never below intrinsic nor above x: rounding cannot produce an arbitrage (or a negative N).
  return Math.min(x, Math.max(intrinsic, x * normCdf(d1) - strike * normCdf(d2)));
}

/** Put value in index units: what P gives up against a bond of S. */
export function putValue(input: PricingInput): number {
  return callValue(input) - (input.x - input.strike);
}

/** N's value in index units (= the call). */
export function nValue(input: PricingInput): number {
  return callValue(input);
}

/** P's value in index units: S minus the put. */
export function pValue(input: PricingInput): number {
  return input.strike - Math.max(putValue(input), 0);
}

/** N's value in ETH per N. */
export function nValueEth(input: PricingInput): number {
  return nValue(input) / input.x;
}

/** P's value in ETH per P; P_eth + N_eth = 1. */
export function pValueEth(input: PricingInput): number {
  return 1 - nValueEth(input);
}

/** Greeks of N (the call), in index units. P's greeks are the negatives of N's for delta, gamma, vega, theta
 * plus P's delta of 1 per ETH held: P_usd = x - C, so dP/dx = 1 - delta_N and the rest flip sign. */
export function nGreeks(input: PricingInput): Greeks {
  check(input);
  const { x, strike, tau, sigma } = input;
  const { d1, sd } = d1d2(input);
  if (sd === 0) return { delta: x > strike ? 1 : 0, gamma: 0, vega: 0, theta: 0 };
  const density = normPdf(d1);
  return {
    delta: normCdf(d1),
    gamma: density / (x * sd),
    vega: x * density * Math.sqrt(tau),
    theta: -(x * density * sigma) / (2 * Math.sqrt(tau)),
  };
}

/** Greeks of P in index units (P_usd = x - C). */
export function pGreeks(input: PricingInput): Greeks {
  const n = nGreeks(input);
  return { delta: 1 - n.delta, gamma: -n.gamma, vega: -n.vega, theta: -n.theta };
}

/** The volatility at which the call (N) is worth `callPrice` index units. Bisection on a monotone function. */
export function impliedVolatility(params: Omit<PricingInput, "sigma"> & { callPrice: number }): number {
  const { x, strike, tau, callPrice } = params;
  check({ x, strike, tau, sigma: 0 });
  const intrinsic = Math.max(x - strike, 0);
  if (!(tau > 0)) throw new ImpliedVolatilityError({ price: callPrice, reason: "no time left" });
  if (!(callPrice > intrinsic && callPrice < x)) {
    throw new ImpliedVolatilityError({ price: callPrice, reason: "outside the no-arbitrage range" });
  }
  let low = 0;
  let high = 1;
  while (callValue({ x, strike, tau, sigma: high }) < callPrice) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (callValue({ x, strike, tau, sigma: mid }) < callPrice) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Converts a model value to a WAD bigint, rounding down (toward the protocol). */
export function toWad(value: number): bigint {
  if (!Number.isFinite(value) || value < 0) throw new InvalidPricingInputError({ field: "value", value });
  const [whole = "0", fraction = ""] = value.toFixed(18).split(".");
  return BigInt(whole) * 10n ** 18n + BigInt(fraction.slice(0, 18).padEnd(18, "0"));
}
