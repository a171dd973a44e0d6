import { type Address, erc20Abi, type Hash } from "viem";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type ApproveParameters = {
  token: Address;
  spender: Address;
  /** The allowance to set, in the token's base units (replaces the current one). */
  amount: bigint;
};

/**
 * Sets an ERC-20 allowance (simulated first). Approve exactly what the next call spends, e.g. a split's amount
 * for the core.
 *
 * @example
 * await approve(client, { token: weth, spender: core, amount: parseEther("1") });
 */
export async function approve(
  client: PnWriteClient,
  { token, spender, amount }: ApproveParameters,
): Promise<Hash> {
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: token,
      abi: erc20Abi,
      functionName: "approve",
      args: [spender, amount],
    });
    return client.writeContract(request);
  });
}
