// Runs one or more CDP books through a price path in one market, and summarises each.

import { type MarketRun, runMarket, worstWindow } from "../cascade/engine.ts";
import type { ImpactModel } from "../cascade/market.ts";
import { InvalidParameterError } from "../errors.ts";
import { type BookSeries, CdpBook } from "./book.ts";
import { createPopulation, type PopulationParams } from "./population.ts";
import { type CdpPreset, type CdpPresetName, resolvePreset } from "./presets.ts";

/** A price path: step times (unix seconds, increasing) and the exogenous ETH/USD price at each. */
export type CrashPath = { t: Float64Array; x: Float64Array };

export type CdpBookSpec = { preset: CdpPreset | CdpPresetName; population?: PopulationParams };

export type CdpCrashResult = {
  preset: CdpPresetName;
  label: string;
  /** The preset's simplifications. */
  note: string;
  borrowers: number;
  /** Share of the book already liquidated before the path starts (the drop from the reference price). */
  liquidatedBeforeShare: number;
  /** Debt and collateral of the borrowers at the start, USD and ETH. */
  debtUsd: number;
  collateralEth: number;
  /** Liquidation events (Aave may liquidate one position several times) and distinct borrowers liquidated. */
  liquidations: number;
  borrowersLiquidated: number;
  /** Collateral force-sold, ETH, and what it fetched, USD. */
  collateralSoldEth: number;
  forcedSalesUsd: number;
  debtRepaidUsd: number;
  /** Borrowers' losses to penalties / bonuses / Stability Pool gains, USD. */
  penaltyUsd: number;
  badDebtUsd: number;
  /** The 60 minutes with the most forced selling. */
  worstHour: { start: number; end: number; soldEth: number; soldUsd: number };
  startPrice: number;
  exogenousLow: number;
  /** Lowest market price (equal to exogenousLow without impact). */
  marketLow: number;
  steps: BookSeries & { t: Float64Array; exogenous: Float64Array; market: Float64Array };
};

export type RunBooksParams = { path: CrashPath; books: readonly CdpBookSpec[]; impact?: ImpactModel };

export function validatePath(path: CrashPath): void {
  const n = path.t.length;
  if (n < 2 || path.x.length !== n) {
    throw new InvalidParameterError({
      field: "path",
      value: `${n} times, ${path.x.length} prices`,
      expected: "two or more steps, one price per time",
    });
  }
  for (let i = 0; i < n; i++) {
    if (!((path.x[i] ?? 0) > 0))
      throw new InvalidParameterError({
        field: `path.x[${i}]`,
        value: path.x[i],
        expected: "a positive price",
      });
    if (i > 0 && !((path.t[i] ?? 0) > (path.t[i - 1] ?? 0))) {
      throw new InvalidParameterError({
        field: `path.t[${i}]`,
        value: path.t[i],
        expected: "times strictly increasing",
      });
    }
  }
}

const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
  return s;
};
const min = (a: Float64Array): number => a.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);

function summarise(
  book: CdpBook,
  run: MarketRun,
  start: { debtUsd: number; collateralEth: number; share: number; n: number },
): CdpCrashResult {
  const s = book.series;
  const worst = worstWindow(run.t, s.soldUsd, 3600);
  const worstEth = worstWindow(run.t, s.soldEth, 3600);
  return {
    preset: book.preset.name,
    label: book.preset.label,
    note: book.preset.note,
    borrowers: start.n,
    liquidatedBeforeShare: start.share,
    debtUsd: start.debtUsd,
    collateralEth: start.collateralEth,
    liquidations: sum(s.liquidations),
    borrowersLiquidated: book.borrowersLiquidated,
    collateralSoldEth: sum(s.soldEth),
    forcedSalesUsd: sum(s.soldUsd),
    debtRepaidUsd: sum(s.debtRepaidUsd),
    penaltyUsd: sum(s.penaltyUsd),
    badDebtUsd: sum(s.badDebtUsd),
    worstHour: { start: worst.start, end: worst.end, soldUsd: worst.total, soldEth: worstEth.total },
    startPrice: run.exogenous[0] ?? 0,
    exogenousLow: min(run.exogenous),
    marketLow: min(run.price),
    steps: { ...s, t: run.t, exogenous: run.exogenous, market: run.price },
  };
}

/** Runs the books together: with an impact model their forced sales share one market and feed back. */
export function runBooks(params: RunBooksParams): { run: MarketRun; books: CdpCrashResult[] } {
  validatePath(params.path);
  const { t, x } = params.path;
  const startPrice = x[0] ?? 0;
  const starts: { debtUsd: number; collateralEth: number; share: number; n: number }[] = [];
  const books = params.books.map((spec) => {
    const preset = resolvePreset(spec.preset);
    const population = createPopulation(spec.population ?? {}, preset.liquidationRatio, startPrice);
    starts.push({
      debtUsd: sum(population.debtUsd),
      collateralEth: sum(population.collateralEth),
      share: population.liquidatedBeforeShare,
      n: population.debtUsd.length,
    });
    return new CdpBook(preset, population, t.length);
  });
  const run = runMarket({
    t,
    x,
    sellers: books,
    ...(params.impact === undefined ? {} : { impact: params.impact }),
  });
  return {
    run,
    books: books.map((b, k) =>
      summarise(b, run, starts[k] ?? { debtUsd: 0, collateralEth: 0, share: 0, n: 0 }),
    ),
  };
}
