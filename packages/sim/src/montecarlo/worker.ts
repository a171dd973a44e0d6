// Worker thread body: simulates its share of paths and sends back the metric arrays (a few hundred kB, copied).

import { parentPort, workerData } from "node:worker_threads";
import { emptyMetrics, simulateRange } from "./simulate.ts";
import type { MonteCarloParams } from "./types.ts";

type Job = { mc: MonteCarloParams; start: number; end: number };

const job = workerData as Job;
const out = emptyMetrics(job.end - job.start);
simulateRange({
  ...job,
  out,
  onPath: (done) => {
    if (done % 200 === 0) parentPort?.postMessage({ kind: "progress", done });
  },
});
parentPort?.postMessage({ kind: "done", out });
