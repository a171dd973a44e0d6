// `pn montecarlo`: one policy on many generated paths (GBM, Merton, Student-t, block bootstrap), in worker threads.

import {
  type GeneratorSpec,
  type IvSpec,
  loadPriceCsv,
  logReturns,
  type MonteCarloResult,
  monteCarloReport,
  runMonteCarlo,
  selectWindow,
} from "@pn/sim";
import type { Command } from "commander";
import { z } from "zod";
import { CliUsageError } from "../errors.ts";
import { executionFrom, numberFlag, parseOptions, policyFrom } from "../options.ts";
import { emit } from "../output.ts";
import { DEFAULT_FILES } from "../paths.ts";
import { createProgress } from "../progress.ts";
import { addRunOptions, runOptionsSchema } from "./shared.ts";

const schema = runOptionsSchema.extend({
  model: z.enum(["gbm", "merton", "student-t", "bootstrap"], {
    error: "must be gbm, merton, student-t or bootstrap",
  }),
  mu: numberFlag(),
  sigma: numberFlag({ min: 0, max: 10 }),
  nu: numberFlag({ min: 2.0001 }),
  jumpsPerYear: numberFlag({ min: 0 }),
  jumpMean: numberFlag({ min: -5, max: 5 }),
  jumpStd: numberFlag({ min: 0, max: 5 }),
  bootstrapFrom: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  blockSteps: numberFlag({ min: 1, int: true }),
  paths: numberFlag({ min: 1, max: 1_000_000, int: true }),
  steps: numberFlag({ min: 2, max: 1_000_000, int: true }),
  stepSeconds: numberFlag({ min: 1 }),
  x0: numberFlag({ min: 0.000001 }),
  iv: z.enum(["realised", "constant"], { error: "must be realised or constant" }),
  ivSpread: numberFlag({ min: 0, max: 2 }),
  workers: numberFlag({ min: 1, max: 64, int: true }).optional(),
});

export function registerMonteCarlo(program: Command): void {
  const command = program
    .command("montecarlo")
    .description("Run one roll policy over many seeded generated paths (worker threads).")
    .option("--model <name>", "gbm, merton, student-t or bootstrap", "gbm")
    .option("--mu <drift>", "annual drift", "0")
    .option("--sigma <vol>", "annual volatility (diffusion part)", "0.8")
    .option("--nu <dof>", "Student-t degrees of freedom", "3")
    .option("--jumps-per-year <n>", "Merton jump intensity", "4")
    .option("--jump-mean <log>", "Merton mean log jump", "-0.1")
    .option("--jump-std <log>", "Merton log-jump standard deviation", "0.15")
    .option("--bootstrap-from <file>", "history for the block bootstrap", DEFAULT_FILES.daily)
    .option("--from <date>", "bootstrap history start", "2016-01-01")
    .option("--to <date>", "bootstrap history end (inclusive day)")
    .option("--block-steps <n>", "bootstrap block length in steps", "10")
    .option("--paths <n>", "number of paths", "1000")
    .option("--steps <n>", "steps per path", "365")
    .option(
      "--step-seconds <s>",
      "seconds per step (86400 daily; bootstrap uses the history's bars)",
      "86400",
    )
    .option("--x0 <price>", "starting price", "2000")
    .option(
      "--iv <kind>",
      "implied vol: realised (trailing 30 d + spread) or constant (= sigma + spread)",
      "realised",
    )
    .option("--iv-spread <vol>", "spread over realised vol", "0.06")
    .option("--workers <n>", "worker threads (default: available cores)");
  addRunOptions(command, { policy: "28d", venue: "auction", route: "spread", check: "bar" });
  command.action((raw: Record<string, unknown>) => monteCarloAction(raw));
}

async function monteCarloAction(raw: Record<string, unknown>): Promise<void> {
  const o = parseOptions(schema, raw, "montecarlo");
  if (o.policy.length !== 1 || o.venue.length !== 1 || o.route.length !== 1 || o.check.length !== 1) {
    throw new CliUsageError({
      problems: ["--policy, --venue, --route and --check take one value each for a Monte Carlo run"],
      command: "montecarlo",
    });
  }
  const generator = generatorFrom(o);
  const iv: IvSpec =
    o.iv === "constant"
      ? { kind: "constant", sigma: o.sigma + o.ivSpread }
      : { kind: "realised", windowDays: 30, spread: o.ivSpread, initialVol: o.sigma + o.ivSpread };
  const progress = createProgress("montecarlo", o.progress && process.stderr.isTTY === true);
  const result = await runMonteCarlo(
    {
      generator,
      x0: o.x0,
      steps: o.steps,
      stepSeconds: o.stepSeconds,
      paths: o.paths,
      seed: o.seed,
      iv,
      policy: policyFrom(o.policy[0] ?? "", o),
      execution: executionFrom(o.venue[0] ?? "auction", o.route[0] ?? "spread", o),
      gas: { gasPriceGwei: o.gasGwei },
      notional: o.notional,
      checkEverySeconds: o.check[0] ?? 0,
      ...(o.workers === undefined ? {} : { workers: o.workers }),
    },
    (done, total) => progress.update(done, total),
  );
  progress.finish();
  process.stderr.write(`${o.paths} paths in ${result.seconds.toFixed(2)} s\n`);
  const { seconds: _seconds, perPath, ...summary } = result;
  const data: Omit<MonteCarloResult, "seconds"> = { ...summary, perPath };
  emit({ json: o.json, out: o.out, name: o.name, doc: monteCarloReport(result), data, summary });
}

function generatorFrom(o: z.output<typeof schema>): GeneratorSpec {
  switch (o.model) {
    case "gbm":
      return { kind: "gbm", mu: o.mu, sigma: o.sigma };
    case "merton":
      return {
        kind: "merton",
        mu: o.mu,
        sigma: o.sigma,
        jumpsPerYear: o.jumpsPerYear,
        jumpMean: o.jumpMean,
        jumpStd: o.jumpStd,
      };
    case "student-t":
      return { kind: "student-t", mu: o.mu, sigma: o.sigma, nu: o.nu };
    case "bootstrap": {
      const history = selectWindow(loadPriceCsv(o.bootstrapFrom, { despikeLogThreshold: 0.25 }), {
        ...(o.from === undefined ? {} : { from: o.from }),
        ...(o.to === undefined ? {} : { to: o.to }),
      });
      return { kind: "bootstrap", returns: logReturns(history.x), blockLength: o.blockSteps };
    }
  }
}
