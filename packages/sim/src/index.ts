// Public API of @pn/sim: the deterministic simulator of P-roll index tracking, built on @pn/core.

export * from "./cascade/index.ts";
export * from "./cdp/index.ts";
export { DEFAULT_CASCADE_IMPACT, type DefaultCdpOptions, defaultCdpProvider } from "./crash/cdp-adapter.ts";
export { type CrashReplayParams, runCrashReplay } from "./crash/replay.ts";
export type {
  CdpCrashProvider,
  CdpCrashSummary,
  CrashReplayResult,
  CrashRun,
  PnCrashSide,
} from "./crash/types.ts";
// Inputs: data files, paths, implied volatility.
export { type CsvTable, parseCsv, readCsv } from "./data/csv.ts";
export {
  type LoadedPrices,
  type LoadPriceOptions,
  latestAtOrBefore,
  loadCpi,
  loadDvol,
  loadEurUsd,
  loadGas,
  loadPriceCsv,
  rangeText,
  selectWindow,
} from "./data/loaders.ts";
export {
  isoDate,
  parseUtc,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  type Window,
  windowBounds,
} from "./data/time.ts";
// Engine, Monte Carlo, crash replay.
export { runBacktest } from "./engine/backtest.ts";
export { normCdfFast, putFast } from "./engine/fast-black.ts";
export { markN, markP, SECONDS_PER_YEAR, yearsBetween } from "./engine/mark.ts";
export type { BacktestParams, BacktestResult, CostBreakdown, Metrics, RollEvent } from "./engine/types.ts";
export {
  CsvFormatError,
  DataFileError,
  InsufficientLiquidityError,
  InvalidParameterError,
  MissingColumnError,
  MissingReferenceDataError,
  WindowError,
  WorkerFailedError,
} from "./errors.ts";
// Execution.
export { ammBuyCost, ammSellCost } from "./execution/amm.ts";
export { DEFAULT_GAS, DEFAULT_GAS_UNITS, type GasModel, gasCost, gasPriceAt } from "./execution/gas.ts";
export {
  counterpartyDelta,
  legValues,
  netCallGreeks,
  nFair,
  pFair,
  spreadRiskCharge,
} from "./execution/maker.ts";
export {
  DEFAULT_MAKER,
  defaultExecution,
  executionLabel,
  ROUTES,
  VENUES,
  type Venue,
} from "./execution/presets.ts";
export { executionDelaySeconds, gasFor, quoteRoll } from "./execution/quote.ts";
export type {
  ExecutionCost,
  ExecutionSpec,
  GasUnits,
  Leg,
  MakerRisk,
  RollTrade,
  Route,
} from "./execution/types.ts";
// Contract-mirroring handlers (the CDP baseline and the cascade model export from ./cdp and ./cascade).
export * from "./handlers/index.ts";
export { type ProgressCallback, runMonteCarlo } from "./montecarlo/run.ts";
export { simulateRange, summarise } from "./montecarlo/simulate.ts";
export type {
  Distribution,
  IvSpec,
  MonteCarloParams,
  MonteCarloResult,
  PathMetrics,
} from "./montecarlo/types.ts";
export { type GenerateOptions, type GeneratorSpec, generatePath } from "./paths/generators.ts";
export { type HistoricalPath, type HistoricalPathOptions, loadHistoricalPath } from "./paths/historical.ts";
export { cpiFor, type EcbRates, ecbRateFor, type IndexSpec, toIndexSeries } from "./paths/indices.ts";
export { dailyMoves, type RemovedDay, removeLargestDays } from "./paths/surgery.ts";
export type { MarketPath, PriceSeries, TimeSeries } from "./paths/types.ts";
export {
  attachImpliedVol,
  DEFAULT_IV_SPREAD,
  dvolRealisedSpread,
  type ImpliedVolOptions,
  trailingRealisedVol,
} from "./paths/vol.ts";
// Reports.
export { backtestReport, checkLabel, metricsTable, runLabel } from "./report/backtest-report.ts";
export { crashReport } from "./report/crash-report.ts";
export {
  markdownTable,
  num,
  pct,
  type ReportDoc,
  renderHtml,
  renderMarkdown,
  type Section,
  type Table,
  toJson,
} from "./report/document.ts";
export { monteCarloReport } from "./report/montecarlo-report.ts";
export { histogram, lineChart, scatter, stackedBars } from "./report/svg.ts";
export { type WrittenReport, writeReport } from "./report/write.ts";
export { createRng, deriveSeed, type Rng } from "./rng.ts";
export { excessKurtosis, logReturns, mean, median, quantile, stdDev } from "./stats.ts";
// Strategies.
export {
  type Holding,
  type Marks,
  type PlanInput,
  planRoll,
  policyThresholds,
  type RollDecision,
  type RollReason,
  roundDownSignificant,
  type SeriesTarget,
  targetSeries,
} from "./strategies/planner.ts";
export {
  DAEMON_JITTERED,
  drawThresholds,
  POLICY_PRESETS,
  POST_RULE,
  type PolicyJitter,
  type RollPolicy,
  SHORT_TENOR,
  type Thresholds,
  TRACKER_28D,
  VAULT_RULES,
  validatePolicy,
} from "./strategies/policy.ts";
