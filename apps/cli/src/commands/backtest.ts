// `pn backtest`: P-roll policies on historical prices, across venues, routes and check frequencies.

import {
  type BacktestResult,
  backtestReport,
  loadHistoricalPath,
  type MarketPath,
  removeLargestDays,
  runBacktest,
} from "@pn/sim";
import type { Command } from "commander";
import { z } from "zod";
import { executionFrom, numberFlag, parseOptions, policyFrom } from "../options.ts";
import { emit } from "../output.ts";
import { DEFAULT_FILES } from "../paths.ts";
import { createProgress } from "../progress.ts";
import { addRunOptions, runOptionsSchema } from "./shared.ts";

const schema = runOptionsSchema.extend({
  prices: z.string(),
  column: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  index: z.enum(["USD", "EUR", "CPI-U"], { error: "must be USD, EUR or CPI-U" }),
  ecb: z.string(),
  cpi: z.string(),
  dvol: z.string(),
  ivSpread: numberFlag({ min: 0, max: 2 }),
  despike: numberFlag({ min: 0 }),
  withoutLargestDays: numberFlag({ min: 0, int: true }),
});

export function registerBacktest(program: Command): void {
  const command = program
    .command("backtest")
    .description("Backtest P-roll policies on historical prices (any CSV in the shape of data/).")
    .option(
      "--prices <file>",
      "price CSV with `unix` and `close` (or `price_usd`) columns",
      DEFAULT_FILES.hourly,
    )
    .option("--column <name>", "price column to use")
    .option("--from <date>", "window start, UTC date or ISO time", "2016-01-01")
    .option("--to <date>", "window end, UTC date (inclusive) or ISO time")
    .option("--index <ticker>", "USD, EUR or CPI-U", "USD")
    .option("--ecb <file>", "ECB EUR/USD file (EUR index)", DEFAULT_FILES.ecb)
    .option("--cpi <file>", "CPI-U monthly file (CPI-U index)", DEFAULT_FILES.cpi)
    .option("--dvol <file>", "DVOL file, or `none` for realised vol + spread throughout", DEFAULT_FILES.dvol)
    .option("--iv-spread <vol>", "implied over trailing 30-day realised vol where DVOL is missing", "0.06")
    .option("--despike <logmove>", "replace one-bar spikes larger than this log move (0: off)", "0.25")
    .option("--without-largest-days <k>", "also run every case with the k largest daily moves removed", "0");
  addRunOptions(command, { policy: "post,28d,short", venue: "auction", route: "spread", check: "daily" });
  command.action((raw: Record<string, unknown>) => backtestAction(raw));
}

function backtestAction(raw: Record<string, unknown>): void {
  const o = parseOptions(schema, raw, "backtest");
  const loaded = loadHistoricalPath({
    pricesPath: o.prices,
    ...(o.column === undefined ? {} : { column: o.column }),
    window: {
      ...(o.from === undefined ? {} : { from: o.from }),
      ...(o.to === undefined ? {} : { to: o.to }),
    },
    index: o.index,
    ecbPath: o.ecb,
    cpiPath: o.cpi,
    ...(o.dvol === "none" ? {} : { dvolPath: o.dvol }),
    ivSpread: o.ivSpread,
    despikeLogThreshold: o.despike,
  });
  const paths: { label: string; path: MarketPath }[] = [{ label: "", path: loaded.path }];
  let removedNote = "";
  if (o.withoutLargestDays > 0) {
    const { series, removed } = removeLargestDays(loaded.path, o.withoutLargestDays);
    paths.push({ label: ` (without ${o.withoutLargestDays} largest days)`, path: series });
    removedNote = ` Removed days: ${removed.map((d) => `${d.date} (${(d.logMove * 100).toFixed(1)}%)`).join(", ")}.`;
  }
  const cases = paths.flatMap((p) =>
    o.policy.flatMap((name) =>
      o.venue.flatMap((venue) =>
        o.route.flatMap((route) => o.check.map((check) => ({ ...p, name, venue, route, check }))),
      ),
    ),
  );
  const progress = createProgress("backtest", o.progress && process.stderr.isTTY === true);
  const results: BacktestResult[] = cases.map((c, k) => {
    const result = runBacktest({
      path: c.path,
      policy: { ...policyFrom(c.name, o), name: `${policyFrom(c.name, o).name}${c.label}` },
      execution: executionFrom(c.venue, c.route, o),
      gas: { gasPriceGwei: o.gasGwei },
      notional: o.notional,
      checkEverySeconds: c.check,
      seed: o.seed,
    });
    progress.update(k + 1, cases.length);
    return result;
  });
  progress.finish();
  const doc = backtestReport({
    title: "P-roll backtest",
    pathNote: `${loaded.note}.${removedNote}`,
    results,
  });
  const summary = {
    path: loaded.note,
    removedNote,
    results: results.map(({ series: _series, rolls: _rolls, ...rest }) => rest),
  };
  emit({
    json: o.json,
    out: o.out,
    name: o.name,
    doc,
    data: { path: loaded.note, removedNote, results },
    summary,
  });
}
