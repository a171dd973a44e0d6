import type { Address, Hex } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type GetPositionParameters = { core: Address; id: Hex; owner: Address };
export type GetPositionReturnType = { p: bigint; n: bigint };

/**
 * An owner's P and N balances in a series.
 *
 * @example
 * const { p, n } = await getPosition(client, { core, id, owner });
 */
export async function getPosition(
  client: PnReadClient,
  { core, id, owner }: GetPositionParameters,
): Promise<GetPositionReturnType> {
  const [p, n] = await client.readContract({
    address: core,
    abi: pnCoreAbi,
    functionName: "balancesOf",
    args: [id, owner],
  });
  return { p, n };
}
