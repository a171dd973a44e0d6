// Collects the value path of a backtest and turns it into tracking metrics. The target is flat in index units, so
// tracking error is the annualised standard deviation of the value's own sampled log returns.

import { stdDev } from "../stats.ts";
import { SECONDS_PER_YEAR } from "./mark.ts";

export type TrackerOptions = {
  t: Float64Array;
  sampleEverySeconds: number;
  notional: number;
  keepSeries: boolean;
};

export type Tracker = {
  observe(i: number, value: number, x: number, strike: number): void;
  summary(): {
    trackingError: number;
    worstPeriodReturn: number;
    worstDrawdown: number;
    worstShortfall: number;
    series: { t: number[]; value: number[]; x: number[]; strike: number[] };
  };
};

export function createTracker(options: TrackerOptions): Tracker {
  const { t, sampleEverySeconds: every, notional } = options;
  const bucket = (time: number) => Math.floor((time - 1) / every);
  const returns: number[] = [];
  const series = { t: [] as number[], value: [] as number[], x: [] as number[], strike: [] as number[] };
  let lastSample = notional;
  let peak = notional;
  let worstDrawdown = 0;
  let worstShortfall = 0;
  let worstReturn = 0;
  return {
    observe(i, value, x, strike) {
      if (value > peak) peak = value;
      worstDrawdown = Math.max(worstDrawdown, 1 - value / peak);
      worstShortfall = Math.min(worstShortfall, value / notional - 1);
      const next = t[i + 1];
      const isSample = next === undefined || bucket(next) !== bucket(t[i] ?? 0);
      if (!isSample) return;
      const r = Math.log(value / lastSample);
      returns.push(r);
      if (r < worstReturn) worstReturn = r;
      lastSample = value;
      if (!options.keepSeries) return;
      series.t.push(t[i] ?? 0);
      series.value.push(value);
      series.x.push(x);
      series.strike.push(strike);
    },
    summary() {
      return {
        trackingError: stdDev(returns) * Math.sqrt(SECONDS_PER_YEAR / every),
        worstPeriodReturn: Math.exp(worstReturn) - 1,
        worstDrawdown,
        worstShortfall,
        series,
      };
    },
  };
}
