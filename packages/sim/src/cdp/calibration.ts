// The calibrated population: the output of `calibrateAaveBook` on data/aave_v2_liquidations_rpi.csv (WETH
// collateral, USD-stablecoin debt, main pool, 2020-12-18 .. 2022-04-02) with daily lows and closes from
// data/eth_usd_1h_composite.csv. `scripts/crash-tables.ts` re-runs the fit and prints it; a test checks that these
// constants still match it. See docs/cdp-baseline.md for the model and its limits.

import type { Lognormal } from "./population.ts";

export type BookCalibration = {
  source: string;
  /** Buffer reference: the highest daily close of this many days before. */
  lookbackDays: number;
  /** Buffer b (price may fall to p_ref / (1 + b) before liquidation): lognormal. Median exp(mu). */
  buffer: Lognormal;
  /** Growth of the at-risk book, per year (continuous). */
  growthPerYear: number;
  /** Borrowers liquidated per day with no drawdown. */
  baselinePerDay: number;
  /** Borrowers within reach of liquidation at the reference day. */
  atRiskBorrowers: number;
  /** R² of the daily count fit. */
  r2: number;
  /** Position debt, USD: lognormal (median exp(mu)). */
  size: Lognormal;
  /** Debt of the at-risk book at the reference day, USD (twice the debt a full sweep would repay). */
  bookDebtUsd: number;
  /** R² of the daily USD fit that gives `bookDebtUsd`. */
  usdR2: number;
  referenceDay: string;
};

export const AAVE_V2_CALIBRATION: BookCalibration = {
  source: "data/aave_v2_liquidations_rpi.csv: 4,285 borrower-days over 471 days (2020-12-18 .. 2022-04-02)",
  lookbackDays: 5,
  buffer: { mu: -0.53, sigma: 0.5 },
  growthPerYear: 2.625,
  baselinePerDay: 3.14,
  atRiskBorrowers: 181.6,
  r2: 0.759,
  size: { mu: 9.5225, sigma: 2.0269 },
  bookDebtUsd: 36_780_000,
  usdR2: 0.393,
  referenceDay: "2021-05-19",
};
