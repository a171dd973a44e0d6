// Finding a series by the name the user types (its symbol with or without the P-/N- side, or its id) among the
// deployment's SeriesCreated events, and reading what the commands show about it.

import { indexLabel, type SeriesKey, seriesSymbol } from "@pn/core";
import { type GetSeriesReturnType, getSeries, type ListedSeries, listSeries } from "@pn/sdk";
import { type Address, erc20Abi, type Hex, isAddressEqual } from "viem";
import { UnknownSeriesError } from "../errors.ts";
import type { Context } from "./context.ts";

export type TokenInfo = {
  address: Address;
  symbol: string;
  decimals: number;
  /** The deployment's WETH: amounts are shown as ETH and `--eth` works. */
  isWeth: boolean;
  /** What amounts of this collateral are called in output: ETH for WETH, else the token's symbol. */
  unit: string;
};

export type SeriesInfo = {
  id: Hex;
  key: SeriesKey;
  /** The series' name without the side, e.g. USD-1500-20261231. */
  name: string;
  pSymbol: string;
  nSymbol: string;
  pToken: Address;
  nToken: Address;
  index: string;
  collateral: TokenInfo;
  state: GetSeriesReturnType;
};

/** The series name without its side: `USD-1500-20261231`. */
export function seriesName(key: SeriesKey): string {
  return seriesSymbol(key, "P").slice(2);
}

export function listDeploymentSeries(ctx: Context): Promise<ListedSeries[]> {
  return listSeries(ctx.client, { core: ctx.deployment.contracts.core, fromBlock: ctx.startBlock });
}

/** Finds the series named `name`: P-USD-1500-20261231, USD-1500-20261231 or its id. */
export async function findSeries(ctx: Context, name: string): Promise<ListedSeries> {
  const all = await listDeploymentSeries(ctx);
  const wanted = name.trim().toUpperCase();
  const matches = /^0X[0-9A-F]{64}$/.test(wanted)
    ? all.filter((s) => s.id.toUpperCase() === wanted)
    : all.filter((s) => seriesName(s.key).toUpperCase() === wanted.replace(/^[PN]-/, ""));
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return only;
  throw new UnknownSeriesError({
    name,
    candidates: matches.map((s) => `${s.id}  collateral ${s.key.collateral}  oracle ${s.key.oracle}`),
  });
}

const tokenCache = new WeakMap<Context, Map<Address, Promise<TokenInfo>>>();

/** Symbol and decimals of a collateral token (18 and a short address if it does not say). */
export function tokenInfo(ctx: Context, address: Address): Promise<TokenInfo> {
  const cache = tokenCache.get(ctx) ?? new Map<Address, Promise<TokenInfo>>();
  tokenCache.set(ctx, cache);
  let info = cache.get(address);
  if (info === undefined) {
    info = readTokenInfo(ctx, address);
    cache.set(address, info);
  }
  return info;
}

async function readTokenInfo(ctx: Context, address: Address): Promise<TokenInfo> {
  const read = { address, abi: erc20Abi } as const;
  const [symbol, decimals] = await Promise.all([
    ctx.client.readContract({ ...read, functionName: "symbol" }).catch(() => `${address.slice(0, 8)}…`),
    ctx.client.readContract({ ...read, functionName: "decimals" }).catch(() => 18),
  ]);
  const isWeth = isAddressEqual(address, ctx.deployment.contracts.weth);
  return { address, symbol, decimals: Math.min(decimals, 18), isWeth, unit: isWeth ? "ETH" : symbol };
}

/** Everything the commands show about a listed series: names, collateral, supplies and settlement. */
export async function seriesInfo(ctx: Context, listed: ListedSeries): Promise<SeriesInfo> {
  const [state, collateral] = await Promise.all([
    getSeries(ctx.client, { core: ctx.deployment.contracts.core, key: listed.key }),
    tokenInfo(ctx, listed.key.collateral),
  ]);
  return {
    id: listed.id,
    key: listed.key,
    name: seriesName(listed.key),
    pSymbol: seriesSymbol(listed.key, "P"),
    nSymbol: seriesSymbol(listed.key, "N"),
    pToken: listed.pToken,
    nToken: listed.nToken,
    index: indexLabel(listed.key.indexId),
    collateral,
    state,
  };
}

/** `findSeries` then `seriesInfo`. */
export async function resolveSeries(ctx: Context, name: string): Promise<SeriesInfo> {
  return seriesInfo(ctx, await findSeries(ctx, name));
}
