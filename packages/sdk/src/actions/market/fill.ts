import type { Address, Hash } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type FillParameters = {
  market: Address;
  orderId: bigint;
  /** Token base units, at most what is open. */
  amount: bigint;
  /** Receives the tokens (ask) or the collateral (bid); the sender by default. */
  to?: Address;
  /**
   * Pay an ask that wants WETH in native ETH. Sends `maxCost` wei, or the current quote when omitted: an ask's
   * price only falls, so that covers the fill and the excess comes back.
   */
  payWithEth?: boolean;
  maxCost?: bigint;
};
export type FillReturnType = Hash;

/**
 * Fills `amount` of an order at its current price (simulated first). An ask costs `ceil(amount * p / 1e18)` of
 * the wanted token (approval of the market needed, or ETH with `payWithEth`); a bid takes `amount` of the token
 * (approval needed) and pays `floor(amount * price / 1e18)` collateral to `to`.
 *
 * @example
 * await fill(client, { market, orderId: 7n, amount: parseEther("1"), payWithEth: true });
 */
export async function fill(client: PnWriteClient, parameters: FillParameters): Promise<FillReturnType> {
  const { market, orderId, amount } = parameters;
  const to = parameters.to ?? client.account.address;
  return withDecodedErrors(async () => {
    let value = 0n;
    if (parameters.payWithEth === true) {
      value =
        parameters.maxCost ??
        (await client.readContract({
          address: market,
          abi: pnMarketAbi,
          functionName: "quote",
          args: [orderId, amount],
        }));
    }
    const { request } = await client.simulateContract({
      address: market,
      abi: pnMarketAbi,
      functionName: "fill",
      args: [orderId, amount, to],
      value,
    });
    return client.writeContract(request);
  });
}
