import type { SeriesKey } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";

export type MergeParameters = {
  core: Address;
  key: SeriesKey;
  /** Pairs to burn; pays the same amount of collateral. */
  amount: bigint;
  /** Receives the collateral; the sender by default. */
  to?: Address;
  /** Pay out native ETH (WETH series only). */
  native?: boolean;
};

/**
 * Burns `amount` P and `amount` N and pays `amount` collateral, at any time.
 *
 * @example
 * await merge(client, { core, key, amount: parseEther("1") });
 */
export async function merge(client: PnWriteClient, parameters: MergeParameters): Promise<Hash> {
  const { core, key, amount, native = false } = parameters;
  const to = parameters.to ?? client.account.address;
  return withDecodedErrors(async () => {
    const call = { address: core, abi: pnCoreAbi, args: [toAbiKey(key), amount, to] } as const;
    if (native) {
      const { request } = await client.simulateContract({ ...call, functionName: "mergeToETH" });
      return client.writeContract(request);
    }
    const { request } = await client.simulateContract({ ...call, functionName: "merge" });
    return client.writeContract(request);
  });
}
