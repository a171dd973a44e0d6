// Crash-window replay: P/N positions through a 10-minute crash day, beside a liquidation-based (CDP) side.

import type { RollEvent } from "../engine/types.ts";
import type { ExecutionSpec } from "../execution/types.ts";
import type { RollPolicy } from "../strategies/policy.ts";

export type CrashRun = { policy: RollPolicy; execution: ExecutionSpec; checkEverySeconds: number };

/** One P-roll position through the day. Values in index units. */
export type PnCrashSide = {
  label: string;
  valueAtOpen: number;
  valueMin: number;
  valueAtClose: number;
  /** Largest fall from the day's running peak of value. */
  worstDrawdown: number;
  rollsInDay: RollEvent[];
  /** ETH the counterparties of the day's rolls had to sell (+) or buy (−) to hedge: the only flow rolling creates. */
  hedgeFlowEth: number;
  /** Largest such flow in any clock hour, ETH (absolute). */
  worstHourHedgeFlowEth: number;
  /** Value path through the lead-in and the day. */
  series: { t: number[]; value: number[] };
};

/** What the CDP side reports for the crash report; filled by the CDP/cascade models when present. */
export type CdpCrashSummary = {
  label: string;
  liquidations: number;
  collateralForceSoldEth: number;
  /** The book's collateral at the start, ETH (for the force-sold share). */
  collateralEth?: number;
  penaltyLoss: number;
  /** ETH force-sold in the worst clock hour. */
  worstHourForceSoldEth: number;
  /**
   * The cascade, when one was run: lows without and with the book's own forced sales moving the price;
   * extraDrop = 1 − cascadeLow / exogenousLow; amplification = drawdown with the cascade / drawdown of the shock.
   */
  cascade?: { exogenousLow: number; cascadeLow: number; amplification: number; extraDrop: number };
  /** Aggregate position value (index units) through the day, for the side-by-side chart. */
  series?: { t: number[]; value: number[] };
  notes?: string[];
};

/** Supplies the CDP side of a crash day. */
export type CdpCrashProvider = (input: {
  day: string;
  t: Float64Array;
  x: Float64Array;
}) => CdpCrashSummary[];

export type CrashReplayResult = {
  day: string;
  price: { t: number[]; x: number[]; open: number; low: number; close: number };
  ivNote: string;
  gasNote: string;
  pn: PnCrashSide[];
  cdp: CdpCrashSummary[];
  cdpNote: string;
};
