// Monte Carlo inputs and outputs. Everything here is plain data, so it crosses worker threads as is.

import type { GasModel } from "../execution/gas.ts";
import type { ExecutionSpec } from "../execution/types.ts";
import type { GeneratorSpec } from "../paths/generators.ts";
import type { RollPolicy } from "../strategies/policy.ts";

export type IvSpec =
  | { kind: "constant"; sigma: number }
  | { kind: "realised"; windowDays: number; spread: number; initialVol: number };

export type MonteCarloParams = {
  generator: GeneratorSpec;
  x0: number;
  steps: number;
  stepSeconds: number;
  paths: number;
  seed: number;
  iv: IvSpec;
  policy: RollPolicy;
  execution: ExecutionSpec;
  gas?: GasModel;
  notional?: number;
  /** Check frequency, seconds; 0 = every step (default: every step). */
  checkEverySeconds?: number;
  /** Worker threads (default: available parallelism, at most 8; 1 runs in this thread). */
  workers?: number;
};

/** Per-path results, one entry per path in path order. */
export type PathMetrics = {
  trackingError: Float64Array;
  meanDrift: Float64Array;
  premiumDrift: Float64Array;
  slippage: Float64Array;
  fees: Float64Array;
  gas: Float64Array;
  totalCost: Float64Array;
  rolls: Float64Array;
  worstDrawdown: Float64Array;
};

export const PATH_METRIC_KEYS: readonly (keyof PathMetrics)[] = [
  "trackingError",
  "meanDrift",
  "premiumDrift",
  "slippage",
  "fees",
  "gas",
  "totalCost",
  "rolls",
  "worstDrawdown",
];

export type Distribution = { mean: number; p5: number; p50: number; p95: number };

export type MonteCarloResult = {
  /** The parameters, without the worker count (results do not depend on it) and with a bootstrap's history summarised. */
  params: Omit<MonteCarloParams, "generator" | "workers"> & { generator: unknown };
  perPath: PathMetrics;
  summary: Record<keyof PathMetrics, Distribution>;
  /** Paths whose costs ate the whole position. */
  ruined: number;
  seconds: number;
};
