// Runs a range of Monte Carlo paths in this thread. Path i uses seeds derived from (seed, i) only, so the result
// is the same however the paths are split between workers.

import { runBacktest } from "../engine/backtest.ts";
import { generatePath } from "../paths/generators.ts";
import type { MarketPath, PriceSeries } from "../paths/types.ts";
import { attachImpliedVol } from "../paths/vol.ts";
import { deriveSeed } from "../rng.ts";
import { mean, quantile } from "../stats.ts";
import {
  type Distribution,
  type IvSpec,
  type MonteCarloParams,
  PATH_METRIC_KEYS,
  type PathMetrics,
} from "./types.ts";

export function emptyMetrics(n: number): PathMetrics {
  const make = () => new Float64Array(n);
  return {
    trackingError: make(),
    meanDrift: make(),
    premiumDrift: make(),
    slippage: make(),
    fees: make(),
    gas: make(),
    totalCost: make(),
    rolls: make(),
    worstDrawdown: make(),
  };
}

/** Simulates paths [start, end) into `out` at the same positions minus `start`. */
export function simulateRange(params: {
  mc: MonteCarloParams;
  start: number;
  end: number;
  out: PathMetrics;
  onPath?: (done: number) => void;
}): void {
  const { mc, start, end, out } = params;
  for (let i = start; i < end; i++) {
    const series = generatePath({
      spec: mc.generator,
      x0: mc.x0,
      steps: mc.steps,
      stepSeconds: mc.stepSeconds,
      seed: deriveSeed(mc.seed, i),
    });
    const result = runBacktest({
      path: withIv(series, mc.iv),
      policy: mc.policy,
      execution: mc.execution,
      ...(mc.gas === undefined ? {} : { gas: mc.gas }),
      notional: mc.notional ?? 100_000,
      checkEverySeconds: mc.checkEverySeconds ?? 0,
      sampleEverySeconds: Math.max(mc.stepSeconds, 86_400),
      seed: deriveSeed(mc.seed ^ 0x5bd1e995, i),
      keepSeries: false,
    });
    const m = result.metrics;
    const k = i - start;
    out.trackingError[k] = m.trackingError;
    out.meanDrift[k] = m.meanDrift;
    out.premiumDrift[k] = m.costs.premiumDrift;
    out.slippage[k] = m.costs.slippage;
    out.fees[k] = m.costs.fees;
    out.gas[k] = m.costs.gas;
    out.totalCost[k] = m.costs.total;
    out.rolls[k] = m.rolls;
    out.worstDrawdown[k] = m.worstDrawdown;
    params.onPath?.(k + 1);
  }
}

function withIv(series: PriceSeries, iv: IvSpec): MarketPath {
  if (iv.kind === "constant") {
    return {
      ...series,
      iv: new Float64Array(series.t.length).fill(iv.sigma),
      ivNote: `constant ${iv.sigma}`,
    };
  }
  return attachImpliedVol(series, {
    realisedWindowDays: iv.windowDays,
    spread: iv.spread,
    initialVol: iv.initialVol,
  });
}

/** Mean and 5/50/95th percentiles of each metric (non-finite values are left out of the mean). */
export function summarise(perPath: PathMetrics): Record<keyof PathMetrics, Distribution> {
  const entries = PATH_METRIC_KEYS.map((key) => {
    const values = perPath[key];
    const finite = values.filter(Number.isFinite);
    return [
      key,
      {
        mean: mean(finite),
        p5: quantile(values, 0.05),
        p50: quantile(values, 0.5),
        p95: quantile(values, 0.95),
      },
    ];
  });
  return Object.fromEntries(entries) as Record<keyof PathMetrics, Distribution>;
}
