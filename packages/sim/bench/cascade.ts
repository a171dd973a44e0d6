// Benchmark (not a timed test): a 10,000-borrower cascade over a 10-minute crash day, target <= 1 s.
// The day is 2020-03-12 (144 bars of 10-minute lows, -48%), the book the calibrated Aave v2 one (the preset with
// the most work: repeated partial liquidations), the market linear with $2M per 1% (a deep cascade: many rounds).
// `runCascade` runs the book twice (price-taker, then with impact); both are timed, and the impact run alone.
// Run: node packages/sim/bench/cascade.ts

import { fileURLToPath } from "node:url";
import { runCascade } from "../src/cascade/index.ts";
import { AAVE_V2_CALIBRATION, loadDailyPrices, lookbackHigh, runBooks } from "../src/cdp/index.ts";
import { loadPriceCsv, selectWindow } from "../src/data/loaders.ts";

const data = (name: string) => fileURLToPath(new URL(`../../../data/${name}`, import.meta.url));
const day = selectWindow(loadPriceCsv(data("eth_usd_10min_crash_days_stablesims.csv"), { column: "low" }), {
  from: "2020-03-12",
  to: "2020-03-12",
});
const path = { t: day.t, x: day.x };
const daily = loadDailyPrices(data("eth_usd_1h_composite.csv"));
const referencePrice = lookbackHigh(daily, "2020-03-12", AAVE_V2_CALIBRATION.lookbackDays);
const books = [
  {
    preset: "aave" as const,
    population: { borrowers: 10_000, ...(referencePrice ? { referencePrice } : {}) },
  },
];
const impact = { kind: "linear" as const, depthUsdPer1Pct: 2e6 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => unknown, repeats = 11): { median: number; first: number } {
  const runs: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    run();
    runs.push((performance.now() - start) / 1000);
  }
  return { median: median(runs.slice(1)), first: runs[0] ?? Number.NaN };
}

const result = runCascade({ path, books, impact });
const cascadeOnly = time(() => runBooks({ path, books, impact }));
const both = time(() => runCascade({ path, books, impact }));
const book = result.cascade[0];
console.log(
  `10,000-borrower cascade, 2020-03-12, ${path.t.length} ten-minute steps, Aave book, linear $2M per 1%:`,
);
console.log(
  `  ${book?.liquidations.toLocaleString("en-US")} liquidation events, ${book?.borrowersLiquidated.toLocaleString("en-US")} borrowers, up to ${Math.max(...result.steps.rounds)} rounds per step`,
);
console.log(
  `  cascade run (population + fixed point): median ${cascadeOnly.median.toFixed(3)} s of 10 (target <= 1 s); first (cold) ${cascadeOnly.first.toFixed(3)} s`,
);
console.log(`  runCascade (price-taker run + cascade run): median ${both.median.toFixed(3)} s of 10`);
