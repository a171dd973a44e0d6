import type { Address, Hash } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type FillToETHParameters = {
  market: Address;
  /** A bid whose collateral is WETH. */
  orderId: bigint;
  /** Token base units delivered to the bid's maker (approval of the market needed). */
  amount: bigint;
  /** Receives the payout in native ETH; the sender by default. */
  to?: Address;
};
export type FillToETHReturnType = Hash;

/**
 * Sells into a WETH bid and takes the payout, `floor(amount * price / 1e18)`, in native ETH (simulated first).
 *
 * @example
 * await fillToETH(client, { market, orderId: 3n, amount: parseEther("0.5") });
 */
export async function fillToETH(
  client: PnWriteClient,
  parameters: FillToETHParameters,
): Promise<FillToETHReturnType> {
  const { market, orderId, amount } = parameters;
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: market,
      abi: pnMarketAbi,
      functionName: "fillToETH",
      args: [orderId, amount, parameters.to ?? client.account.address],
    });
    return client.writeContract(request);
  });
}
