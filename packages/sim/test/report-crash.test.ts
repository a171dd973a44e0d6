import { describe, expect, it } from "vitest";
import {
  backtestReport,
  type CdpCrashProvider,
  crashReport,
  defaultExecution,
  loadDvol,
  loadGas,
  loadPriceCsv,
  markdownTable,
  renderHtml,
  renderMarkdown,
  runBacktest,
  runCrashReplay,
  SHORT_TENOR,
  TRACKER_28D,
  WindowError,
} from "../src/index.ts";
import { craftedPath, file } from "./helpers.ts";

describe("reports", () => {
  const path = craftedPath({
    x: Array.from({ length: 200 }, (_, i) => 2000 * Math.exp(0.3 * Math.sin(i / 9))),
    stepSeconds: 86_400,
    sigma: 0.8,
  });
  const results = [TRACKER_28D, SHORT_TENOR].map((policy) =>
    runBacktest({ path, policy, execution: defaultExecution("auction", "spread") }),
  );

  it("render deterministic HTML with inline SVG charts and a markdown summary", () => {
    const doc = backtestReport({ title: "t", pathNote: "crafted", results });
    const html = renderHtml(doc);
    expect(renderHtml(backtestReport({ title: "t", pathNote: "crafted", results }))).toBe(html);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const md = renderMarkdown(doc);
    expect(md).toContain("| #1 28-day · auction/spread · daily |");
    expect(md).toContain("_Charts: see the HTML report");
  });

  it("markdown tables escape pipes and right-align numbers", () => {
    expect(markdownTable({ columns: ["a", "b"], rows: [["x|y", "1"]] })).toBe(
      "| a | b |\n|---|---:|\n| x\\|y | 1 |",
    );
  });
});

describe("crash replay on the real 2020-03-12 data", () => {
  const tenMinute = loadPriceCsv(file("eth_usd_10min_crash_days_stablesims.csv"));
  const history = loadPriceCsv(file("eth_usd_1h_composite.csv"), { despikeLogThreshold: 0.25 });
  const base = {
    day: "2020-03-12",
    tenMinute,
    history,
    dvol: loadDvol(file("eth_dvol_daily_deribit.csv")),
    gas: loadGas(file("eth_gas_10min_crash_days_stablesims.csv")),
    runs: [600, 86_400].map((check) => ({
      policy: TRACKER_28D,
      execution: defaultExecution("auction", "spread"),
      checkEverySeconds: check,
    })),
  };

  it("keeps every P/N position alive, counts its hedge flows, and puts a CDP side beside it", () => {
    const cdp: CdpCrashProvider = ({ x }) => [
      {
        label: "stub",
        liquidations: 3,
        collateralForceSoldEth: 10,
        penaltyLoss: 100,
        worstHourForceSoldEth: 7,
        series: { t: [0, 1], value: [x[0] ?? 0, x.at(-1) ?? 0] },
      },
    ];
    const result = runCrashReplay({ ...base, cdp });
    expect(result.price.low).toBeCloseTo(106.59, 2);
    expect(result.pn).toHaveLength(2);
    for (const side of result.pn) {
      expect(side.valueMin).toBeGreaterThan(0);
      expect(side.valueAtClose).toBeLessThan(side.valueAtOpen);
    }
    const [tenMin, daily] = result.pn;
    expect(tenMin?.rollsInDay.some((r) => r.reason === "price-trigger")).toBe(true);
    expect(tenMin?.valueMin ?? 0).toBeGreaterThan(daily?.valueMin ?? 0);
    const html = renderHtml(crashReport(result));
    expect(html).toContain("CDP side: forced sales");
    expect(html).toContain("stub");
  });

  it("says which days exist when the day is not in the file", () => {
    expect(() => runCrashReplay({ ...base, day: "2020-03-14" })).toThrow(WindowError);
    expect(() => runCrashReplay({ ...base, day: "2020-03-14" })).toThrow(/2021-05-19/);
  });
});
