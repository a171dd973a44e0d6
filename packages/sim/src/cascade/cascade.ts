// The liquidation cascade: the same books run twice on the same exogenous path, once taking prices as given and
// once selling into a market of stated depth whose price impact triggers further liquidations (iterated to a fixed
// point each step). The difference is the amplification.

import { type CdpBookSpec, type CdpCrashResult, type CrashPath, runBooks } from "../cdp/run.ts";
import type { ImpactModel } from "./market.ts";

export type CascadeParams = {
  path: CrashPath;
  /** The books selling into the market (default: one Aave book from the calibration). */
  books?: readonly CdpBookSpec[];
  /** The market the forced sales hit, e.g. { kind: "linear", depthUsdPer1Pct: 5e6 }. */
  impact: ImpactModel;
};

export type CascadeResult = {
  impact: ImpactModel;
  /** Each book taking the path's prices as given (no feedback). */
  exogenous: CdpCrashResult[];
  /** Each book with its sales moving the price. */
  cascade: CdpCrashResult[];
  startPrice: number;
  exogenousLow: number;
  cascadeLow: number;
  /** How much lower the price goes than the exogenous shock alone: 1 - cascadeLow / exogenousLow. */
  extraDrop: number;
  /** Drawdown with the cascade over drawdown of the shock alone: (start - cascadeLow) / (start - exogenousLow). */
  amplification: number;
  /** Largest gap between market and exogenous price in any step: max(1 - market / exogenous). */
  maxImpact: number;
  /** Extra liquidation events, and extra distinct borrowers liquidated, because of the cascade. */
  extraLiquidations: number;
  extraBorrowersLiquidated: number;
  extraForcedSalesUsd: number;
  steps: {
    t: Float64Array;
    exogenous: Float64Array;
    market: Float64Array;
    soldEth: Float64Array;
    soldUsd: Float64Array;
    /** Rounds of liquidation → sale → liquidation needed for the fixed point of each step. */
    rounds: Uint16Array;
  };
};

const total = (books: readonly CdpCrashResult[], f: (b: CdpCrashResult) => number): number =>
  books.reduce((s, b) => s + f(b), 0);

/**
 * @example
 * const r = runCascade({ path: { t, x }, books: [{ preset: "aave" }], impact: { kind: "linear", depthUsdPer1Pct: 2e6 } });
 * r.extraDrop; r.amplification; r.steps.market;
 */
export function runCascade(params: CascadeParams): CascadeResult {
  const books = params.books ?? [{ preset: "aave" }];
  const alone = runBooks({ path: params.path, books });
  const fed = runBooks({ path: params.path, books, impact: params.impact });
  const { run } = fed;
  const startPrice = run.exogenous[0] ?? 0;
  let exogenousLow = Number.POSITIVE_INFINITY;
  let cascadeLow = Number.POSITIVE_INFINITY;
  let maxImpact = 0;
  for (let i = 0; i < run.t.length; i++) {
    const e = run.exogenous[i] ?? 0;
    const m = run.price[i] ?? 0;
    exogenousLow = Math.min(exogenousLow, e);
    cascadeLow = Math.min(cascadeLow, m);
    maxImpact = Math.max(maxImpact, 1 - m / e);
  }
  const drop = startPrice - exogenousLow;
  return {
    impact: params.impact,
    exogenous: alone.books,
    cascade: fed.books,
    startPrice,
    exogenousLow,
    cascadeLow,
    extraDrop: 1 - cascadeLow / exogenousLow,
    amplification: drop > 0 ? (startPrice - cascadeLow) / drop : 1,
    maxImpact,
    extraLiquidations: total(fed.books, (b) => b.liquidations) - total(alone.books, (b) => b.liquidations),
    extraBorrowersLiquidated:
      total(fed.books, (b) => b.borrowersLiquidated) - total(alone.books, (b) => b.borrowersLiquidated),
    extraForcedSalesUsd:
      total(fed.books, (b) => b.forcedSalesUsd) - total(alone.books, (b) => b.forcedSalesUsd),
    steps: {
      t: run.t,
      exogenous: run.exogenous,
      market: run.price,
      soldEth: run.soldEth,
      soldUsd: run.soldUsd,
      rounds: run.rounds,
    },
  };
}
