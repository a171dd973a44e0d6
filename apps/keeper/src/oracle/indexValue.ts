// The keeper's x: the index value at M, computed only by @pn/core's rule functions (the one source of truth for
// docs/indices/*.txt). This module just gathers the inputs: a price from each source, the ECB rate, the CPI print.

import {
  cpiIndexValue,
  cpiMonthFor,
  eurIndexValue,
  eurRateFor,
  type IndexTicker,
  usdAggregate,
  usdIndexValue,
} from "@pn/core";
import { KeeperError } from "../framework/errors.ts";
import type { Logger } from "../framework/log.ts";
import type { CpiCsvSource, EcbCsvSource } from "../sources/fxCpi.ts";
import type { PriceSource, SourcePrice } from "../sources/source.ts";

/** The rules ask for at least this many independent sources. */
export const RECOMMENDED_SOURCES = 3;

export type IndexInputs = {
  ticker: IndexTicker;
  sources: readonly PriceSource[];
  /** Sources that must answer (a price or a clean "no candle") for the value to be trusted. */
  minSources: number;
  ecb?: EcbCsvSource;
  cpi?: CpiCsvSource;
};

export type SourceReading = { source: string; priceWad?: bigint; endsAt?: bigint; error?: string };

export type IndexValue = { valueWad: bigint; usdUnroundedWad: bigint; readings: SourceReading[] };

/** Too few sources answered to trust the value; the keeper waits and retries. */
export class TooFewSourcesError extends KeeperError {
  override name = "TooFewSourcesError";

  constructor({
    ticker,
    answered,
    required,
    failed,
  }: { ticker: string; answered: number; required: number; failed: string[] }) {
    super(`Only ${answered} of the ${ticker} sources answered; ${required} are required.`, {
      metaMessages: failed.map((f) => `  - ${f}`),
      fix: "The keeper retries later. Fix the failing sources, or lower minSources in the config.",
    });
  }
}

/** Asks every source for its candle at M, in parallel. A failing source is recorded, not fatal. */
export async function readSources(
  sources: readonly PriceSource[],
  timestamp: bigint,
): Promise<SourceReading[]> {
  const results = await Promise.allSettled(sources.map((s) => s.priceAt(timestamp)));
  return results.map((result, i) => {
    const source = sources[i]?.name ?? `#${i}`;
    if (result.status === "rejected") {
      const reason: unknown = result.reason;
      return {
        source,
        error: reason instanceof Error ? (reason.message.split("\n")[0] ?? reason.name) : String(reason),
      };
    }
    return result.value === undefined ? { source } : { source, ...result.value };
  });
}

/**
 * Computes x for `inputs.ticker` at `timestamp`. Throws `TooFewSourcesError` when fewer than `minSources`
 * sources answered, and @pn/core's errors when the rules cannot produce a value (no price, out of bounds).
 */
export async function computeIndexValue(
  inputs: IndexInputs,
  timestamp: bigint,
  log?: Logger,
): Promise<IndexValue> {
  const readings = await readSources(inputs.sources, timestamp);
  const failed = readings.filter((r) => r.error !== undefined);
  const answered = readings.length - failed.length;
  for (const f of failed) log?.warn("price source failed", { source: f.source, timestamp, error: f.error });
  if (answered < inputs.minSources) {
    throw new TooFewSourcesError({
      ticker: inputs.ticker,
      answered,
      required: inputs.minSources,
      failed: failed.map((f) => `${f.source}: ${f.error}`),
    });
  }
  const prices: SourcePrice[] = readings.flatMap((r) =>
    r.priceWad === undefined || r.endsAt === undefined ? [] : [{ priceWad: r.priceWad, endsAt: r.endsAt }],
  );
  const usdUnroundedWad = usdAggregate(prices, timestamp);
  return { valueWad: indexValueFrom(inputs, prices, usdUnroundedWad, timestamp), usdUnroundedWad, readings };
}

function indexValueFrom(
  inputs: IndexInputs,
  prices: SourcePrice[],
  usdUnroundedWad: bigint,
  timestamp: bigint,
): bigint {
  switch (inputs.ticker) {
    case "USD":
      return usdIndexValue(prices, timestamp);
    case "EUR":
      return eurIndexValue(
        usdUnroundedWad,
        eurRateFor(requireInput(inputs.ecb, "ecbFile").rates(), timestamp),
      );
    case "CPI-U":
      return cpiIndexValue(
        usdUnroundedWad,
        requireInput(inputs.cpi, "cpiFile").cpiMilli(cpiMonthFor(timestamp)),
      );
  }
}

function requireInput<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new KeeperError(`The index needs ${field}, which is not configured.`, {
      fix: `Set ${field} in the index's config.`,
    });
  }
  return value;
}

export type IndexValueOf = (inputs: IndexInputs, timestamp: bigint, log?: Logger) => Promise<bigint>;

/**
 * `computeIndexValue` with successful results kept for `ttlMs`: a question under dispute is re-checked every tick,
 * and past candles do not change, so the sources are asked again only after the TTL.
 */
export function cachedIndexValue(ttlMs: number, now: () => number = Date.now): IndexValueOf {
  const cache = new Map<string, { valueWad: bigint; at: number }>();
  return async (inputs, timestamp, log) => {
    const key = `${inputs.ticker}:${timestamp}`;
    const hit = cache.get(key);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.valueWad;
    const value = await computeIndexValue(inputs, timestamp, log);
    log?.info("computed x", {
      ticker: inputs.ticker,
      timestamp,
      valueWad: value.valueWad,
      readings: value.readings,
    });
    cache.set(key, { valueWad: value.valueWad, at: now() });
    return value.valueWad;
  };
}
