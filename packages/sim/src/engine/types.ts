// Inputs and outputs of a backtest.

import type { GasModel } from "../execution/gas.ts";
import type { ExecutionSpec } from "../execution/types.ts";
import type { MarketPath } from "../paths/types.ts";
import type { RollReason } from "../strategies/planner.ts";
import type { RollPolicy } from "../strategies/policy.ts";

export type BacktestParams = {
  path: MarketPath;
  policy: RollPolicy;
  execution: ExecutionSpec;
  /** Default: 20 gwei, the measured/assumed units of DEFAULT_GAS_UNITS. */
  gas?: GasModel;
  /** Starting value in index units (default 100,000). */
  notional?: number;
  /** How often the roller looks at the price, seconds; 0 = every bar (default 86,400: daily). */
  checkEverySeconds?: number;
  /** Sampling of the value for tracking metrics, seconds (default 86,400: daily). */
  sampleEverySeconds?: number;
  /** Seed of the daemon's jitter (default 1). */
  seed?: number;
  /** Keep the sampled value path for charts (default true). */
  keepSeries?: boolean;
};

export type RollEvent = {
  t: number;
  x: number;
  sigma: number;
  reason: RollReason;
  fromStrike: number | undefined;
  toStrike: number;
  toMaturity: number;
  /** Position value before the roll, index units. */
  value: number;
  slippage: number;
  fees: number;
  gas: number;
  /** Seconds between the decision and the fill. */
  delaySeconds: number;
  /** ETH delta the counterparty takes on (it sells this much ETH to hedge when positive). */
  counterpartyDelta: number;
  tradedValue: number;
};

/** Annualised fractions of value (0.01 = 1%/yr), as log-return contributions; they add up to the net drift. */
export type CostBreakdown = {
  /** Mark-to-market return of holding P: the premium earned less the drift near the strike. */
  premiumDrift: number;
  slippage: number;
  fees: number;
  gas: number;
  /** slippage + fees + gas. */
  total: number;
};

export type Metrics = {
  years: number;
  /** Annualised standard deviation of the sampled log returns of value in index units (the target is flat). */
  trackingError: number;
  /** Net log growth per year of value in index units, after costs. */
  meanDrift: number;
  /** Largest fall of value from its running peak, on every bar (0.05 = 5%). */
  worstDrawdown: number;
  /** Worst sampled return (0.05 = a 5% fall in one sample period). */
  worstPeriodReturn: number;
  /** Lowest value relative to the start (−0.02 = 2% below). */
  worstShortfall: number;
  endValue: number;
  /** Set when a roll would have cost more than the position was worth: the costs ate it (meanDrift is -Infinity). */
  ruinedAt: number | undefined;
  costs: CostBreakdown;
  rolls: number;
  rollsPerYear: number;
  /** Sum of |counterparty delta| × x over the rolls: spot hedging flow the rolls create, index units. */
  hedgeFlow: number;
};

export type BacktestResult = {
  label: string;
  policy: RollPolicy;
  execution: ExecutionSpec;
  checkEverySeconds: number;
  notional: number;
  metrics: Metrics;
  rolls: RollEvent[];
  /** Sampled path: time, value (index units), index x, strike held. Empty when keepSeries is false. */
  series: { t: number[]; value: number[]; x: number[]; strike: number[] };
};
