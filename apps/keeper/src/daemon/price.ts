// The daemon's x: the lower median of the latest prices of the sources the user configured (HTTP JSON feeds, an
// on-chain pool, a CSV replay), each asked at chain time and dropped when older than `maxAgeSeconds`. No source
// is built in, so there is no global price for anyone to attack (BRIEF §3).

import { lowerMedian } from "@pn/core";
import type { Logger } from "../framework/log.ts";
import type { PriceSource } from "../sources/source.ts";

export type PriceInputs = { sources: readonly PriceSource[]; minSources: number; maxAgeSeconds: bigint };

export type PriceReading = {
  /** Undefined when fewer than `minSources` fresh prices came back. */
  xWad: bigint | undefined;
  fresh: number;
  failed: string[];
};

export async function readX(inputs: PriceInputs, now: bigint, log: Logger): Promise<PriceReading> {
  const failed: string[] = [];
  const answers = await Promise.all(
    inputs.sources.map(async (source) => {
      try {
        const price = await source.priceAt(now);
        if (price !== undefined && price.endsAt + inputs.maxAgeSeconds >= now) return price.priceWad;
        failed.push(`${source.name}: stale or none`);
      } catch (error) {
        failed.push(source.name);
        log.warn("price source failed", { source: source.name, error });
      }
      return undefined;
    }),
  );
  const fresh = answers.filter((a): a is bigint => a !== undefined);
  if (fresh.length < inputs.minSources) {
    log.warn("too few fresh prices; only the maturity rule can trigger", {
      fresh: fresh.length,
      minSources: inputs.minSources,
      failed,
    });
    return { xWad: undefined, fresh: fresh.length, failed };
  }
  return { xWad: lowerMedian(fresh), fresh: fresh.length, failed };
}
