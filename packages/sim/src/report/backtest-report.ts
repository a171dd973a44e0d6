// The report of one or more backtests on a path: metrics table, value against target, cost breakdown and the
// tracking-error vs cost frontier across the runs.

import type { BacktestResult } from "../engine/types.ts";
import { executionLabel } from "../execution/presets.ts";
import { num, pct, type ReportDoc, type Table } from "./document.ts";
import { lineChart, scatter, stackedBars } from "./svg.ts";

/** "daily" / "hourly" / "every bar" / "every 600 s". */
export function checkLabel(seconds: number): string {
  if (seconds === 0) return "every bar";
  if (seconds === 86_400) return "daily";
  if (seconds === 3_600) return "hourly";
  if (seconds === 600) return "10-min";
  return `every ${seconds} s`;
}

export function runLabel(r: BacktestResult): string {
  return `${r.policy.name} · ${executionLabel(r.execution)} · ${checkLabel(r.checkEverySeconds)}`;
}

/** One row per run: tracking error, drift and costs in %/yr. */
export function metricsTable(results: readonly BacktestResult[]): Table {
  return {
    columns: [
      "run",
      "TE /yr",
      "net drift /yr",
      "premium/drift",
      "slippage",
      "fees",
      "gas",
      "rolls",
      "rolls/yr",
      "worst drawdown",
    ],
    rows: results.map((r) => {
      const m = r.metrics;
      return [
        runLabel(r),
        pct(m.trackingError),
        m.ruinedAt === undefined
          ? pct(m.meanDrift)
          : `ruined ${new Date(m.ruinedAt * 1000).toISOString().slice(0, 10)}`,
        pct(m.costs.premiumDrift),
        pct(m.costs.slippage, 3),
        pct(m.costs.fees, 3),
        pct(m.costs.gas, 3),
        num(m.rolls),
        num(m.rollsPerYear, 1),
        pct(m.worstDrawdown, 1),
      ];
    }),
  };
}

export function backtestReport(params: {
  title: string;
  pathNote: string;
  results: readonly BacktestResult[];
}): ReportDoc {
  const { results } = params;
  const withSeries = results.filter((r) => r.series.t.length > 0).slice(0, 6);
  const valueChart = lineChart(
    { title: "Value against target (index units, 1.0 = the starting value)", yLabel: "value / start" },
    [
      ...withSeries.map((r) => ({
        label: runLabel(r).slice(0, 28),
        t: r.series.t,
        y: r.series.value.map((v) => v / r.notional),
      })),
      ...(withSeries[0] === undefined
        ? []
        : [
            {
              label: "target",
              t: [withSeries[0].series.t[0] ?? 0, withSeries[0].series.t.at(-1) ?? 0],
              y: [1, 1],
              color: "#000",
              dashed: true,
            },
          ]),
    ],
  );
  const priceChart =
    withSeries[0] === undefined
      ? []
      : [
          lineChart({ title: "Index value per ETH and strike held", yLabel: "index units" }, [
            { label: "x", t: withSeries[0].series.t, y: withSeries[0].series.x },
            { label: "strike", t: withSeries[0].series.t, y: withSeries[0].series.strike, dashed: true },
          ]),
        ];
  const categories = results.map((_, k) => `#${k + 1}`);
  const costChart = stackedBars(
    { title: "Where the drift goes (%/yr): premium/drift, slippage, fees, gas", yLabel: "%/yr" },
    categories,
    [
      { label: "premium/drift", values: results.map((r) => r.metrics.costs.premiumDrift * 100) },
      { label: "−slippage", values: results.map((r) => -r.metrics.costs.slippage * 100) },
      { label: "−fees", values: results.map((r) => -r.metrics.costs.fees * 100) },
      { label: "−gas", values: results.map((r) => -r.metrics.costs.gas * 100) },
    ],
  );
  const frontier = scatter(
    {
      title: "Tracking error vs all-in cost, per run",
      xLabel: "tracking error (%/yr)",
      yLabel: "slippage + fees + gas (%/yr)",
    },
    results.map((r, k) => ({
      label: `#${k + 1}`,
      x: r.metrics.trackingError * 100,
      y: r.metrics.costs.total * 100,
    })),
  );
  return {
    title: params.title,
    intro: [
      `Path: ${params.pathNote}.`,
      "Value is marked at S − Put(x, S, τ, σ) in index units with the market's implied volatility of each bar; the target is the starting value, flat in index units. Costs are log-return drags per year; premium/drift is the mark-to-market return of holding P before costs, so premium/drift − costs = net drift.",
    ],
    sections: [
      {
        heading: "Results",
        table: {
          ...metricsTable(results),
          rows: metricsTable(results).rows.map((row, k) => [`#${k + 1} ${row[0]}`, ...row.slice(1)]),
        },
      },
      { heading: "Value against target", charts: [valueChart, ...priceChart] },
      { heading: "Cost breakdown", charts: [costChart] },
      { heading: "Tracking-error vs cost frontier", charts: [frontier] },
    ],
  };
}
