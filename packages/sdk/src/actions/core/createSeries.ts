import type { SeriesKey } from "@pn/core";
import type { Address, Hash, Hex } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";

export type CreateSeriesParameters = { core: Address; key: SeriesKey };
export type CreateSeriesReturnType = { hash: Hash; id: Hex; pToken: Address; nToken: Address };

/**
 * Creates a series and its two tokens (simulated first; a revert throws PnContractError).
 *
 * @example
 * const { id, pToken } = await createSeries(client, { core, key });
 */
export async function createSeries(
  client: PnWriteClient,
  { core, key }: CreateSeriesParameters,
): Promise<CreateSeriesReturnType> {
  return withDecodedErrors(async () => {
    const { request, result } = await client.simulateContract({
      address: core,
      abi: pnCoreAbi,
      functionName: "createSeries",
      args: [toAbiKey(key)],
    });
    const hash = await client.writeContract(request);
    const [id, pToken, nToken] = result;
    return { hash, id, pToken, nToken };
  });
}
