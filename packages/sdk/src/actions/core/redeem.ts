import type { SeriesKey } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";

export type RedeemParameters = {
  core: Address;
  key: SeriesKey;
  pAmount: bigint;
  nAmount: bigint;
  /** Receives the payout; the sender by default. */
  to?: Address;
  /** Pay out native ETH (WETH series only). */
  native?: boolean;
};
export type RedeemReturnType = { hash: Hash; payout: bigint };

/**
 * Redeems P and N of a settled series for `floor(p·min(S,x)/x) + floor(n·max(x−S,0)/x)` collateral.
 *
 * @example
 * const { payout } = await redeem(client, { core, key, pAmount, nAmount: 0n });
 */
export async function redeem(client: PnWriteClient, parameters: RedeemParameters): Promise<RedeemReturnType> {
  const { core, key, pAmount, nAmount, native = false } = parameters;
  const to = parameters.to ?? client.account.address;
  return withDecodedErrors(async () => {
    const call = { address: core, abi: pnCoreAbi, args: [toAbiKey(key), pAmount, nAmount, to] } as const;
    if (native) {
      const { request, result } = await client.simulateContract({ ...call, functionName: "redeemToETH" });
      return { hash: await client.writeContract(request), payout: result };
    }
    const { request, result } = await client.simulateContract({ ...call, functionName: "redeem" });
    return { hash: await client.writeContract(request), payout: result };
  });
}
