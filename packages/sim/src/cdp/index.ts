// The liquidation-based baseline: a calibrated population of borrowers of Maker, Liquity or Aave through a price
// path. See docs/cdp-baseline.md.

import type { ImpactModel } from "../cascade/market.ts";
import type { PopulationParams } from "./population.ts";
import type { CdpPreset, CdpPresetName } from "./presets.ts";
import { type CdpCrashResult, type CrashPath, runBooks } from "./run.ts";

export { type AaveFilter, loadAaveLiquidations, loadDailyPrices, USD_STABLECOINS } from "./aaveData.ts";
export type { BookSeries } from "./book.ts";
export {
  type CalibrationInput,
  type CalibrationResult,
  calibrateAaveBook,
  type DailyPrice,
  type LiquidationEvent,
  lookbackHigh,
} from "./calibrate.ts";
export { AAVE_V2_CALIBRATION, type BookCalibration } from "./calibration.ts";
export {
  bufferCdf,
  createPopulation,
  type Lognormal,
  normInv,
  type Population,
  type PopulationParams,
} from "./population.ts";
export {
  AAVE,
  CDP_PRESETS,
  type CdpPreset,
  type CdpPresetName,
  LIQUITY,
  type LiquidationOutcome,
  liquidate,
  MAKER,
  resolvePreset,
} from "./presets.ts";
export {
  type CdpBookSpec,
  type CdpCrashResult,
  type CrashPath,
  type RunBooksParams,
  runBooks,
} from "./run.ts";

export type CdpCrashParams = {
  /** The price path, e.g. one crash day's 10-minute lows. */
  path: CrashPath;
  preset: CdpPreset | CdpPresetName;
  /** The borrowers (default: 10,000 drawn from the Aave v2 calibration, buffers measured from the path's start). */
  population?: PopulationParams;
  /** Price impact of the forced sales (default none: the book takes the path's prices as given). */
  impact?: ImpactModel;
};

/**
 * Runs a CDP book through a price path: liquidations, collateral force-sold, penalty losses, the worst hour of
 * forced selling, and per-step series for charts.
 *
 * @example
 * const r = runCdpCrash({ path: { t, x }, preset: "maker" });
 * r.liquidations; r.collateralSoldEth; r.penaltyUsd; r.worstHour.soldUsd; r.steps.soldEth;
 */
export function runCdpCrash(params: CdpCrashParams): CdpCrashResult {
  const { books } = runBooks({
    path: params.path,
    books: [
      {
        preset: params.preset,
        ...(params.population === undefined ? {} : { population: params.population }),
      },
    ],
    ...(params.impact === undefined ? {} : { impact: params.impact }),
  });
  return books[0] as CdpCrashResult; // one book in, one result out
}
