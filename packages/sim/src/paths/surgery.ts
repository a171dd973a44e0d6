// "Without the largest days": the k largest absolute UTC-day moves are taken out of a path. Through each such
// day the price stays at the previous day's close and every later price is rescaled by the day's inverse move,
// so all other returns are unchanged. Implied volatility is left as it was (stated in docs/simulation.md).

import { isoDate, SECONDS_PER_DAY } from "../data/time.ts";
import { InvalidParameterError } from "../errors.ts";
import type { PriceSeries } from "./types.ts";

export type RemovedDay = { date: string; logMove: number };

/** Each UTC day's log move, measured from the last price at or before its start to the last at or before its end. */
export function dailyMoves(series: PriceSeries): { day: number; logMove: number }[] {
  const moves: { day: number; logMove: number }[] = [];
  let previousClose = series.x[0] ?? 1;
  for (let i = 1; i < series.t.length; i++) {
    const day = Math.floor(((series.t[i] ?? 0) - 1) / SECONDS_PER_DAY);
    const nextDay = Math.floor(((series.t[i + 1] ?? Number.POSITIVE_INFINITY) - 1) / SECONDS_PER_DAY);
    if (nextDay === day) continue;
    const close = series.x[i] ?? previousClose;
    moves.push({ day, logMove: Math.log(close / previousClose) });
    previousClose = close;
  }
  return moves;
}

/** Removes the k largest absolute daily moves. Returns the new series and the days removed, largest first. */
export function removeLargestDays<T extends PriceSeries>(
  series: T,
  k: number,
): { series: T; removed: RemovedDay[] } {
  if (!Number.isInteger(k) || k < 0)
    throw new InvalidParameterError({ field: "k", value: k, expected: "an integer >= 0" });
  const moves = dailyMoves(series).sort((a, b) => Math.abs(b.logMove) - Math.abs(a.logMove) || a.day - b.day);
  const chosen = moves.slice(0, k);
  const removedDays = new Map(chosen.map((m) => [m.day, m.logMove]));
  const x = new Float64Array(series.x.length);
  let scale = 1;
  let flatLevel = Number.NaN;
  let currentDay = Number.NaN;
  for (let i = 0; i < x.length; i++) {
    const day = Math.floor(((series.t[i] ?? 0) - 1) / SECONDS_PER_DAY);
    const raw = series.x[i] ?? 0;
    if (i > 0 && day !== currentDay && removedDays.has(currentDay)) {
      scale *= Math.exp(-(removedDays.get(currentDay) ?? 0));
    }
    const move = i === 0 ? undefined : removedDays.get(day);
    if (move !== undefined) {
      if (day !== currentDay) flatLevel = x[i - 1] ?? raw;
      x[i] = flatLevel;
    } else x[i] = raw * scale;
    currentDay = day;
  }
  const removed = chosen.map((m) => ({ date: isoDate(m.day * SECONDS_PER_DAY), logMove: m.logMove }));
  return { series: { ...series, x, label: `${series.label} without its ${k} largest days` }, removed };
}
