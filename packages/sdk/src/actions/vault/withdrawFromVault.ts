import type { Address, Hash } from "viem";
import { pnVaultAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type WithdrawFromVaultParameters = {
  vault: Address;
  /** Shares to burn. */
  shares: bigint;
  /** Receives the assets, pro rata in kind; the sender by default. */
  to?: Address;
};
export type WithdrawFromVaultReturnType = { hash: Hash };

/**
 * Burns shares for their pro-rata part of everything the vault holds.
 *
 * @example
 * await withdrawFromVault(client, { vault, shares });
 */
export async function withdrawFromVault(
  client: PnWriteClient,
  { vault, shares, to }: WithdrawFromVaultParameters,
): Promise<WithdrawFromVaultReturnType> {
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: vault,
      abi: pnVaultAbi,
      functionName: "withdraw",
      args: [shares, to ?? client.account.address],
    });
    return { hash: await client.writeContract(request) };
  });
}
