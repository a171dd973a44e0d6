import type { SeriesKey } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";

export type SplitParameters = {
  core: Address;
  key: SeriesKey;
  /** Collateral in, and P and N out, in base units. */
  amount: bigint;
  /** Receives the P and N; the sender by default. */
  to?: Address;
  /** Pay with native ETH (WETH series only): no approval needed. */
  native?: boolean;
};

/**
 * Splits `amount` collateral into `amount` P and `amount` N. The ERC-20 path needs an approval of the core.
 *
 * @example
 * await split(client, { core, key, amount: parseEther("1"), native: true });
 */
export async function split(client: PnWriteClient, parameters: SplitParameters): Promise<Hash> {
  const { core, key, amount, native = false } = parameters;
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: core,
      abi: pnCoreAbi,
      functionName: "split",
      args: [toAbiKey(key), amount, parameters.to ?? client.account.address],
      value: native ? amount : 0n,
    });
    return client.writeContract(request);
  });
}
