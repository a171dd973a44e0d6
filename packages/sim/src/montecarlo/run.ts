// Monte Carlo over worker threads. Paths are split into contiguous ranges, one per worker; the result is
// identical for any number of workers because each path's seeds depend only on (seed, path index).

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { InvalidParameterError, WorkerFailedError } from "../errors.ts";
import { validatePolicy } from "../strategies/policy.ts";
import { emptyMetrics, simulateRange, summarise } from "./simulate.ts";
import { type MonteCarloParams, type MonteCarloResult, PATH_METRIC_KEYS, type PathMetrics } from "./types.ts";

export type ProgressCallback = (done: number, total: number) => void;

/** Runs a Monte Carlo study; `onProgress` is called as paths finish. */
export async function runMonteCarlo(
  params: MonteCarloParams,
  onProgress?: ProgressCallback,
): Promise<MonteCarloResult> {
  validate(params);
  const started = performance.now();
  const workers = Math.max(1, Math.min(params.workers ?? Math.min(availableParallelism(), 8), params.paths));
  const perPath = emptyMetrics(params.paths);
  if (workers === 1) {
    simulateRange({
      mc: params,
      start: 0,
      end: params.paths,
      out: perPath,
      onPath: (d) => onProgress?.(d, params.paths),
    });
  } else {
    await runInWorkers({ params, workers, perPath, ...(onProgress === undefined ? {} : { onProgress }) });
  }
  const ruined = perPath.meanDrift.filter((v) => v === Number.NEGATIVE_INFINITY).length;
  const { generator, workers: _workers, ...rest } = params;
  const generatorSummary =
    generator.kind === "bootstrap"
      ? { kind: "bootstrap", blockLength: generator.blockLength, returns: generator.returns.length }
      : generator;
  return {
    params: { ...rest, generator: generatorSummary },
    perPath,
    summary: summarise(perPath),
    ruined,
    seconds: (performance.now() - started) / 1000,
  };
}

async function runInWorkers(options: {
  params: MonteCarloParams;
  workers: number;
  perPath: PathMetrics;
  onProgress?: ProgressCallback;
}): Promise<void> {
  const { params, workers, perPath } = options;
  const done = new Array<number>(workers).fill(0);
  const chunk = Math.ceil(params.paths / workers);
  const jobs = Array.from({ length: workers }, (_, w) => ({
    start: w * chunk,
    end: Math.min((w + 1) * chunk, params.paths),
  }));
  await Promise.all(
    jobs.map(({ start, end }, w) => {
      const worker = new Worker(new URL("./worker.ts", import.meta.url), {
        workerData: { mc: params, start, end },
      });
      return new Promise<void>((resolve, reject) => {
        worker.on(
          "message",
          (message: { kind: "progress"; done: number } | { kind: "done"; out: PathMetrics }) => {
            if (message.kind === "progress") {
              done[w] = message.done;
              options.onProgress?.(
                done.reduce((a, b) => a + b, 0),
                params.paths,
              );
              return;
            }
            for (const key of PATH_METRIC_KEYS) perPath[key].set(message.out[key], start);
            done[w] = end - start;
            options.onProgress?.(
              done.reduce((a, b) => a + b, 0),
              params.paths,
            );
            resolve();
          },
        );
        worker.on("error", (cause) => reject(new WorkerFailedError({ reason: String(cause), cause })));
        worker.on("exit", (code) =>
          code === 0 ? resolve() : reject(new WorkerFailedError({ reason: `exit code ${code}` })),
        );
      });
    }),
  );
}

function validate(params: MonteCarloParams): void {
  const check = (field: string, value: number, ok: boolean, expected: string) => {
    if (!ok) throw new InvalidParameterError({ field, value, expected });
  };
  check("paths", params.paths, Number.isInteger(params.paths) && params.paths > 0, "a positive integer");
  check("steps", params.steps, Number.isInteger(params.steps) && params.steps > 1, "an integer > 1");
  check("x0", params.x0, params.x0 > 0, "a positive price");
  check("seed", params.seed, Number.isInteger(params.seed), "an integer");
  validatePolicy(params.policy);
}
