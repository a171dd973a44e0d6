import type { Address, Hash } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type CancelParameters = {
  market: Address;
  orderId: bigint;
  /** A bid escrowing WETH: take the refund in native ETH (maker only). */
  toEth?: boolean;
};
export type CancelReturnType = Hash;

/**
 * Cancels an order; exactly its unfilled escrow goes back to its maker (MK-5). The maker may cancel at any time,
 * anyone once the order has expired.
 *
 * @example
 * await cancel(client, { market, orderId: 12n });
 */
export async function cancel(client: PnWriteClient, parameters: CancelParameters): Promise<CancelReturnType> {
  const { market, orderId, toEth = false } = parameters;
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: market,
      abi: pnMarketAbi,
      functionName: toEth ? "cancelToETH" : "cancel",
      args: [orderId],
    });
    return client.writeContract(request);
  });
}
