// Replays P-roll positions through a crash day at 10-minute resolution (after an hourly lead-in, so positions
// exist and volatility has its history), with gas priced at the day's measured gas prices, and puts the CDP side
// beside them when a provider is given.

import { latestAtOrBefore, selectWindow } from "../data/loaders.ts";
import { isoDate, parseUtc, SECONDS_PER_DAY } from "../data/time.ts";
import { runBacktest } from "../engine/backtest.ts";
import type { BacktestResult } from "../engine/types.ts";
import { WindowError } from "../errors.ts";
import type { PriceSeries, TimeSeries } from "../paths/types.ts";
import { attachImpliedVol } from "../paths/vol.ts";
import { runLabel } from "../report/backtest-report.ts";
import type { CdpCrashProvider, CrashReplayResult, CrashRun, PnCrashSide } from "./types.ts";

export type CrashReplayParams = {
  /** The crash day, YYYY-MM-DD (UTC). */
  day: string;
  /** The 10-minute file (may hold several days). */
  tenMinute: PriceSeries;
  /** Hourly history before the day (lead-in and volatility). */
  history: PriceSeries;
  dvol?: TimeSeries;
  /** Measured gas prices (gwei); the stated price is used where they do not reach. */
  gas?: TimeSeries;
  gasPriceGwei?: number;
  leadInDays?: number;
  runs: readonly CrashRun[];
  notional?: number;
  cdp?: CdpCrashProvider;
};

export function runCrashReplay(params: CrashReplayParams): CrashReplayResult {
  const dayStart = parseUtc(params.day);
  const day = dayBars(params.tenMinute, params.day);
  const before = historyBefore(params.history, dayStart);
  const combined: PriceSeries = {
    label: `${params.history.label} then ${params.tenMinute.label} on ${params.day}`,
    index: day.index,
    barSeconds: day.barSeconds,
    t: Float64Array.from([...before.t, ...day.t]),
    x: Float64Array.from([...before.x, ...day.x]),
  };
  const withIv = attachImpliedVol(combined, params.dvol === undefined ? {} : { dvol: params.dvol });
  const first = latestAtOrBefore(withIv.t, dayStart - (params.leadInDays ?? 10) * SECONDS_PER_DAY) + 1;
  const path = { ...withIv, t: withIv.t.slice(first), x: withIv.x.slice(first), iv: withIv.iv.slice(first) };
  const gas = {
    gasPriceGwei: params.gasPriceGwei ?? 20,
    ...(params.gas === undefined ? {} : { series: params.gas }),
  };
  const pn = params.runs.map((run) => {
    const result = runBacktest({
      path,
      ...run,
      gas,
      notional: params.notional ?? 100_000,
      sampleEverySeconds: 600,
    });
    return pnSide(result, dayStart);
  });
  const dayX = Array.from(day.x);
  const cdp = params.cdp?.({ day: params.day, t: day.t, x: day.x }) ?? [];
  return {
    day: params.day,
    price: {
      t: Array.from(day.t),
      x: dayX,
      open: before.x.at(-1) ?? dayX[0] ?? 0,
      low: Math.min(...dayX),
      close: dayX.at(-1) ?? 0,
    },
    ivNote: withIv.ivNote,
    gasNote:
      params.gas === undefined
        ? `gas at a stated ${gas.gasPriceGwei} gwei`
        : `gas at the measured 10-minute average where ${params.gas.label} covers the day, else ${gas.gasPriceGwei} gwei`,
    pn,
    cdp,
    cdpNote:
      params.cdp === undefined
        ? "No CDP model was connected (pass a CdpCrashProvider)."
        : "CDP side from the connected model.",
  };
}

function dayBars(tenMinute: PriceSeries, day: string): PriceSeries {
  try {
    return selectWindow(tenMinute, { from: day, to: day });
  } catch (cause) {
    if (!(cause instanceof WindowError)) throw cause;
    const days = [...new Set(Array.from(tenMinute.t, (t) => isoDate(t - tenMinute.barSeconds)))];
    throw new WindowError({
      reason: `${tenMinute.label} has no bars on ${day}`,
      available: `these days: ${days.join(", ")}`,
    });
  }
}

function historyBefore(history: PriceSeries, dayStart: number): PriceSeries {
  const end = latestAtOrBefore(history.t, dayStart) + 1;
  if (end < 2) {
    throw new WindowError({ reason: `${history.label} has no history before ${isoDate(dayStart)}` });
  }
  return { ...history, t: history.t.slice(0, end), x: history.x.slice(0, end) };
}

function pnSide(result: BacktestResult, dayStart: number): PnCrashSide {
  const { t, value } = result.series;
  const open = latestAtOrBefore(Float64Array.from(t), dayStart);
  const inDay = value.slice(open);
  let peak = inDay[0] ?? 0;
  let worstDrawdown = 0;
  for (const v of inDay) {
    peak = Math.max(peak, v);
    worstDrawdown = Math.max(worstDrawdown, 1 - v / peak);
  }
  const rollsInDay = result.rolls.filter((r) => r.t > dayStart);
  const byHour = new Map<number, number>();
  for (const r of rollsInDay)
    byHour.set(Math.floor(r.t / 3600), (byHour.get(Math.floor(r.t / 3600)) ?? 0) + r.counterpartyDelta);
  return {
    label: runLabel(result),
    valueAtOpen: inDay[0] ?? 0,
    valueMin: Math.min(...inDay),
    valueAtClose: inDay.at(-1) ?? 0,
    worstDrawdown,
    rollsInDay,
    hedgeFlowEth: rollsInDay.reduce((sum, r) => sum + r.counterpartyDelta, 0),
    worstHourHedgeFlowEth: Math.max(0, ...[...byHour.values()].map(Math.abs)),
    series: { t, value },
  };
}
