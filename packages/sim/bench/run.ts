// Simulator benchmarks (not timed tests): a 10-year hourly single-path backtest (target ≤ 0.5 s) and 10,000
// Monte Carlo paths × 365 daily steps with a roll policy on 2 worker threads (target ≤ 5 s).
// Run: node packages/sim/bench/run.ts   (root: npm run bench:sim)

import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import {
  defaultExecution,
  loadHistoricalPath,
  runBacktest,
  runMonteCarlo,
  TRACKER_28D,
} from "../src/index.ts";

const data = (name: string) => fileURLToPath(new URL(`../../../data/${name}`, import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

function hourlyBacktest(): void {
  const load = timed(() =>
    loadHistoricalPath({
      pricesPath: data("eth_usd_1h_composite.csv"),
      dvolPath: data("eth_dvol_daily_deribit.csv"),
      window: { from: "2016-01-01", to: "2025-12-31" },
    }),
  );
  const { path } = load.value;
  const runs: number[] = [];
  let rolls = 0;
  for (let k = 0; k < 7; k++) {
    const run = timed(() =>
      runBacktest({
        path,
        policy: TRACKER_28D,
        execution: defaultExecution("auction", "spread"),
        checkEverySeconds: 3600,
      }),
    );
    runs.push(run.seconds);
    rolls = run.value.metrics.rolls;
  }
  console.log(
    `10-year hourly backtest: ${path.t.length.toLocaleString("en-US")} bars, ${rolls} rolls, hourly checks`,
  );
  console.log(
    `  backtest: median ${median(runs).toFixed(3)} s of 7 (target <= 0.5 s); min ${Math.min(...runs).toFixed(3)} s`,
  );
  console.log(`  load + implied vol (whole CSV, once): ${load.seconds.toFixed(3)} s`);
}

async function monteCarlo(): Promise<void> {
  const result = await runMonteCarlo({
    generator: { kind: "gbm", mu: 0, sigma: 0.8 },
    x0: 2000,
    steps: 365,
    stepSeconds: 86_400,
    paths: 10_000,
    seed: 1,
    iv: { kind: "realised", windowDays: 30, spread: 0.06, initialVol: 0.86 },
    policy: TRACKER_28D,
    execution: defaultExecution("auction", "spread"),
    checkEverySeconds: 0,
    workers: 2,
  });
  console.log(
    "Monte Carlo: 10,000 paths x 365 daily steps, 28-day roll policy checked every step, 2 worker threads",
  );
  console.log(
    `  ${result.seconds.toFixed(2)} s (target <= 5 s); median TE ${(result.summary.trackingError.p50 * 100).toFixed(2)}%/yr`,
  );
}

console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores available`,
);
hourlyBacktest();
await monteCarlo();
