// The market maker's view of the world at one instant: x from its own price sources (the lower median of the
// fresh ones at chain time: on a devnet, a CSV replay), and each series' Black-76 inputs. No oracle is involved:
// a maker prices with whatever sources it trusts (BRIEF §3: "the daemon takes its price from sources only it
// knows").

import { lowerMedian, SECONDS_PER_YEAR, type SeriesKey, type Side } from "@pn/core";
import type { Address } from "viem";
import type { Logger } from "../framework/log.ts";
import type { PriceSource } from "../sources/source.ts";

/** A series the maker works on, resolved from the chain at start. */
export type MmSeries = {
  id: `0x${string}`;
  key: SeriesKey;
  /** `USD-1500-20251120`: used in keys and logs. */
  name: string;
  pToken: Address;
  nToken: Address;
  volatility: number;
  sides: readonly Side[];
};

/** x and the clock it was taken at. `xWad` undefined: too few fresh sources (quotes are pulled). */
export type Snapshot = { now: bigint; xWad: bigint | undefined };

export type PriceInputs = { sources: readonly PriceSource[]; minSources: number; maxAgeSeconds: bigint };

/**
 * The lower median of the sources' latest candles ending within `maxAgeSeconds` of `now`. `staleMeans` says, in
 * the warning logged when too few are fresh, what the caller does then.
 */
export async function modelX(
  inputs: PriceInputs,
  now: bigint,
  log: Logger,
  staleMeans = "quotes are pulled and no auction is filled",
): Promise<bigint | undefined> {
  const fresh: bigint[] = [];
  for (const source of inputs.sources) {
    try {
      const price = await source.priceAt(now);
      if (price !== undefined && price.endsAt + inputs.maxAgeSeconds >= now) fresh.push(price.priceWad);
    } catch (error) {
      log.warn("price source failed", { source: source.name, error });
    }
  }
  if (fresh.length < inputs.minSources) {
    log.warn(`too few fresh prices; ${staleMeans}`, {
      fresh: fresh.length,
      minSources: inputs.minSources,
    });
    return undefined;
  }
  return lowerMedian(fresh);
}

export const wadToNumber = (wad: bigint): number => Number(wad) / 1e18;

/** Years from `now` to the series' maturity (0 once matured). */
export function tauOf(series: MmSeries, now: bigint): number {
  const left = series.key.maturity > now ? series.key.maturity - now : 0n;
  return Number(left) / SECONDS_PER_YEAR;
}

/** The model inputs of one series at x. */
export function pricingInput(series: MmSeries, xWad: bigint, now: bigint) {
  return {
    x: wadToNumber(xWad),
    strike: wadToNumber(series.key.strikeWad),
    tau: tauOf(series, now),
    sigma: series.volatility,
  };
}

/** The token of `side`. */
export const tokenOf = (series: MmSeries, side: Side): Address =>
  side === "P" ? series.pToken : series.nToken;
