// Pricing throughput (not a test): evaluations per second on one core (one Node thread) for the Black-76 model
// functions and the exact bigint payoffs. Each case runs in a fresh Node process of its own (so one case's JIT
// feedback and inlining decisions cannot slow or speed another: in one shared process the order of the cases moved
// nValue by ~30%), cycles through a fixed pool of seeded inputs, is warmed up, then timed in several repetitions
// of a calibrated batch; the table shows the median and the min/max spread. Writes docs/bench/pricing.json.
// Run: node packages/core/bench/pricing.ts [--reps 7] [--ms 250] [--out FILE]   (root: npm run bench:pricing)
// A run takes about 8 x (0.3 + reps x ms) s; figures move with machine load, which the report records.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { nPayout, pPayout, redeemPayout } from "../src/payoff.ts";
import {
  callValue,
  impliedVolatility,
  nGreeks,
  normCdf,
  nValue,
  type PricingInput,
  pValue,
} from "../src/pricing.ts";

const { values: args } = parseArgs({
  options: {
    reps: { type: "string", default: "7" },
    ms: { type: "string", default: "250" },
    case: { type: "string" }, // internal: measure one case and print its row as JSON
    out: {
      type: "string",
      default: fileURLToPath(new URL("../../../docs/bench/pricing.json", import.meta.url)),
    },
  },
});
const REPS = Number(args.reps);
const TARGET_MS = Number(args.ms);
const WARMUP_MS = 300;
const POOL = 4096; // a power of two: index with `i & (POOL - 1)`

// mulberry32: a small 32-bit PRNG, enough for a reproducible input pool.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(0x5eed);
const logUniform = (lo: number, hi: number) =>
  Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));

// Model inputs a roller or market maker actually prices: S in [500, 5000] USD, x/S in [0.5, 4], 1 to 90 days,
// sigma in [20%, 150%].
const INPUT_DOMAIN = "S log-uniform [500, 5000]; x/S log-uniform [0.5, 4]; tau 1..90 days; sigma 20%..150%";
const inputs: PricingInput[] = Array.from({ length: POOL }, () => {
  const strike = logUniform(500, 5000);
  return {
    x: strike * logUniform(0.5, 4),
    strike,
    tau: logUniform(1, 90) / 365,
    sigma: logUniform(0.2, 1.5),
  };
});
// Implied volatility from the model price at each input (all strictly inside (intrinsic, x) in this domain; any
// that is not is replaced by an at-the-money case so the pool stays full).
const ivInputs = inputs.map((input) => {
  const price = callValue(input);
  const ok = price > Math.max(input.x - input.strike, 0) && price < input.x;
  const safe = ok ? input : { ...input, x: input.strike };
  return { x: safe.x, strike: safe.strike, tau: safe.tau, callPrice: callValue(safe) };
});
const zs = inputs.map(() => -6 + 12 * rand());

// Payoff inputs: amounts up to 2^128 - 1, WAD strikes and settlement values around them (half above, half below).
const randBig = (bits: number): bigint => {
  let v = 0n;
  for (let b = 0; b < bits; b += 32) v = (v << 32n) | BigInt(Math.floor(rand() * 4294967296));
  return v & ((1n << BigInt(bits)) - 1n);
};
const payoffs = Array.from({ length: POOL }, () => {
  const strikeWad = BigInt(Math.floor(logUniform(500, 5000) * 1e6)) * 10n ** 12n;
  const xWad = (strikeWad * BigInt(Math.floor(logUniform(0.5, 4) * 1e9))) / 10n ** 9n + 1n;
  return { amount: randBig(1 + Math.floor(rand() * 128)), strikeWad, xWad };
});
const PAYOFF_DOMAIN =
  "amount: random bit length 1..128; strikeWad 500..5000 WAD (1e-6 steps); xWad = S * [0.5, 4]";

type Case = { name: string; domain: string; run: (i: number) => number };
const mask = POOL - 1;
const big = (v: bigint) => Number(v & 0xffffn); // fold a bigint result into the sink cheaply
const cases: Case[] = [
  { name: "normCdf", domain: "z uniform [-6, 6]", run: (i) => normCdf(zs[i & mask] as number) },
  { name: "nValue", domain: INPUT_DOMAIN, run: (i) => nValue(inputs[i & mask] as PricingInput) },
  { name: "pValue", domain: INPUT_DOMAIN, run: (i) => pValue(inputs[i & mask] as PricingInput) },
  {
    name: "nGreeks",
    domain: INPUT_DOMAIN,
    run: (i) => {
      const g = nGreeks(inputs[i & mask] as PricingInput);
      return g.delta + g.gamma + g.vega + g.theta;
    },
  },
  {
    name: "impliedVolatility",
    domain: `${INPUT_DOMAIN}; price = model price at sigma`,
    run: (i) => impliedVolatility(ivInputs[i & mask] as (typeof ivInputs)[number]),
  },
  {
    name: "pPayout (bigint)",
    domain: PAYOFF_DOMAIN,
    run: (i) => {
      const p = payoffs[i & mask] as (typeof payoffs)[number];
      return big(pPayout(p.amount, p.strikeWad, p.xWad));
    },
  },
  {
    name: "nPayout (bigint)",
    domain: PAYOFF_DOMAIN,
    run: (i) => {
      const p = payoffs[i & mask] as (typeof payoffs)[number];
      return big(nPayout(p.amount, p.strikeWad, p.xWad));
    },
  },
  {
    name: "redeemPayout (bigint)",
    domain: `${PAYOFF_DOMAIN}; pAmount = nAmount = amount`,
    run: (i) => {
      const p = payoffs[i & mask] as (typeof payoffs)[number];
      return big(
        redeemPayout({ pAmount: p.amount, nAmount: p.amount, strikeWad: p.strikeWad, xWad: p.xWad }),
      );
    },
  },
];

let sink = 0;
function batch(run: (i: number) => number, n: number): number {
  const start = performance.now();
  let acc = 0;
  for (let i = 0; i < n; i++) acc += run(i);
  const ms = performance.now() - start;
  sink += acc;
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

type Row = {
  name: string;
  domain: string;
  evalsPerRep: number;
  repetitions: number;
  medianEvalsPerSecond: number;
  minEvalsPerSecond: number;
  maxEvalsPerSecond: number;
  medianNsPerEval: number;
};

function measure({ name, domain, run }: Case): Row {
  // Warm-up: run until WARMUP_MS has passed (lets the JIT optimise `run` and what it calls), doubling the batch;
  // the last warm-up batch also calibrates the timed batch size to about TARGET_MS.
  let n = 1_000;
  let spent = 0;
  let last = { n, ms: 0 };
  while (spent < WARMUP_MS) {
    const ms = batch(run, n);
    spent += ms;
    last = { n, ms };
    if (ms < TARGET_MS / 4) n *= 2;
  }
  const evals = Math.max(1_000, Math.round((last.n * TARGET_MS) / Math.max(last.ms, 1e-3)));
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) rates.push(evals / (batch(run, evals) / 1000));
  const med = median(rates);
  return {
    name,
    domain,
    evalsPerRep: evals,
    repetitions: REPS,
    medianEvalsPerSecond: Math.round(med),
    minEvalsPerSecond: Math.round(Math.min(...rates)),
    maxEvalsPerSecond: Math.round(Math.max(...rates)),
    medianNsPerEval: Number((1e9 / med).toFixed(1)),
  };
}

if (args.case !== undefined) {
  const c = cases.find((k) => k.name === args.case);
  if (c === undefined)
    throw new Error(`unknown case ${args.case}; one of: ${cases.map((k) => k.name).join(", ")}`);
  const row = measure(c);
  // `sink` keeps every result live so no call can be optimised away; it is reported so it is observably used.
  console.log(JSON.stringify({ row, checksum: sink }));
} else {
  main();
}

function runCase(name: string): Row {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), "--case", name, "--reps", String(REPS), "--ms", String(TARGET_MS)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (child.status !== 0) throw new Error(`case ${name} exited with ${child.status}`);
  const lastLine = child.stdout.trim().split("\n").at(-1) ?? "";
  return (JSON.parse(lastLine) as { row: Row }).row;
}

function main(): void {
  const fmt = (v: number) => v.toLocaleString("en-US");
  console.log(
    `pricing throughput, one core (one Node thread, a fresh process per case): ${REPS} repetitions of ~${TARGET_MS} ms after ${WARMUP_MS} ms warm-up`,
  );
  const loadBefore = loadavg();
  const rows: Row[] = [];
  for (const c of cases) {
    const row = runCase(c.name);
    rows.push(row);
    console.log(`  ${row.name.padEnd(22)} ${fmt(row.medianEvalsPerSecond).padStart(13)} /s`);
  }
  const loadAfter = loadavg();

  const header = ["function", "median evals/s", "ns/eval", "min evals/s", "max evals/s"];
  const table = rows.map((r) => [
    r.name,
    fmt(r.medianEvalsPerSecond),
    r.medianNsPerEval.toFixed(1),
    fmt(r.minEvalsPerSecond),
    fmt(r.maxEvalsPerSecond),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((row) => (row[k] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join(" | ")} |`;
  console.log();
  console.log(line(header));
  console.log(
    `|${widths.map((w, k) => (k === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of table) console.log(line(row));

  const cpu = cpus()[0];
  const report = {
    generatedAt: new Date().toISOString(),
    command: "npm run bench:pricing",
    metric:
      "evaluations per second on one Node thread: median of the repetitions, each a calibrated batch cycling a fixed seeded pool of inputs; one fresh process per function",
    method: {
      warmupMs: WARMUP_MS,
      targetMsPerRepetition: TARGET_MS,
      repetitions: REPS,
      inputPool: POOL,
      seed: "0x5eed (mulberry32)",
    },
    machine: {
      node: process.version,
      v8: process.versions.v8,
      cpu: cpu?.model ?? "unknown",
      logicalCpus: cpus().length,
      platform: `${process.platform}-${process.arch}`,
      loadAverage1mBefore: Number(loadBefore[0]?.toFixed(2)),
      loadAverage1mAfter: Number(loadAfter[0]?.toFixed(2)),
    },
    rows,
  };
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nload average (1 min) ${report.machine.loadAverage1mBefore} -> ${report.machine.loadAverage1mAfter} on ${report.machine.logicalCpus} CPUs`,
  );
  console.log(`wrote ${args.out}`);
}
