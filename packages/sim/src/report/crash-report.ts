// The crash-window report: the day's price, each P-roll position's value through it, and the CDP side.

import type { CrashReplayResult } from "../crash/types.ts";
import { num, pct, type ReportDoc, type Section } from "./document.ts";
import { lineChart } from "./svg.ts";

export function crashReport(result: CrashReplayResult): ReportDoc {
  const { price } = result;
  const dayStart = price.t[0] ?? 0;
  const pnRows = result.pn.map((s) => [
    s.label,
    num(s.valueAtOpen),
    num(s.valueMin),
    num(s.valueAtClose),
    pct(s.worstDrawdown, 2),
    num(s.rollsInDay.length),
    num(s.hedgeFlowEth, 2),
    num(s.worstHourHedgeFlowEth, 2),
  ]);
  const pnChart = lineChart(
    { title: `P/N: value / value at open, ${result.day}`, yLabel: "value / open" },
    result.pn.slice(0, 6).map((s) => {
      const k = Math.max(0, s.series.t.findIndex((t) => t > dayStart) - 1);
      const open = s.series.value[k] ?? 1;
      return {
        label: s.label.slice(0, 28),
        t: s.series.t.slice(k),
        y: s.series.value.slice(k).map((v) => v / open),
      };
    }),
  );
  const priceChart = lineChart({ title: `ETH/USD, ${result.day} (10-minute closes)`, yLabel: "USD" }, [
    { label: "x", t: price.t, y: price.x },
  ]);
  const sections: Section[] = [
    {
      heading: "P/N side: no forced sales",
      text: [
        "A P holder is never liquidated. The only flow a roll creates is its counterparty's hedge: the ETH delta the holder gives up (positive: the maker sells that much ETH). Positions roll only when their own check runs.",
        `${result.ivNote}. ${result.gasNote}.`,
      ],
      table: {
        columns: [
          "position",
          "value at open",
          "min value",
          "value at close",
          "worst drawdown",
          "rolls",
          "hedge flow ETH",
          "worst hour ETH",
        ],
        rows: pnRows,
      },
      charts: [priceChart, pnChart],
    },
    cdpSection(result),
  ];
  return {
    title: `Crash replay ${result.day}: P/N against liquidation-based positions`,
    intro: [
      `ETH/USD opened the day at ${num(price.open, 2)}, touched ${num(price.low, 2)} (${pct(price.low / price.open - 1, 1)}) and closed at ${num(price.close, 2)} (${pct(price.close / price.open - 1, 1)}).`,
    ],
    sections,
  };
}

function cdpSection(result: CrashReplayResult): Section {
  if (result.cdp.length === 0) return { heading: "CDP side", text: [result.cdpNote] };
  const rows = result.cdp.map((c) => [
    c.label,
    num(c.liquidations),
    num(c.collateralForceSoldEth, 1),
    num(c.penaltyLoss),
    num(c.worstHourForceSoldEth, 1),
    c.cascade === undefined
      ? "—"
      : `${num(c.cascade.exogenousLow, 2)} → ${num(c.cascade.cascadeLow, 2)} (−${pct(c.cascade.extraDrop, 1)}; drawdown ×${c.cascade.amplification.toFixed(2)})`,
  ]);
  const withSeries = result.cdp.filter((c) => c.series !== undefined);
  const charts =
    withSeries.length === 0
      ? []
      : [
          lineChart(
            { title: `CDP: aggregate position value / open, ${result.day}`, yLabel: "value / open" },
            withSeries.map((c) => ({
              label: c.label.slice(0, 28),
              t: c.series?.t ?? [],
              y: (c.series?.value ?? []).map((v) => v / (c.series?.value[0] ?? 1)),
            })),
          ),
        ];
  return {
    heading: "CDP side: forced sales",
    text: [result.cdpNote, ...result.cdp.flatMap((c) => c.notes ?? [])],
    table: {
      columns: [
        "model",
        "liquidations",
        "collateral force-sold (ETH)",
        "penalty losses",
        "worst hour sold (ETH)",
        "low: shock → with cascade",
      ],
      rows,
    },
    charts,
  };
}
