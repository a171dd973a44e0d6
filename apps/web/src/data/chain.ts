// Reads from the chain, as TanStack queries: chain time, the series list, holdings, oracle answers. Query keys
// hold strings only (bigints do not serialise).
import { getPosition, iIndexOracleAbi, listSeries, pnCoreAbi } from "@pn/sdk";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Address, Hex } from "viem";
import { makeSeriesInfo, type SeriesInfo } from "../lib/series.ts";
import { type AppContext, useApp } from "./app.tsx";

export type ChainClock = { now: bigint; blockNumber: bigint | undefined };

const seen = { number: -1n, at: 0 };

/** When this page first saw block `number` (wall-clock ms). */
function firstSeen(number: bigint): number {
  if (number !== seen.number) {
    seen.number = number;
    seen.at = Date.now();
  }
  return seen.at;
}

/**
 * Chain time: the latest block's timestamp plus the seconds since we first saw that block. It lags a chain
 * whose clock jumped without a new block; the contract has the last word on time.
 */
export function useChainClock(): ChainClock {
  const { client, pollingInterval } = useApp();
  const block = useQuery({
    queryKey: ["block"],
    queryFn: async () => {
      const { number, timestamp } = await client.getBlock();
      return { number, timestamp, seenAt: firstSeen(number) };
    },
    refetchInterval: Math.max(pollingInterval * 2, 1_000),
  });
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (block.data === undefined) return { now: BigInt(Math.floor(wallNow / 1000)), blockNumber: undefined };
  const elapsed = BigInt(Math.max(0, Math.floor((wallNow - block.data.seenAt) / 1000)));
  return { now: block.data.timestamp + elapsed, blockNumber: block.data.number };
}

/** The query of every series of the deployment's core, with its settlement value (also prefetched at start). */
export function seriesQuery({ client, deployment }: Pick<AppContext, "client" | "deployment">) {
  return queryOptions({
    queryKey: ["series", deployment.contracts.core],
    queryFn: async (): Promise<SeriesInfo[]> => {
      const listed = await listSeries(client, {
        core: deployment.contracts.core,
        fromBlock: BigInt(deployment.startBlock),
      });
      const settlements = await Promise.all(
        listed.map((s) =>
          client.readContract({
            address: deployment.contracts.core,
            abi: pnCoreAbi,
            functionName: "settlementOf",
            args: [s.id],
          }),
        ),
      );
      return listed.map((s, i) =>
        makeSeriesInfo({
          id: s.id,
          key: s.key,
          pToken: s.pToken,
          nToken: s.nToken,
          settlementWad: settlements[i] ?? 0n,
        }),
      );
    },
    refetchInterval: 5_000,
  });
}

export function useSeriesList() {
  return useQuery(seriesQuery(useApp()));
}

export type Holdings = { eth: bigint; positions: Map<Hex, { p: bigint; n: bigint }> };

/** An account's ETH and its P and N in every series. */
export function useHoldings(owner: Address | undefined) {
  const { client, deployment } = useApp();
  const series = useSeriesList();
  const ids = (series.data ?? []).map((s) => s.id);
  return useQuery({
    queryKey: ["holdings", owner ?? "", ids.join(",")],
    enabled: owner !== undefined && series.data !== undefined,
    queryFn: async (): Promise<Holdings> => {
      if (owner === undefined) return { eth: 0n, positions: new Map() };
      const [eth, balances] = await Promise.all([
        client.getBalance({ address: owner }),
        Promise.all(ids.map((id) => getPosition(client, { core: deployment.contracts.core, id, owner }))),
      ]);
      return { eth, positions: new Map(ids.map((id, i) => [id, balances[i] ?? { p: 0n, n: 0n }])) };
    },
    refetchInterval: 4_000,
  });
}

/** The series' oracle answer for its maturity: final or not, and x. */
export function useOracleAnswer(series: SeriesInfo | undefined) {
  const { client } = useApp();
  return useQuery({
    queryKey: [
      "finalValue",
      series?.key.oracle ?? "",
      series?.key.indexId ?? "",
      String(series?.key.maturity ?? 0n),
    ],
    enabled: series !== undefined,
    queryFn: async () => {
      if (series === undefined) return { isFinal: false, valueWad: 0n };
      const [isFinal, valueWad] = await client.readContract({
        address: series.key.oracle,
        abi: iIndexOracleAbi,
        functionName: "finalValue",
        args: [series.key.indexId, series.key.maturity],
      });
      return { isFinal, valueWad };
    },
    refetchInterval: 4_000,
  });
}
