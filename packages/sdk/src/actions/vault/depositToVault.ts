import type { Address, Hash } from "viem";
import { pnVaultAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type DepositToVaultParameters = {
  vault: Address;
  /** ETH to deposit, wei: the vault splits it, keeps the P and hands the N to the depositor. */
  amount: bigint;
  /** Receives the shares and the N; the sender by default. */
  to?: Address;
};
export type DepositToVaultReturnType = { hash: Hash; shares: bigint };

/**
 * Deposits ETH into a vault (simulated first; a revert throws PnContractError).
 *
 * @example
 * const { shares } = await depositToVault(client, { vault, amount: parseEther("1") });
 */
export async function depositToVault(
  client: PnWriteClient,
  { vault, amount, to }: DepositToVaultParameters,
): Promise<DepositToVaultReturnType> {
  return withDecodedErrors(async () => {
    const { request, result } = await client.simulateContract({
      address: vault,
      abi: pnVaultAbi,
      functionName: "deposit",
      args: [to ?? client.account.address],
      value: amount,
    });
    return { hash: await client.writeContract(request), shares: result };
  });
}
