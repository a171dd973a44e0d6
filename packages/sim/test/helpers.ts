// Shared fixtures for the simulator's tests: the repository's data files and small crafted paths.

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MarketPath } from "../src/index.ts";

export const DATA = fileURLToPath(new URL("../../../data/", import.meta.url));
export const file = (name: string) => join(DATA, name);

/** A path from prices at a fixed step with a constant implied volatility. */
export function craftedPath(params: {
  x: readonly number[];
  stepSeconds: number;
  sigma: number;
  t0?: number;
}): MarketPath {
  const t0 = params.t0 ?? 1_704_067_200;
  return {
    label: "crafted",
    index: "USD",
    barSeconds: params.stepSeconds,
    t: Float64Array.from(params.x, (_, i) => t0 + i * params.stepSeconds),
    x: Float64Array.from(params.x),
    iv: new Float64Array(params.x.length).fill(params.sigma),
    ivNote: `constant ${params.sigma}`,
  };
}
