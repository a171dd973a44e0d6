// Gas: measured units for the core's entry points (contracts/snapshots), stated assumptions for the market's,
// priced at a stated gas price or at the measured gas price of the moment when a gas series covers it.

import { latestAtOrBefore } from "../data/loaders.ts";
import type { TimeSeries } from "../paths/types.ts";
import type { GasUnits } from "./types.ts";

/** split 70,976 and merge 52,064 are measured; redeem/settle are approximate; the market's are assumptions. */
export const DEFAULT_GAS_UNITS: GasUnits = {
  split: 70_976,
  merge: 52_064,
  redeem: 49_500,
  settle: 43_000,
  ammSwap: 120_000,
  orderFill: 150_000,
  atomicRoll: 250_000,
};

export type GasModel = {
  /** Gas price in gwei used when no series value is fresh. */
  gasPriceGwei: number;
  /** Measured gas prices (gwei); used when the latest value is at most 1 hour old. */
  series?: TimeSeries;
  units?: GasUnits;
};

export const DEFAULT_GAS: GasModel = { gasPriceGwei: 20 };

/** Gas price in gwei at time t. */
export function gasPriceAt(model: GasModel, t: number): number {
  if (model.series === undefined) return model.gasPriceGwei;
  const k = latestAtOrBefore(model.series.t, t);
  const value = model.series.v[k];
  if (k < 0 || value === undefined || t - (model.series.t[k] ?? 0) > 3600) return model.gasPriceGwei;
  return value;
}

/** The index-unit cost of `gasUnits` at time t when 1 ETH is worth x index units. */
export function gasCost(params: { model: GasModel; gasUnits: number; t: number; x: number }): number {
  return params.gasUnits * gasPriceAt(params.model, params.t) * 1e-9 * params.x;
}
