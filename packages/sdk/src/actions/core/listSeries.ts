import type { SeriesKey } from "@pn/core";
import type { Address, BlockNumber, Hex } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type ListSeriesParameters = {
  core: Address;
  /** Only series on this oracle. */
  oracle?: Address;
  fromBlock?: BlockNumber;
};
export type ListedSeries = { id: Hex; key: SeriesKey; pToken: Address; nToken: Address; blockNumber: bigint };

/**
 * Discovers series from the core's `SeriesCreated` events, oldest first.
 *
 * @example
 * const all = await listSeries(client, { core });
 */
export async function listSeries(
  client: PnReadClient,
  parameters: ListSeriesParameters,
): Promise<ListedSeries[]> {
  const logs = await client.getContractEvents({
    address: parameters.core,
    abi: pnCoreAbi,
    eventName: "SeriesCreated",
    fromBlock: parameters.fromBlock ?? 0n,
    strict: true,
  });
  return logs
    .filter((log) => parameters.oracle === undefined || log.args.oracle === parameters.oracle)
    .map((log) => ({
      id: log.args.id,
      key: {
        collateral: log.args.collateral,
        oracle: log.args.oracle,
        indexId: log.args.indexId,
        strikeWad: log.args.strikeWad,
        maturity: log.args.maturity,
      },
      pToken: log.args.pToken,
      nToken: log.args.nToken,
      blockNumber: log.blockNumber,
    }));
}
