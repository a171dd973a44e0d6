// The report of a Monte Carlo study: distributions of tracking error, drift and costs across paths.

import type { MonteCarloResult, PathMetrics } from "../montecarlo/types.ts";
import { num, pct, type ReportDoc } from "./document.ts";
import { histogram } from "./svg.ts";

const LABELS: Record<keyof PathMetrics, string> = {
  trackingError: "tracking error /yr",
  meanDrift: "net drift /yr",
  premiumDrift: "premium/drift /yr",
  slippage: "slippage /yr",
  fees: "fees /yr",
  gas: "gas /yr",
  totalCost: "all costs /yr",
  rolls: "rolls",
  worstDrawdown: "worst drawdown",
};

export function monteCarloReport(result: MonteCarloResult): ReportDoc {
  const p = result.params;
  const rows = (Object.keys(LABELS) as (keyof PathMetrics)[]).map((key) => {
    const d = result.summary[key];
    const f = key === "rolls" ? (v: number) => num(v, 1) : (v: number) => pct(v);
    return [LABELS[key], f(d.mean), f(d.p5), f(d.p50), f(d.p95)];
  });
  return {
    title: `Monte Carlo: ${p.policy.name}, ${p.execution.venue}/${p.execution.route}`,
    intro: [
      `${num(p.paths)} paths × ${num(p.steps)} steps of ${num(p.stepSeconds)} s from x0 = ${p.x0}, generator \`${JSON.stringify(p.generator)}\`, seed ${p.seed}; implied vol \`${JSON.stringify(p.iv)}\`.`,
      `Paths ruined by costs: ${result.ruined}. Deterministic: the same seed and parameters give the same numbers whatever the number of workers.`,
    ],
    sections: [
      {
        heading: "Distribution across paths",
        table: { columns: ["metric", "mean", "p5", "median", "p95"], rows },
      },
      {
        heading: "Histograms",
        charts: [
          histogram(
            { title: "Tracking error (%/yr)", xLabel: "TE" },
            result.perPath.trackingError.map((v) => v * 100),
          ),
          histogram(
            { title: "Net drift (%/yr)", xLabel: "drift" },
            result.perPath.meanDrift.map((v) => v * 100),
          ),
        ],
      },
    ],
  };
}
