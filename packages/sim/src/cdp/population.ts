// A population of borrowers for one CDP system. Each borrower has debt d (USD) and collateral c (ETH); its buffer
// b = c * p_ref / (LR * d) - 1 is how far the price can fall from the reference price p_ref before the position is
// liquidatable (at p_ref / (1 + b)). Buffers are lognormal (the Aave v2 calibration, see calibration.ts), sizes
// are lognormal; the two are drawn independently, by stratified sampling so that 10,000 borrowers reproduce the
// distributions closely and a seed reproduces the population exactly.
//
// Borrowers whose liquidation price lies above the path's first price were liquidated before the window starts:
// they are left out (buffers are drawn from the distribution truncated at that point) and the book shrinks by
// the same share.

import { normCdf } from "@pn/core";
import { InvalidParameterError } from "../errors.ts";
import { createRng, type Rng } from "../rng.ts";
import { AAVE_V2_CALIBRATION } from "./calibration.ts";

export type Lognormal = { mu: number; sigma: number };

export type PopulationParams = {
  /** Number of borrowers (default 10,000). */
  borrowers?: number;
  seed?: number;
  /** Total debt of the book at the reference price, USD (default: the calibrated Aave v2 WETH/stablecoin book). */
  bookDebtUsd?: number;
  /** Distribution of buffers b relative to the reference price (default: calibrated). */
  buffer?: Lognormal;
  /** Distribution of position debt, USD (default: calibrated; rescaled to `bookDebtUsd`). */
  size?: Lognormal;
  /** Price the buffers are measured from (default: the path's first price). */
  referencePrice?: number;
  /** Exact positions instead of a drawn population (every other field is then ignored). */
  positions?: { collateralEth: Float64Array; debtUsd: Float64Array };
};

export type Population = {
  /** Collateral, ETH. */
  collateralEth: Float64Array;
  /** Debt, USD. */
  debtUsd: Float64Array;
  /** Share of the book (by count and, in expectation, by debt) already liquidated before the window. */
  liquidatedBeforeShare: number;
  referencePrice: number;
  bookDebtUsd: number;
};

/** Inverse of the standard normal distribution function (Acklam's rational approximation, |error| < 1.2e-9). */
export function normInv(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (!(p > 0 && p < 1)) return p <= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const z =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    return p < low ? z : -z;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** P(b < x) for a lognormal buffer. */
export function bufferCdf(buffer: Lognormal, x: number): number {
  return x <= 0 ? 0 : normCdf((Math.log(x) - buffer.mu) / buffer.sigma);
}

/** `n` stratified uniforms in [lo, 1): one per equal slice, in a random order. */
function stratified(rng: Rng, n: number, lo: number): Float64Array {
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = lo + ((1 - lo) * (i + rng.nextFloat())) / n;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const tmp = u[i] ?? 0;
    u[i] = u[j] ?? 0;
    u[j] = tmp;
  }
  return u;
}

function check(field: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new InvalidParameterError({ field, value, expected });
}

/** Draws the borrowers of a book for a system with liquidation ratio `liquidationRatio`, starting at `startPrice`. */
export function createPopulation(
  params: PopulationParams,
  liquidationRatio: number,
  startPrice: number,
): Population {
  if (params.positions !== undefined) return explicitPopulation(params.positions, startPrice);
  const n = params.borrowers ?? 10_000;
  const buffer = params.buffer ?? AAVE_V2_CALIBRATION.buffer;
  const size = params.size ?? AAVE_V2_CALIBRATION.size;
  const referencePrice = params.referencePrice ?? startPrice;
  const bookDebtUsd = params.bookDebtUsd ?? AAVE_V2_CALIBRATION.bookDebtUsd;
  check("borrowers", n, Number.isInteger(n) && n > 0, "a positive integer");
  check("buffer.sigma", buffer.sigma, buffer.sigma > 0, "a positive number");
  check("size.sigma", size.sigma, size.sigma > 0, "a positive number");
  check("referencePrice", referencePrice, referencePrice > 0, "a positive price");
  check("bookDebtUsd", bookDebtUsd, bookDebtUsd > 0, "a positive USD amount");

  const rng = createRng(params.seed ?? 1);
  const liquidatedBeforeShare = bufferCdf(buffer, referencePrice / startPrice - 1);
  const bufferU = stratified(rng, n, liquidatedBeforeShare);
  const sizeU = stratified(rng, n, 0);
  const debtUsd = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.exp(size.mu + size.sigma * normInv(sizeU[i] ?? 0.5));
    debtUsd[i] = d;
    total += d;
  }
  const scale = (bookDebtUsd * (1 - liquidatedBeforeShare)) / total;
  const collateralEth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = (debtUsd[i] ?? 0) * scale;
    debtUsd[i] = d;
    const b = Math.exp(buffer.mu + buffer.sigma * normInv(bufferU[i] ?? 0.5));
    collateralEth[i] = ((1 + b) * liquidationRatio * d) / referencePrice;
  }
  return { collateralEth, debtUsd, liquidatedBeforeShare, referencePrice, bookDebtUsd };
}

function explicitPopulation(
  positions: NonNullable<PopulationParams["positions"]>,
  startPrice: number,
): Population {
  const { collateralEth, debtUsd } = positions;
  check(
    "positions",
    collateralEth.length,
    collateralEth.length === debtUsd.length && collateralEth.length > 0,
    "as many collateral amounts as debts, at least one",
  );
  for (let i = 0; i < debtUsd.length; i++) {
    check(`positions.debtUsd[${i}]`, debtUsd[i] ?? 0, (debtUsd[i] ?? 0) > 0, "a positive debt");
    check(
      `positions.collateralEth[${i}]`,
      collateralEth[i] ?? 0,
      (collateralEth[i] ?? 0) > 0,
      "a positive collateral",
    );
  }
  const bookDebtUsd = debtUsd.reduce((s, v) => s + v, 0);
  return { collateralEth, debtUsd, liquidatedBeforeShare: 0, referencePrice: startPrice, bookDebtUsd };
}
