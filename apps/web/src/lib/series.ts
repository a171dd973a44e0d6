// A series as the app shows it: the on-chain key plus what the pages derive from it.
import { indexLabel, type SeriesKey, seriesSymbol } from "@pn/core";
import type { Address, Hex } from "viem";

export type SeriesInfo = {
  id: Hex;
  key: SeriesKey;
  pToken: Address;
  nToken: Address;
  /** The index ticker (or a hex label when the id spells none). */
  ticker: string;
  /** x at maturity once settled; 0n until then. */
  settlementWad: bigint;
};

/** Where a series is in its life: split is open while live; redeem needs settled. */
export type SeriesPhase = "live" | "matured" | "settled";

export function makeSeriesInfo(fields: Omit<SeriesInfo, "ticker">): SeriesInfo {
  return { ...fields, ticker: indexLabel(fields.key.indexId) };
}

export function phaseOf(series: SeriesInfo, now: bigint): SeriesPhase {
  if (series.settlementWad > 0n) return "settled";
  return now >= series.key.maturity ? "matured" : "live";
}

export function symbolOf(series: SeriesInfo, side: "P" | "N"): string {
  return seriesSymbol(series.key, side);
}

/**
 * A series' name for lists: its token symbol without the side, plus its oracle when another series in `all` has
 * the same index, strike and maturity on a different oracle.
 */
export function seriesLabel(
  series: SeriesInfo,
  all: readonly SeriesInfo[],
  names: OracleNames = new Map(),
): string {
  const name = symbolOf(series, "P").slice(2);
  const twin = all.some((s) => s.id !== series.id && symbolOf(s, "P") === symbolOf(series, "P"));
  return twin ? `${name} · ${oracleName(series.key.oracle, names)}` : name;
}

/** Names of the deployment's known oracles ("DevOracle", "slow oracle"), by address. */
export type OracleNames = ReadonlyMap<Address, string>;

/** An oracle's name, or "oracle 0x1234…abcd". */
export function oracleName(oracle: Address, names: OracleNames): string {
  return names.get(oracle) ?? `oracle ${oracle.slice(0, 6)}…${oracle.slice(-4)}`;
}

/** One grid of the Markets page: an index on one oracle (a different oracle is a different market). */
export type MarketGroup = {
  key: string;
  ticker: string;
  oracle: Address;
  label: string;
  series: SeriesInfo[];
};

export function groupMarkets(series: readonly SeriesInfo[], names: OracleNames = new Map()): MarketGroup[] {
  const groups: MarketGroup[] = [];
  for (const [ticker, list] of groupByIndex(series)) {
    const oracles = [...new Set(list.map((s) => s.key.oracle))];
    for (const oracle of oracles) {
      groups.push({
        key: `${ticker}-${oracle}`,
        ticker,
        oracle,
        label: oracles.length > 1 ? `${ticker} · ${oracleName(oracle, names)}` : ticker,
        series: list.filter((s) => s.key.oracle === oracle),
      });
    }
  }
  return groups;
}

/** Series grouped by index, each group sorted by maturity then strike. */
export function groupByIndex(series: readonly SeriesInfo[]): Map<string, SeriesInfo[]> {
  const groups = new Map<string, SeriesInfo[]>();
  for (const s of series) groups.set(s.ticker, [...(groups.get(s.ticker) ?? []), s]);
  for (const list of groups.values()) {
    list.sort((a, b) =>
      a.key.maturity === b.key.maturity
        ? compare(a.key.strikeWad, b.key.strikeWad)
        : compare(a.key.maturity, b.key.maturity),
    );
  }
  return groups;
}

export function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The distinct values of `pick` over `series`, ascending. */
export function distinct(series: readonly SeriesInfo[], pick: (s: SeriesInfo) => bigint): bigint[] {
  return [...new Set(series.map(pick))].sort(compare);
}
