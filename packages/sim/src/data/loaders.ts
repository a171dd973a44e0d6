// Loaders for the CSVs in data/ and any file of the same shape. Each returns typed arrays, checks order and
// numbers exactly, and names the file and line of any problem.

import { CsvFormatError, WindowError } from "../errors.ts";
import type { PriceSeries, TimeSeries } from "../paths/types.ts";
import { columnIndex, firstColumn, numberAt, readCsv, textAt } from "./csv.ts";
import { isoMinute, SECONDS_PER_DAY, type Window, windowBounds } from "./time.ts";

export type LoadPriceOptions = {
  /** The price column; default "close", else "price_usd". */
  column?: string;
  /** Keep only rows whose `column` equals `equals` (e.g. symbol = WETH). */
  where?: { column: string; equals: string };
  /** Index ticker of the values (default "USD"). */
  index?: string;
  /**
   * Replace one-bar spikes: a close more than this log move from the previous close that comes back within half
   * of it on the next bar takes the previous close (a single-venue print, e.g. Kraken 2017-05-07 22:00).
   */
  despikeLogThreshold?: number;
};

export type LoadedPrices = PriceSeries & { path: string; despiked: readonly string[] };

/**
 * Loads a price CSV with a `unix` column (bar open, seconds) and a price column. Files with an `open` column are
 * bars labelled by their open time: the bar's time becomes its close (open + the median spacing).
 */
export function loadPriceCsv(path: string, options: LoadPriceOptions = {}): LoadedPrices {
  const table = readCsv(path);
  const timeCol = columnIndex(table, "unix");
  const valueCol = columnIndex(table, options.column ?? firstColumn(table, ["close", "price_usd"]));
  const where = options.where === undefined ? undefined : columnIndex(table, options.where.column);
  const times: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    if (where !== undefined && textAt(table, r, where) !== options.where?.equals) continue;
    const time = numberAt(table, r, timeCol);
    const value = numberAt(table, r, valueCol);
    const line = table.lines[r] ?? 0;
    if (!(value > 0)) throw new CsvFormatError({ path, line, reason: `price ${value} is not positive` });
    const previous = times[times.length - 1];
    if (previous !== undefined && time <= previous) {
      throw new CsvFormatError({
        path,
        line,
        reason: `time ${time} is not after the previous row's ${previous}`,
      });
    }
    times.push(time);
    values.push(value);
  }
  if (times.length < 2) throw new CsvFormatError({ path, line: 1, reason: "fewer than two matching rows" });
  const barSeconds = table.header.includes("open") ? medianSpacing(times) : 0;
  const x = Float64Array.from(values);
  const t = Float64Array.from(times, (time) => time + barSeconds);
  const despiked =
    options.despikeLogThreshold === undefined ? [] : despike(t, x, options.despikeLogThreshold);
  return { label: path, path, index: options.index ?? "USD", barSeconds, t, x, despiked };
}

/** Replaces one-bar spikes in place; returns the times replaced. */
export function despike(t: Float64Array, x: Float64Array, threshold: number): string[] {
  const replaced: string[] = [];
  for (let i = 1; i + 1 < x.length; i++) {
    const before = x[i - 1] ?? 1;
    const jump = Math.abs(Math.log((x[i] ?? 1) / before));
    const back = Math.abs(Math.log((x[i + 1] ?? 1) / before));
    if (jump > threshold && back < threshold / 2) {
      replaced.push(isoMinute(t[i] ?? 0));
      x[i] = before;
    }
  }
  return replaced;
}

function medianSpacing(times: readonly number[]): number {
  const gaps = times.slice(1).map((time, i) => time - (times[i] ?? time));
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** The part of a series whose bars start inside the window; a WindowError if none does. */
export function selectWindow<T extends PriceSeries>(series: T, window: Window): T {
  const { start, end } = windowBounds(window);
  const begins = (i: number) => (series.t[i] ?? 0) - series.barSeconds;
  let first = 0;
  while (first < series.t.length && begins(first) < start) first++;
  let last = first;
  while (last < series.t.length && begins(last) < end) last++;
  if (last - first < 2) {
    throw new WindowError({
      reason: `${window.from ?? "start"} .. ${window.to ?? "end"} holds ${last - first} bar(s) of ${series.label}; a path needs at least 2`,
      available: rangeText(series),
    });
  }
  return sliceSeries(series, first, last);
}

/** Copies bars [first, last) of a series, with its implied volatility when it has one. */
export function sliceSeries<T extends PriceSeries & { iv?: Float64Array }>(
  series: T,
  first: number,
  last: number,
): T {
  const sliced: T = { ...series, t: series.t.slice(first, last), x: series.x.slice(first, last) };
  if (series.iv !== undefined) sliced.iv = series.iv.slice(first, last);
  return sliced;
}

/** "2015-08-07T15:00Z .. 2026-05-13T16:00Z (90,896 bars)". */
export function rangeText(series: PriceSeries): string {
  const n = series.t.length;
  const first = (series.t[0] ?? 0) - series.barSeconds;
  const last = (series.t[n - 1] ?? 0) - series.barSeconds;
  return `${isoMinute(first)} .. ${isoMinute(last)} (${n.toLocaleString("en-US")} bars, by bar start)`;
}

/** Deribit DVOL daily file (`unix` = day start, `close` in vol points) → decimal vol known from the day's end. */
export function loadDvol(path: string): TimeSeries {
  const table = readCsv(path);
  const timeCol = columnIndex(table, "unix");
  const closeCol = columnIndex(table, "close");
  const t = new Float64Array(table.rows.length);
  const v = new Float64Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    t[r] = numberAt(table, r, timeCol) + SECONDS_PER_DAY;
    v[r] = numberAt(table, r, closeCol) / 100;
  }
  return { label: path, t, v };
}

/** Gas prices per 10-minute bucket (gwei), known from the bucket's end. Column default avg_gas_price_gwei. */
export function loadGas(path: string, column = "avg_gas_price_gwei"): TimeSeries {
  const table = readCsv(path);
  const timeCol = columnIndex(table, "unix");
  const valueCol = columnIndex(table, column);
  const t = new Float64Array(table.rows.length);
  const v = new Float64Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    t[r] = numberAt(table, r, timeCol) + 600;
    v[r] = numberAt(table, r, valueCol);
  }
  return { label: path, t, v };
}

/** ECB reference rates: dates (YYYY-MM-DD, ascending) and USD per EUR. */
export function loadEurUsd(path: string): { dates: readonly string[]; usdPerEur: Float64Array } {
  const table = readCsv(path);
  const dateCol = columnIndex(table, "date");
  const rateCol = columnIndex(table, "usd_per_eur");
  const dates = table.rows.map((_, r) => textAt(table, r, dateCol));
  const usdPerEur = Float64Array.from(table.rows, (_, r) => numberAt(table, r, rateCol));
  return { dates, usdPerEur };
}

/** US CPI-U monthly: "YYYY-MM" → index level (1982-84 = 100). */
export function loadCpi(path: string): Map<string, number> {
  const table = readCsv(path);
  const monthCol = columnIndex(table, "month");
  const valueCol = firstColumn(table, ["cpi_u_nsa_1982_84_eq_100", "cpi", "value"]);
  const valueIndex = columnIndex(table, valueCol);
  const out = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++)
    out.set(textAt(table, r, monthCol), numberAt(table, r, valueIndex));
  return out;
}

/** The latest index i with t[i] <= time, or -1 (binary search). */
export function latestAtOrBefore(t: Float64Array, time: number): number {
  let low = 0;
  let high = t.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((t[mid] ?? 0) <= time) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
