// The three reference indices, as defined by the rules texts in docs/indices/*.txt (whose keccak256 is each
// index's on-chain `rulesHash`). Pure: callers bring the source prices, the ECB rate and the CPI prints.

import { WAD } from "./constants.ts";
import { roundDownWad } from "./decimal.ts";
import { PnError } from "./errors.ts";

export type IndexTicker = "USD" | "EUR" | "CPI-U";
export const INDEX_TICKERS: readonly IndexTicker[] = ["USD", "EUR", "CPI-U"];

/** x is rounded down to this many decimals of its unit (rules: "a multiple of 10^10"). */
export const INDEX_DECIMALS = 8;
/** Rules bounds, identical for the three indices: 1 <= x <= 10,000,000 units per ETH. */
export const INDEX_MIN_VALUE_WAD = WAD;
export const INDEX_MAX_VALUE_WAD = 10_000_000n * WAD;
/** CPI-U for January 2020 (the CPI-U index's base), as thousandths: 257.971. */
export const CPI_BASE_MILLI = 257_971n;
export const CPI_BASE_MONTH = "2020-01";
/** A source whose latest candle ends more than this long before M is left out (USD rules). */
export const MAX_SOURCE_STALENESS_SECONDS = 6n * 3600n;

/** No price could be found for a source set at M. */
export class NoSourcePriceError extends PnError {
  override name = "NoSourcePriceError";
  constructor({ timestamp }: { timestamp: bigint }) {
    super(`No source has a price at or before ${timestamp}.`, {
      fix: "Check the configured price sources: at least one must have a candle ending at or before M.",
    });
  }
}

/** A computed index value falls outside the rules' bounds, so it cannot be proposed. */
export class IndexValueOutOfBoundsError extends PnError {
  override name = "IndexValueOutOfBoundsError";
  constructor({ ticker, valueWad }: { ticker: string; valueWad: bigint }) {
    super(`${ticker} value ${valueWad} is outside the rules' bounds [1, 10,000,000] per ETH.`, {
      fix: "Check the sources: a value this far out means a broken feed or wrong units.",
      contractError: "ValueOutOfBounds",
    });
  }
}

/** One source's candle close, with the time its candle ended. */
export type SourcePrice = { priceWad: bigint; endsAt: bigint };

/**
 * USD rules, aggregation step: drop sources staler than 6 hours, take the median (lower middle for an even
 * count), and if none qualifies fall back to the most recent close of any source. Rounded to 8 decimals.
 */
export function usdIndexValue(prices: readonly SourcePrice[], timestamp: bigint): bigint {
  return checkBounds("USD", roundDownWad(usdAggregate(prices, timestamp), INDEX_DECIMALS));
}

/** EUR rules: x = u / r with u the unrounded USD value and r in USD per EUR; rounded down twice. */
export function eurIndexValue(usdUnroundedWad: bigint, usdPerEurWad: bigint): bigint {
  return checkBounds("EUR", roundDownWad((usdUnroundedWad * WAD) / usdPerEurWad, INDEX_DECIMALS));
}

/** CPI-U rules: x = u * CPI_base / CPI_t, CPI values in thousandths; rounded down twice. */
export function cpiIndexValue(usdUnroundedWad: bigint, cpiMilli: bigint): bigint {
  return checkBounds("CPI-U", roundDownWad((usdUnroundedWad * CPI_BASE_MILLI) / cpiMilli, INDEX_DECIMALS));
}

/** The unrounded USD aggregate (median), which the EUR and CPI-U rules start from. */
export function usdAggregate(prices: readonly SourcePrice[], timestamp: bigint): bigint {
  const usable = prices.filter((p) => p.endsAt <= timestamp);
  if (usable.length === 0) throw new NoSourcePriceError({ timestamp });
  const fresh = usable.filter((p) => timestamp - p.endsAt <= MAX_SOURCE_STALENESS_SECONDS);
  return fresh.length > 0 ? lowerMedian(fresh.map((p) => p.priceWad)) : latest(usable).priceWad;
}

/** CPI-U rules: the print used at M is the month two calendar months before M's UTC month ("YYYY-MM"). */
export function cpiMonthFor(timestamp: bigint): string {
  const date = new Date(Number(timestamp) * 1000);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() - 2;
  const year = Math.floor(monthIndex / 12);
  return `${year}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
}

/** EUR rules: the ECB rate used at M is the latest one dated strictly before M's UTC date ("YYYY-MM-DD"). */
export function eurRateCutoffDate(timestamp: bigint): string {
  return new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
}

/** Picks the ECB rate for M from dated rates: the latest date strictly before M's UTC date. */
export function eurRateFor(
  rates: readonly { date: string; usdPerEurWad: bigint }[],
  timestamp: bigint,
): bigint {
  const cutoff = eurRateCutoffDate(timestamp);
  let best: { date: string; usdPerEurWad: bigint } | undefined;
  for (const r of rates) if (r.date < cutoff && (best === undefined || r.date > best.date)) best = r;
  if (best === undefined) throw new NoSourcePriceError({ timestamp });
  return best.usdPerEurWad;
}

export function lowerMedian(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new NoSourcePriceError({ timestamp: 0n });
  return middle;
}

function latest(prices: readonly SourcePrice[]): SourcePrice {
  return prices.reduce((a, b) => (b.endsAt > a.endsAt ? b : a));
}

function checkBounds(ticker: string, valueWad: bigint): bigint {
  if (valueWad < INDEX_MIN_VALUE_WAD || valueWad > INDEX_MAX_VALUE_WAD) {
    throw new IndexValueOutOfBoundsError({ ticker, valueWad });
  }
  return valueWad;
}
