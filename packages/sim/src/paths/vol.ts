// Implied volatility for a path: Deribit DVOL where it exists (the latest daily close at or before the bar,
// so no look-ahead), otherwise trailing realised volatility over a window plus a stated spread.

import { latestAtOrBefore } from "../data/loaders.ts";
import { SECONDS_PER_DAY } from "../data/time.ts";
import { InvalidParameterError } from "../errors.ts";
import { median } from "../stats.ts";
import type { MarketPath, PriceSeries, TimeSeries } from "./types.ts";

/** The stated spread of implied over trailing 30-day realised vol (median DVOL − RV30 on 2021-03..2026-04: 5.9 pts). */
export const DEFAULT_IV_SPREAD = 0.06;

export type ImpliedVolOptions = {
  /** DVOL series (decimal vol); used when its latest value is at most `dvolMaxAgeDays` old. */
  dvol?: TimeSeries;
  dvolMaxAgeDays?: number;
  /** Trailing window of the realised estimate (default 30 days). */
  realisedWindowDays?: number;
  /** Added to realised volatility, as a decimal (default 0.06 = 6 vol points: the median DVOL − RV30, 2021–2026). */
  spread?: number;
  /** Used while fewer than 2 days of history exist (default 0.8). */
  initialVol?: number;
  /** Lower bound of the result (default 0.05). */
  floor?: number;
};

/** Attaches an implied-volatility array to a price series. */
export function attachImpliedVol(series: PriceSeries, options: ImpliedVolOptions = {}): MarketPath {
  const spread = options.spread ?? DEFAULT_IV_SPREAD;
  const windowDays = options.realisedWindowDays ?? 30;
  if (!(windowDays > 0)) {
    throw new InvalidParameterError({ field: "realisedWindowDays", value: windowDays, expected: "> 0" });
  }
  const realised = trailingRealisedVol(series, { windowDays, initialVol: options.initialVol ?? 0.8 });
  const iv = new Float64Array(series.t.length);
  const maxAge = (options.dvolMaxAgeDays ?? 2) * SECONDS_PER_DAY;
  const floor = options.floor ?? 0.05;
  let fromDvol = 0;
  for (let i = 0; i < iv.length; i++) {
    const time = series.t[i] ?? 0;
    const k = options.dvol === undefined ? -1 : latestAtOrBefore(options.dvol.t, time);
    const dvolValue = k >= 0 ? options.dvol?.v[k] : undefined;
    if (dvolValue !== undefined && time - (options.dvol?.t[k] ?? 0) <= maxAge) {
      iv[i] = Math.max(dvolValue, floor);
      fromDvol++;
    } else iv[i] = Math.max((realised[i] ?? 0) + spread, floor);
  }
  const ivNote =
    `DVOL on ${fromDvol.toLocaleString("en-US")} bars; trailing ${windowDays}-day realised vol + ` +
    `${(spread * 100).toFixed(1)} vol pts on ${(iv.length - fromDvol).toLocaleString("en-US")} bars`;
  return { ...series, iv, ivNote };
}

/**
 * Annualised trailing realised volatility from UTC-day close-to-close log returns over the window, plus the
 * current day's move so far (so a crash counts from the hour it happens). Daily returns avoid the bid-ask bounce
 * that inflates hourly estimates on thin early data.
 */
export function trailingRealisedVol(
  series: PriceSeries,
  options: { windowDays: number; initialVol: number },
): Float64Array {
  const out = new Float64Array(series.t.length);
  const days: { day: number; r2: number }[] = [];
  let head = 0;
  let sum = 0;
  let dayClose = series.x[0] ?? 1;
  let currentDay = dayOf(series.t[0] ?? 0);
  for (let i = 0; i < out.length; i++) {
    const day = dayOf(series.t[i] ?? 0);
    if (day !== currentDay) {
      const close = series.x[i - 1] ?? dayClose;
      const r2 = Math.log(close / dayClose) ** 2;
      days.push({ day: currentDay, r2 });
      sum += r2;
      dayClose = close;
      currentDay = day;
    }
    while (head < days.length && (days[head]?.day ?? 0) <= day - options.windowDays)
      sum -= days[head++]?.r2 ?? 0;
    const count = days.length - head;
    const partial = Math.log((series.x[i] ?? 1) / dayClose) ** 2;
    out[i] = count < 2 ? options.initialVol : Math.sqrt((Math.max(sum, 0) + partial) * (365 / (count + 1)));
  }
  return out;
}

function dayOf(time: number): number {
  return Math.floor((time - 1) / SECONDS_PER_DAY);
}

/** Median of DVOL minus trailing realised vol where both exist: the calibration of the stated spread. */
export function dvolRealisedSpread(series: PriceSeries, dvol: TimeSeries, windowDays = 30): number {
  const realised = trailingRealisedVol(series, { windowDays, initialVol: 0.8 });
  const gaps: number[] = [];
  for (let i = 0; i < series.t.length; i++) {
    const k = latestAtOrBefore(dvol.t, series.t[i] ?? 0);
    const value = dvol.v[k];
    if (k >= 0 && value !== undefined && (series.t[i] ?? 0) - (dvol.t[k] ?? 0) <= SECONDS_PER_DAY) {
      gaps.push(value - (realised[i] ?? 0));
    }
  }
  return median(gaps);
}
