// Generates docs/simulation.md: the drift/cost tables of the P-roll strategies on ETH history 2016–2026, by
// check frequency, with and without the largest days, across venues and routes, plus sensitivities, crash days
// and Monte Carlo. Deterministic. Run: node packages/sim/scripts/tables.ts [output path]

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  checkLabel,
  defaultExecution,
  type ExecutionSpec,
  loadDvol,
  loadHistoricalPath,
  loadPriceCsv,
  type MarketPath,
  markdownTable,
  POST_RULE,
  pct,
  type RollPolicy,
  removeLargestDays,
  runBacktest,
  SHORT_TENOR,
  selectWindow,
  TRACKER_28D,
} from "../src/index.ts";
import { assumptions, crashSection, monteCarloSection, removedDaysText } from "./tables-extra.ts";

const data = (name: string) => fileURLToPath(new URL(`../../../data/${name}`, import.meta.url));
const output = process.argv[2] ?? fileURLToPath(new URL("../../../docs/simulation.md", import.meta.url));

export const WINDOW = { from: "2016-01-01", to: "2026-04-06" };
export const LARGEST_DAYS = 10;
const STRATEGIES: readonly RollPolicy[] = [POST_RULE, TRACKER_28D, SHORT_TENOR];
const CHECKS = [86_400, 3_600] as const;
const VENUES = ["amm", "rfq", "auction"] as const;
const ROUTES = ["spread", "gross"] as const;

type Case = {
  path: MarketPath;
  days: "all" | "ex";
  policy: RollPolicy;
  execution: ExecutionSpec;
  check: number;
};
const run = (c: Case): BacktestResult =>
  runBacktest({
    path: c.path,
    policy: c.policy,
    execution: c.execution,
    checkEverySeconds: c.check,
    keepSeries: false,
  });

function row(label: readonly string[], r: BacktestResult): string[] {
  const m = r.metrics;
  const drift =
    m.ruinedAt === undefined
      ? pct(m.meanDrift)
      : `ruined ${new Date(m.ruinedAt * 1000).toISOString().slice(0, 7)}`;
  return [
    ...label,
    pct(m.trackingError),
    drift,
    pct(m.costs.premiumDrift),
    pct(m.costs.slippage),
    pct(m.costs.fees),
    pct(m.costs.gas),
    pct(m.costs.total),
    m.rollsPerYear.toFixed(1),
    pct(m.worstDrawdown, 1),
  ];
}
const METRIC_COLUMNS = [
  "TE /yr",
  "net drift /yr",
  "premium/drift /yr",
  "slippage /yr",
  "fees /yr",
  "gas /yr",
  "all costs /yr",
  "rolls /yr",
  "worst drawdown",
];

function headline(paths: { all: MarketPath; ex: MarketPath }): string {
  const rows: string[][] = [];
  for (const policy of STRATEGIES) {
    for (const check of CHECKS) {
      for (const days of ["all", "ex"] as const) {
        const r = run({
          path: paths[days],
          days,
          policy,
          execution: defaultExecution("auction", "spread"),
          check,
        });
        rows.push(
          row(
            [policy.name, checkLabel(check), days === "all" ? "all days" : `without ${LARGEST_DAYS} largest`],
            r,
          ),
        );
      }
    }
  }
  return markdownTable({ columns: ["strategy", "check", "days", ...METRIC_COLUMNS], rows });
}

function fullGrid(paths: { all: MarketPath; ex: MarketPath }): string {
  const rows: string[][] = [];
  for (const policy of STRATEGIES) {
    for (const check of CHECKS) {
      for (const days of ["all", "ex"] as const) {
        for (const venue of VENUES) {
          for (const route of ROUTES) {
            const r = run({
              path: paths[days],
              days,
              policy,
              execution: defaultExecution(venue, route),
              check,
            });
            rows.push(
              row(
                [
                  policy.name,
                  checkLabel(check),
                  days === "all" ? "all" : `ex-${LARGEST_DAYS}`,
                  `${venue}/${route}`,
                ],
                r,
              ),
            );
          }
        }
      }
    }
  }
  return markdownTable({ columns: ["strategy", "check", "days", "execution", ...METRIC_COLUMNS], rows });
}

function executionTable(path: MarketPath): string {
  const rows: string[][] = [];
  for (const policy of STRATEGIES) {
    for (const venue of VENUES) {
      for (const route of ROUTES) {
        const r = run({ path, days: "all", policy, execution: defaultExecution(venue, route), check: 3_600 });
        rows.push(row([policy.name, `${venue}/${route}`], r));
      }
    }
  }
  return markdownTable({
    columns: ["strategy", "execution (hourly checks, all days)", ...METRIC_COLUMNS],
    rows,
  });
}

function eraTable(path: MarketPath): string {
  const eras = [
    { label: "2016–2020 (realised vol + spread)", from: "2016-01-01", to: "2020-12-31" },
    { label: "2021-04 – 2026-04 (DVOL)", from: "2021-04-01", to: "2026-04-06" },
  ];
  const rows: string[][] = [];
  for (const era of eras) {
    const sub = selectWindow(path, era);
    for (const policy of STRATEGIES) {
      for (const check of CHECKS) {
        rows.push(
          row(
            [era.label, policy.name, checkLabel(check)],
            run({ path: sub, days: "all", policy, execution: defaultExecution("auction", "spread"), check }),
          ),
        );
      }
    }
  }
  return markdownTable({ columns: ["era", "strategy", "check", ...METRIC_COLUMNS], rows });
}

function ammSensitivity(path: MarketPath): string {
  const rows: string[][] = [];
  for (const depth of [10_000_000, 100_000_000, 1_000_000_000]) {
    for (const feeBps of [5, 30]) {
      for (const route of ROUTES) {
        const r = run({
          path,
          days: "all",
          policy: TRACKER_28D,
          execution: { venue: "amm", route, depth, feeBps },
          check: 3_600,
        });
        rows.push(row([`$${(depth / 1e6).toLocaleString("en-US")}M`, `${feeBps} bps`, route], r));
      }
    }
  }
  return markdownTable({ columns: ["AMM depth per side", "fee", "route", ...METRIC_COLUMNS], rows });
}

function gasSensitivity(path: MarketPath): string {
  const rows: string[][] = [];
  for (const policy of STRATEGIES) {
    for (const gwei of [1, 20, 100]) {
      const r = runBacktest({
        path,
        policy,
        execution: defaultExecution("auction", "spread"),
        checkEverySeconds: 3_600,
        gas: { gasPriceGwei: gwei },
        keepSeries: false,
      });
      rows.push(row([policy.name, `${gwei} gwei`], r));
    }
  }
  return markdownTable({ columns: ["strategy", "gas price", ...METRIC_COLUMNS], rows });
}

/** The findings in a few sentences, from the same runs as the tables. */
function findings(paths: { all: MarketPath; ex: MarketPath }, dvolEra: MarketPath): string[] {
  const at = (
    path: MarketPath,
    policy: RollPolicy,
    check: number,
    venue: "amm" | "rfq" | "auction" = "auction",
    route: "spread" | "gross" = "spread",
  ) => run({ path, days: "all", policy, execution: defaultExecution(venue, route), check }).metrics;
  const t28 = at(paths.all, TRACKER_28D, 3_600);
  const t28ex = at(paths.ex, TRACKER_28D, 3_600);
  const t28daily = at(paths.all, TRACKER_28D, 86_400);
  const t28dvol = at(dvolEra, TRACKER_28D, 3_600);
  const shortDvol = at(dvolEra, SHORT_TENOR, 3_600);
  const amm = at(paths.all, TRACKER_28D, 3_600, "amm", "gross");
  const rfqGross = at(paths.all, TRACKER_28D, 3_600, "rfq", "gross");
  const shortGross = at(paths.all, SHORT_TENOR, 3_600, "rfq", "gross");
  const shortSpread = at(paths.all, SHORT_TENOR, 3_600, "rfq", "spread");
  return [
    "## What the numbers say",
    "",
    `- **Tracking error is mostly a few days and the volatility of the marks.** The 28-day rules with hourly checks track with a TE of ${pct(t28.trackingError)}/yr over 2016–2026 (${pct(t28daily.trackingError)} with daily checks), ${pct(t28ex.trackingError)} without the ${LARGEST_DAYS} largest days, and ${pct(t28dvol.trackingError)} in the DVOL years 2021–2026. So the post's 1–4%/yr holds for calm, DVOL-era markets and hourly checks; over the whole history, with 2016–2020's 100–300% volatilities and Black Thursday, it does not.`,
    `- **Shorter tenors track tighter.** 4-day series at 60% of spot had a TE of ${pct(shortDvol.trackingError)}/yr in 2021–2026, at ${pct(shortDvol.costs.total)}/yr of costs, most of it gas at 20 gwei (section 5).`,
    `- **Rolling as a spread trade is what makes frequent rolling affordable.** Charged on gross notional, short tenors cost ${pct(shortGross.costs.total)}/yr through RFQ; as a net-risk spread trade, ${pct(shortSpread.costs.total)}/yr.`,
    `- **Patient one-sided rolling beats AMM taking by a wide margin.** For the 28-day rules, a taker on a $10M-a-side constant-product pool pays ${pct(amm.costs.total)}/yr, an RFQ gross-notional taker ${pct(rfqGross.costs.total)}/yr, a patient auction spread roll ${pct(t28.costs.total)}/yr (section 2; section 4 shows how the AMM figure falls with depth and fee).`,
    "",
  ];
}

async function main(): Promise<void> {
  const loaded = loadHistoricalPath({
    pricesPath: data("eth_usd_1h_composite.csv"),
    dvolPath: data("eth_dvol_daily_deribit.csv"),
    window: WINDOW,
  });
  const { series: ex, removed } = removeLargestDays(loaded.path, LARGEST_DAYS);
  const paths = { all: loaded.path, ex };
  const sections = [
    "# Simulation: P-roll tracking error and cost on ETH history, 2016–2026",
    "",
    "Generated by `node packages/sim/scripts/tables.ts` (writes this file; deterministic, ~1 minute). Do not edit by hand: change the simulator or the script and regenerate.",
    "",
    `**Path.** ${loaded.note}. ${removedDaysText(removed)}`,
    "",
    "**Reading the tables.** A position worth $100,000 holds P and rolls by its strategy; its value is marked every bar at S − Put(x, S, τ, σ) with the market's implied volatility of that bar, and compared with a flat $100,000 target. *TE* is the annualised standard deviation of its daily log returns (the post's \"1–4%/yr\"). *Net drift* is its log growth per year after all costs; *premium/drift* is the mark-to-market return of holding P before costs (premium earned minus the sag near the strike and the cost of rolling after falls); then *premium/drift − slippage − fees − gas = net drift*. *Worst drawdown* is the largest fall from a running peak, on any bar.",
    "",
    ...findings(paths, selectWindow(loaded.path, { from: "2021-04-01", to: "2026-04-06" })),
    "## 1. Headline: the three strategies (patient auction, spread roll)",
    "",
    headline(paths),
    "",
    "## 2. Execution: AMM taker vs RFQ vs patient auction, spread roll vs gross notional",
    "",
    executionTable(loaded.path),
    "",
    "## 3. By era: realised-vol years against DVOL years",
    "",
    eraTable(loaded.path),
    "",
    "## 4. Sensitivity: AMM depth and fee (28-day rules, hourly checks)",
    "",
    ammSensitivity(loaded.path),
    "",
    "## 5. Sensitivity: gas price (auction, spread roll, hourly checks)",
    "",
    gasSensitivity(loaded.path),
    "",
    ...(await crashSection({
      history: loadPriceCsv(data("eth_usd_1h_composite.csv"), { despikeLogThreshold: 0.25 }),
      data,
      dvol: loadDvol(data("eth_dvol_daily_deribit.csv")),
    })),
    ...(await monteCarloSection(data)),
    ...assumptions(loaded.path),
    "## Appendix: the full grid (strategy × check × days × venue × route)",
    "",
    fullGrid(paths),
    "",
  ];
  // Paths relative to the repository, so the file is the same on every machine.
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  writeFileSync(output, sections.join("\n").replaceAll(root, ""));
  console.log(`wrote ${output}`);
}

await main();
