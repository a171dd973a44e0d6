// Writes apps/web/public/backtest.json, the data of the web app's Backtest page, from the simulator (@pn/sim):
//   1. the 28-day policy (S = x/2, 28-day series, roll at x < 1.5·S or 7 days before maturity) on the daily
//      ETH/USD composite, 2016–2026, patient auction / spread roll, daily checks: value against the flat target;
//   2. the same policy through every execution venue and route: the cost breakdown;
//   3. the crash days at 10-minute resolution (2020-03-12, 2021-05-19): the P/N position beside the CDP books.
// Deterministic (no clock, no randomness but the simulator's fixed seed) and small (numbers rounded).
//   node apps/web/scripts/backtest-data.ts [--out <path>]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import {
  type BacktestResult,
  type CrashReplayResult,
  checkLabel,
  defaultCdpProvider,
  defaultExecution,
  executionLabel,
  loadDailyPrices,
  loadDvol,
  loadGas,
  loadHistoricalPath,
  loadPriceCsv,
  ROUTES,
  runBacktest,
  runCrashReplay,
  runLabel,
  TRACKER_28D,
  VENUES,
} from "@pn/sim";
import { biomeBin } from "../../../scripts/biome.ts";
import {
  BACKTEST_DATA_VERSION,
  type BacktestData,
  type BacktestRun,
  type CostComparison,
  type CostLine,
  type CrashWindow,
} from "../src/lib/backtestData.ts";
import { webRoot } from "./serve.ts";

const repoRoot = join(webRoot, "../..");
const data = (file: string) => join(repoRoot, "data", file);
export const WINDOW = { from: "2016-01-01", to: "2026-04-06" };
export const CRASH_DAYS = ["2020-03-12", "2021-05-19"] as const;
const DAY = 86_400;
const NOTIONAL = 100_000;

/** Notes name the data files relative to the repository, so the output does not depend on where it is checked out. */
function relativePaths(text: string): string {
  return text.replaceAll(`${repoRoot}/`, "");
}

/** Rounds to `digits` decimals (and turns -0 into 0), so the file is the same on every machine. */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

function costLine(c: BacktestResult["metrics"]["costs"]): CostLine {
  return {
    premiumDrift: round(c.premiumDrift, 6),
    slippage: round(c.slippage, 6),
    fees: round(c.fees, 6),
    gas: round(c.gas, 6),
    total: round(c.total, 6),
  };
}

function backtestRun(result: BacktestResult, pathNote: string): BacktestRun {
  const { series, metrics, policy } = result;
  const t0 = Math.floor((series.t[0] ?? 0) / DAY) * DAY;
  return {
    label: runLabel(result),
    policy: {
      name: policy.name,
      strikeFraction: policy.strikeFraction,
      triggerMultiple: policy.triggerMultiple,
      tenorDays: policy.tenorDays,
      rollLeadDays: policy.rollLeadDays,
    },
    execution: executionLabel(result.execution),
    check: checkLabel(result.checkEverySeconds),
    notional: result.notional,
    pathNote,
    t0,
    day: series.t.map((t) => round((t - t0) / DAY, 3)),
    value: series.value.map((v) => round(v, 0)),
    x: series.x.map((x) => round(x, 2)),
    strike: series.strike.map((s) => round(s, 2)),
    rolls: result.rolls.map((r) => ({
      t: r.t,
      x: round(r.x, 2),
      reason: r.reason,
      toStrike: round(r.toStrike, 2),
      cost: round(r.slippage + r.fees + r.gas, 2),
    })),
    summary: {
      years: round(metrics.years, 4),
      trackingError: round(metrics.trackingError, 6),
      meanDrift: Number.isFinite(metrics.meanDrift) ? round(metrics.meanDrift, 6) : -1,
      worstDrawdown: round(metrics.worstDrawdown, 6),
      worstShortfall: round(metrics.worstShortfall, 6),
      endValue: round(metrics.endValue, 0),
      rolls: metrics.rolls,
      rollsPerYear: round(metrics.rollsPerYear, 2),
      costs: costLine(metrics.costs),
    },
  };
}

function crashWindow(result: CrashReplayResult): CrashWindow {
  const { price } = result;
  const t0 = price.t[0] ?? 0;
  const barSeconds = (price.t[1] ?? t0 + 600) - t0;
  const dayStart = t0 - barSeconds; // bars are stamped at their close: the first one closes at 00:10
  /** A P/N value series sampled at the day's bars: the last sample at or before each bar's time. */
  const inDay = (t: readonly number[], v: readonly number[]) => {
    const out: number[] = [];
    for (const bar of price.t) {
      let k = -1;
      for (let i = 0; i < t.length && (t[i] ?? Number.POSITIVE_INFINITY) <= bar; i++) k = i;
      out.push(k < 0 ? Number.NaN : (v[k] ?? Number.NaN));
    }
    return out;
  };
  return {
    day: result.day,
    t0,
    barSeconds,
    x: price.x.map((x) => round(x, 2)),
    open: round(price.open, 2),
    low: round(price.low, 2),
    close: round(price.close, 2),
    pn: result.pn.map((side) => {
      const values = inDay(side.series.t, side.series.value);
      const open = side.valueAtOpen;
      const ethHeld = open / price.open;
      return {
        label: side.label,
        check: side.label.split(" · ").at(-1) ?? "",
        relative: values.map((v) => round(v / open, 5)),
        worstVsOpen: round(side.valueMin / open - 1, 6),
        closeVsOpen: round(side.valueAtClose / open - 1, 6),
        rolls: side.rollsInDay.length,
        hedgeShare: round(side.hedgeFlowEth / ethHeld, 6),
      };
    }),
    cdp: result.cdp.map((book) => {
      const equity = book.series?.value ?? [];
      const open = equity[0] ?? 1;
      return {
        label: book.label,
        liquidations: book.liquidations,
        forceSoldEth: round(book.collateralForceSoldEth, 1),
        forceSoldShare:
          book.collateralEth === undefined || book.collateralEth === 0
            ? 0
            : round(book.collateralForceSoldEth / book.collateralEth, 6),
        worstHourEth: round(book.worstHourForceSoldEth, 1),
        cascadeExtraDrop: round(book.cascade?.extraDrop ?? 0, 6),
        relative: equity.map((v) => round(v / open, 5)),
      };
    }),
    note: relativePaths(
      `${result.ivNote}; ${result.gasNote}. Bars from ${new Date(dayStart * 1000).toISOString().slice(0, 16)}Z.`,
    ),
  };
}

export function buildBacktestData(log: (line: string) => void = () => {}): BacktestData {
  const started = performance.now();
  const dvol = loadDvol(data("eth_dvol_daily_deribit.csv"));
  const loaded = loadHistoricalPath({
    pricesPath: data("eth_usd_1d_composite.csv"),
    window: WINDOW,
    index: "USD",
    dvolPath: data("eth_dvol_daily_deribit.csv"),
  });
  const pathNote = relativePaths(loaded.note);
  const run = (venue: (typeof VENUES)[number], route: (typeof ROUTES)[number], keepSeries: boolean) =>
    runBacktest({
      path: loaded.path,
      policy: TRACKER_28D,
      execution: defaultExecution(venue, route),
      notional: NOTIONAL,
      checkEverySeconds: DAY,
      keepSeries,
    });
  const main = run("auction", "spread", true);
  log(`backtest: ${runLabel(main)} in ${Math.round(performance.now() - started)} ms`);

  const costs: CostComparison[] = VENUES.flatMap((venue) =>
    ROUTES.map((route) => {
      const r = venue === "auction" && route === "spread" ? main : run(venue, route, false);
      return {
        label: runLabel(r),
        execution: executionLabel(r.execution),
        trackingError: round(r.metrics.trackingError, 6),
        meanDrift: Number.isFinite(r.metrics.meanDrift) ? round(r.metrics.meanDrift, 6) : -1,
        costs: costLine(r.metrics.costs),
        ruined: r.metrics.ruinedAt !== undefined,
      };
    }),
  );
  log(`costs: ${costs.length} executions by ${Math.round(performance.now() - started)} ms`);

  const tenMinute = loadPriceCsv(data("eth_usd_10min_crash_days_stablesims.csv"));
  const history = loadPriceCsv(data("eth_usd_1h_composite.csv"), { despikeLogThreshold: 0.25 });
  const gas = loadGas(data("eth_gas_10min_crash_days_stablesims.csv"));
  const cdp = defaultCdpProvider({ history: loadDailyPrices(data("eth_usd_1h_composite.csv")) });
  const crashes = CRASH_DAYS.map((day) =>
    crashWindow(
      runCrashReplay({
        day,
        tenMinute,
        history,
        dvol,
        gas,
        runs: [600, 3_600, DAY].map((check) => ({
          policy: TRACKER_28D,
          execution: defaultExecution("auction", "spread"),
          checkEverySeconds: check,
        })),
        notional: NOTIONAL,
        cdp,
      }),
    ),
  );
  log(`crash days: ${crashes.length} by ${Math.round(performance.now() - started)} ms`);
  return {
    version: BACKTEST_DATA_VERSION,
    source:
      "apps/web/scripts/backtest-data.ts (@pn/sim): 28-day policy, auction/spread, daily checks, daily ETH/USD composite; crash days at 10-minute resolution with the CDP books",
    backtest: backtestRun(main, pathNote),
    costs,
    crashes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: "string", default: join(webRoot, "public", "backtest.json") } },
  });
  const out = values.out;
  writeFileSync(out, `${JSON.stringify(buildBacktestData((line) => console.log(line)))}\n`);
  // The repository's formatter owns JSON layout: format it as `biome check` wants the committed file.
  const formatted = spawnSync(biomeBin(), ["format", "--write", out], { cwd: repoRoot, encoding: "utf8" });
  if (formatted.status !== 0)
    console.warn(`biome format did not run: ${formatted.stderr || formatted.error}`);
  const kb = (readFileSync(out).length / 1024).toFixed(1);
  console.log(`wrote ${relative(process.cwd(), out)} (${kb} KB)`);
}
