// Generates the numbers of docs/cdp-baseline.md: the Aave v2 calibration, and for each crash day in data/ the CDP
// books' liquidations, forced sales and penalties, the P/N roll flows on the same path, and the cascade's
// amplification across market depths. Deterministic.
// Run: node packages/sim/scripts/crash-tables.ts [--write]   (--write replaces the generated part of the doc)

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ImpactModel, rollFlows, runCascade } from "../src/cascade/index.ts";
import {
  AAVE_V2_CALIBRATION,
  type CalibrationResult,
  type CdpPresetName,
  calibrateAaveBook,
  type DailyPrice,
  loadAaveLiquidations,
  loadDailyPrices,
  lookbackHigh,
  runCdpCrash,
} from "../src/cdp/index.ts";
import { loadDvol, loadPriceCsv, selectWindow } from "../src/data/loaders.ts";
import { isoDate, isoMinute } from "../src/data/time.ts";
import type { TimeSeries } from "../src/paths/types.ts";

const data = (name: string) => fileURLToPath(new URL(`../../../data/${name}`, import.meta.url));
const docPath = fileURLToPath(new URL("../../../docs/cdp-baseline.md", import.meta.url));
const PRESETS: readonly CdpPresetName[] = ["maker", "liquity", "aave"];
const DEPTHS = [1e6, 2e6, 5e6, 2e7];
const HALF_LIFE = 3600;

const usdM = (v: number) => `$${(v / 1e6).toFixed(2)}M`;
const eth = (v: number) => (Math.round(v) || 0).toLocaleString("en-US"); // || 0: no "-0"
const pct = (v: number, digits = 1) => {
  const text = (v * 100).toFixed(digits);
  return `${Number(text) === 0 ? (0).toFixed(digits) : text}%`;
};
const hhmm = (t: number) => isoMinute(t).slice(11, 16);
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

function calibrationSection(fit: CalibrationResult): string {
  const c = AAVE_V2_CALIBRATION;
  const same =
    fit.lookbackDays === c.lookbackDays &&
    fit.buffer.mu === c.buffer.mu &&
    fit.buffer.sigma === c.buffer.sigma;
  const rows = [
    ["lookback L (days)", `${fit.lookbackDays}`],
    [
      "buffer b: lognormal mu, sigma",
      `${fit.buffer.mu.toFixed(2)}, ${fit.buffer.sigma.toFixed(2)} (median b ${Math.exp(fit.buffer.mu).toFixed(3)}: liquidation ${pct(1 - 1 / (1 + Math.exp(fit.buffer.mu)))} below p_ref)`,
    ],
    ["growth g of the at-risk book", `${fit.growthPerYear.toFixed(3)} / year`],
    ["baseline a", `${fit.baselinePerDay.toFixed(2)} borrowers / day`],
    [`N at ${fit.referenceDay}`, `${fit.atRiskBorrowers.toFixed(1)} borrowers`],
    ["R² of the daily counts", fit.r2.toFixed(3)],
    [
      `debt a full sweep repays at ${fit.referenceDay} (R² ${fit.usdR2.toFixed(3)})`,
      usdM(fit.atRiskRepaidUsd),
    ],
    ["book debt (x 2, close factor 50%)", usdM(fit.bookDebtUsd)],
    [
      "position debt: lognormal mu, sigma (USD)",
      `${fit.size.mu.toFixed(4)}, ${fit.size.sigma.toFixed(4)} (median $${Math.round(Math.exp(fit.size.mu)).toLocaleString("en-US")}, mean $${Math.round(Math.exp(fit.size.mu + fit.size.sigma ** 2 / 2)).toLocaleString("en-US")})`,
    ],
    ["sample", `${fit.borrowerDays.toLocaleString("en-US")} borrower-days over ${fit.days} days`],
  ];
  const top = fit.topDays.map((d) => [d.day, d.x.toFixed(3), `${d.observed}`, d.fitted.toFixed(0)]);
  return [
    "### Calibration (re-fitted by the script)",
    same ? "" : "**The fit no longer matches `AAVE_V2_CALIBRATION`: update calibration.ts.**",
    table(["parameter", "value"], rows),
    "",
    "Busiest days: observed against fitted distinct borrowers liquidated.",
    "",
    table(["day", "x_d = p_ref / low - 1", "observed", "fitted"], top),
  ]
    .filter((s) => s !== "")
    .join("\n\n");
}

type Day = {
  day: string;
  path: { t: Float64Array; x: Float64Array };
  reference: number;
  sigma: number;
  sigmaNote: string;
};

function crashDays(daily: readonly DailyPrice[], dvol: TimeSeries): Day[] {
  const all = loadPriceCsv(data("eth_usd_10min_crash_days_stablesims.csv"), { column: "low" });
  const days = [...new Set(Array.from(all.t, (t) => isoDate(t - all.barSeconds)))];
  return days.map((day) => {
    const bars = selectWindow(all, { from: day, to: day });
    const reference = lookbackHigh(daily, day, AAVE_V2_CALIBRATION.lookbackDays) ?? bars.x[0] ?? 0;
    const start = Date.parse(`${day}T00:00:00Z`) / 1000;
    let sigma = 1;
    let sigmaNote = "stated 100%";
    for (let i = 0; i < dvol.t.length; i++) {
      if ((dvol.t[i] ?? 0) <= start) {
        sigma = dvol.v[i] ?? 1;
        sigmaNote = `DVOL ${(sigma * 100).toFixed(0)}%`;
      }
    }
    return { day, path: { t: bars.t, x: bars.x }, reference, sigma, sigmaNote };
  });
}

function daySection(d: Day): { cdp: string[][]; pn: string[]; price: string[] } {
  const population = { referencePrice: d.reference };
  const results = PRESETS.map((preset) => runCdpCrash({ path: d.path, preset, population }));
  const flows = rollFlows({ path: d.path, referencePrice: d.reference, sigma: d.sigma });
  const open = d.path.x[0] ?? 0;
  const low = Math.min(...d.path.x);
  const first = results[0];
  const price = [
    d.day,
    open.toFixed(2),
    low.toFixed(2),
    pct(1 - low / open),
    d.reference.toFixed(2),
    pct(first?.liquidatedBeforeShare ?? 0),
    usdM(first?.debtUsd ?? 0),
  ];
  const cdp = results.map((r) => [
    d.day,
    r.preset,
    r.liquidations.toLocaleString("en-US"),
    `${r.borrowersLiquidated.toLocaleString("en-US")} (${pct(r.borrowersLiquidated / r.borrowers)})`,
    eth(r.collateralSoldEth),
    usdM(r.forcedSalesUsd),
    usdM(r.penaltyUsd),
    usdM(r.badDebtUsd),
    `${usdM(r.worstHour.soldUsd)} (${hhmm(r.worstHour.start)}–${hhmm(r.worstHour.end)})`,
  ]);
  const soldAvg = results.reduce((s, r) => s + r.collateralSoldEth, 0) / results.length;
  const pn = [
    d.day,
    d.sigmaNote,
    `${flows.holdersRolled.toLocaleString("en-US")} (${pct(flows.holdersRolled / flows.holders)})`,
    flows.rolls.toLocaleString("en-US"),
    usdM(flows.premiumTradedUsd),
    `${eth(flows.hedgeSalesEth)} (+${eth(flows.hedgeAfterPathEth)} after)`,
    usdM(flows.hedgeSalesUsd),
    `${eth(flows.worstHour.hedgeEth)}`,
    "0",
    pct((flows.hedgeSalesEth + flows.hedgeAfterPathEth) / soldAvg),
  ];
  return { cdp, pn, price };
}

function cascadeRows(d: Day, impactOf: (depth: number) => ImpactModel, books = PRESETS): string[][] {
  const population = { referencePrice: d.reference };
  return DEPTHS.map((depth) => {
    const impact = impactOf(depth);
    const c = runCascade({ path: d.path, books: books.map((preset) => ({ preset, population })), impact });
    const pn = rollFlows({ path: d.path, referencePrice: d.reference, sigma: d.sigma, impact });
    return [
      d.day,
      `$${depth / 1e6}M`,
      c.exogenousLow.toFixed(2),
      c.cascadeLow.toFixed(2),
      pct(c.extraDrop),
      c.amplification.toFixed(3),
      pct(c.maxImpact),
      `${c.extraBorrowersLiquidated >= 0 ? "+" : ""}${c.extraBorrowersLiquidated}`,
      pct(1 - pn.marketLow / pn.exogenousLow, 2),
    ];
  });
}

function sensitivity(d: Day): string[][] {
  const rows: string[][] = [];
  for (const [label, impact, scale] of [
    [
      "linear, $2M, half-life 1 h, book x1",
      { kind: "linear", depthUsdPer1Pct: 2e6, recoveryHalfLifeSeconds: HALF_LIFE },
      1,
    ],
    [
      "linear, $2M, permanent impact, book x1",
      { kind: "linear", depthUsdPer1Pct: 2e6, recoveryHalfLifeSeconds: Number.POSITIVE_INFINITY },
      1,
    ],
    [
      "constant product, $2M, half-life 1 h, book x1",
      { kind: "constantProduct", depthUsdPer1Pct: 2e6, recoveryHalfLifeSeconds: HALF_LIFE },
      1,
    ],
    [
      "linear, $20M, half-life 1 h, book x10",
      { kind: "linear", depthUsdPer1Pct: 2e7, recoveryHalfLifeSeconds: HALF_LIFE },
      10,
    ],
    [
      "linear, $5M, half-life 1 h, book x10",
      { kind: "linear", depthUsdPer1Pct: 5e6, recoveryHalfLifeSeconds: HALF_LIFE },
      10,
    ],
  ] as const) {
    const population = { referencePrice: d.reference, bookDebtUsd: AAVE_V2_CALIBRATION.bookDebtUsd * scale };
    const c = runCascade({ path: d.path, books: PRESETS.map((preset) => ({ preset, population })), impact });
    rows.push([d.day, label, c.cascadeLow.toFixed(2), pct(c.extraDrop), c.amplification.toFixed(3)]);
  }
  return rows;
}

function main(): void {
  const daily = loadDailyPrices(data("eth_usd_1h_composite.csv"));
  const fit = calibrateAaveBook({
    events: loadAaveLiquidations(data("aave_v2_liquidations_rpi.csv")),
    prices: daily,
    from: "2020-12-18",
    to: "2022-04-02",
  });
  const days = crashDays(daily, loadDvol(data("eth_dvol_daily_deribit.csv")));
  const sections = days.map(daySection);
  const linear = (depth: number): ImpactModel => ({
    kind: "linear",
    depthUsdPer1Pct: depth,
    recoveryHalfLifeSeconds: HALF_LIFE,
  });
  const out = [
    "<!-- crash-tables:start (generated by packages/sim/scripts/crash-tables.ts --write; do not edit by hand) -->",
    calibrationSection(fit),
    "### The crash days",
    "Paths are the 10-minute lows of data/eth_usd_10min_crash_days_stablesims.csv. p_ref is the highest daily close of the 5 days before (data/eth_usd_1h_composite.csv); the share of the book already liquidated between p_ref and the open is left out, and the book's debt at the open is what is left of the calibrated book.",
    table(
      ["day", "open", "low", "open → low", "p_ref", "liquidated before the open", "book debt at the open"],
      sections.map((s) => s.price),
    ),
    "### CDP books, each alone, on the exogenous path (no price impact)",
    table(
      [
        "day",
        "system",
        "liquidations",
        "borrowers liquidated",
        "ETH force-sold",
        "forced sales",
        "penalty losses",
        "bad debt",
        "worst hour of forced selling (UTC)",
      ],
      sections.flatMap((s) => s.cdp),
    ),
    "### P/N on the same path: the flows rolling creates",
    'The same USD notional held as P by 10,000 holders (strikes 35–50% of p_ref, 7–56 days left, hourly checks, 3-hour roll auctions). Hedge sales are the makers\' delta hedges of the rolls; "after" is the part of 3-hour auctions that runs past midnight. Forced sales are zero by construction.',
    table(
      [
        "day",
        "implied vol",
        "holders rolled",
        "rolls",
        "call premium traded",
        "hedge sales, ETH",
        "hedge sales",
        "worst hour, ETH",
        "forced sales",
        "hedge / mean CDP forced sale (ETH)",
      ],
      sections.map((s) => s.pn),
    ),
    "### Cascade: the three books together selling into one market (linear impact, half-life 1 h)",
    "Extra drop = 1 − cascade low / exogenous low; amplification = (open − cascade low) / (open − exogenous low). The last column runs the P/N hedge flow into the same market (a maker that hedges at once, the most it can do).",
    table(
      [
        "day",
        "depth per 1%",
        "exogenous low",
        "cascade low",
        "extra drop",
        "amplification",
        "max impact",
        "extra borrowers liquidated",
        "P/N extra drop",
      ],
      days.flatMap((d) => cascadeRows(d, linear)),
    ),
    "### Sensitivity on 2020-03-12 and 2021-05-19",
    table(
      ["day", "market and book", "cascade low", "extra drop", "amplification"],
      days.filter((d) => d.day === "2020-03-12" || d.day === "2021-05-19").flatMap(sensitivity),
    ),
    "<!-- crash-tables:end -->",
  ].join("\n\n");
  if (process.argv.includes("--write")) {
    const doc = readFileSync(docPath, "utf8");
    const start = doc.indexOf("<!-- crash-tables:start");
    const end = doc.indexOf("<!-- crash-tables:end -->");
    if (start < 0 || end < 0) {
      console.error(`${docPath} has no crash-tables markers; printing instead.`);
      console.log(out);
      process.exitCode = 1;
      return;
    }
    writeFileSync(docPath, doc.slice(0, start) + out + doc.slice(end + "<!-- crash-tables:end -->".length));
    console.log(`wrote the generated tables into ${docPath}`);
  } else console.log(out);
}

main();
