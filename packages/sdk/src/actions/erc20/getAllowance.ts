import { type Address, erc20Abi } from "viem";
import type { PnReadClient } from "../client.ts";

export type GetAllowanceParameters = { token: Address; owner: Address; spender: Address };

/**
 * The ERC-20 allowance `owner` gave `spender`, in base units.
 *
 * @example
 * const allowance = await getAllowance(client, { token: weth, owner, spender: core });
 */
export function getAllowance(
  client: PnReadClient,
  { token, owner, spender }: GetAllowanceParameters,
): Promise<bigint> {
  return client.readContract({
    address: token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [owner, spender],
  });
}
