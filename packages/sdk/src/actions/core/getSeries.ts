import { type SeriesKey, seriesId } from "@pn/core";
import type { Address, Hex } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnReadClient, toAbiKey } from "../client.ts";

export type GetSeriesParameters = { core: Address; key: SeriesKey };
export type GetSeriesReturnType = {
  id: Hex;
  exists: boolean;
  pToken: Address;
  nToken: Address;
  pSupply: bigint;
  nSupply: bigint;
  /** Collateral held for the series. */
  collateral: bigint;
  /** x, or 0n while unsettled. */
  settlementWad: bigint;
};

/**
 * Reads a series' tokens, supplies, collateral and settlement in one multicall-free batch of reads.
 *
 * @example
 * const series = await getSeries(client, { core, key });
 */
export async function getSeries(
  client: PnReadClient,
  { core, key }: GetSeriesParameters,
): Promise<GetSeriesReturnType> {
  const id = seriesId(key);
  const abiKey = toAbiKey(key);
  const read = { address: core, abi: pnCoreAbi } as const;
  const [[pToken, nToken], exists, [pSupply, nSupply], collateral, settlementWad] = await Promise.all([
    client.readContract({ ...read, functionName: "tokensOf", args: [abiKey] }),
    client.readContract({ ...read, functionName: "exists", args: [abiKey] }),
    client.readContract({ ...read, functionName: "suppliesOf", args: [id] }),
    client.readContract({ ...read, functionName: "collateralOf", args: [id] }),
    client.readContract({ ...read, functionName: "settlementOf", args: [id] }),
  ]);
  return { id, exists, pToken, nToken, pSupply, nSupply, collateral, settlementWad };
}
