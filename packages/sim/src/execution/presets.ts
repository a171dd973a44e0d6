// Default execution models. Every number here is an assumption stated in docs/simulation.md; change them per run.

import type { ExecutionSpec, MakerRisk, Route } from "./types.ts";

/** A hedged options maker: 1 vol point on net vega, 5 bps to hedge delta, one day of gamma risk, $1 minimum. */
export const DEFAULT_MAKER: MakerRisk = { volEdge: 0.01, deltaHedgeBps: 5, gammaHorizonDays: 1, minFee: 1 };

export type Venue = ExecutionSpec["venue"];
export const VENUES: readonly Venue[] = ["amm", "rfq", "auction"];
export const ROUTES: readonly Route[] = ["spread", "gross"];

/** The default spec of a venue and route. AMM: $10M a side per series pool, 30 bps fee (Uniswap v2 style). */
export function defaultExecution(venue: Venue, route: Route): ExecutionSpec {
  switch (venue) {
    case "amm":
      return { venue, route, depth: 10_000_000, feeBps: 30 };
    case "rfq":
      return { venue, route, halfSpreadBps: 10, maker: DEFAULT_MAKER };
    case "auction":
      return {
        venue,
        route,
        durationHours: 6,
        startEdge: 0.5,
        endEdge: 1.5,
        patience: 0.3,
        halfSpreadBps: 10,
        maker: DEFAULT_MAKER,
      };
  }
}

/** "auction/spread". */
export function executionLabel(spec: ExecutionSpec): string {
  return `${spec.venue}/${spec.route}`;
}
