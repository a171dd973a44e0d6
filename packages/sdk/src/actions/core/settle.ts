import type { SeriesKey } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";

export type SettleParameters = { core: Address; key: SeriesKey };
export type SettleReturnType = { hash: Hash; xWad: bigint };

/**
 * Settles a matured series from its oracle's final answer. Anyone can call it, once.
 *
 * @example
 * const { xWad } = await settle(client, { core, key });
 */
export async function settle(
  client: PnWriteClient,
  { core, key }: SettleParameters,
): Promise<SettleReturnType> {
  return withDecodedErrors(async () => {
    const { request, result } = await client.simulateContract({
      address: core,
      abi: pnCoreAbi,
      functionName: "settle",
      args: [toAbiKey(key)],
    });
    return { hash: await client.writeContract(request), xWad: result };
  });
}
