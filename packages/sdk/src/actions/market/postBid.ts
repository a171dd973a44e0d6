import { escrowUp } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";
import { InvalidOrderTermsError } from "./types.ts";

export type PostBidParameters = {
  market: Address;
  /** The P or N token to buy. */
  token: Address;
  /** Token base units. */
  amount: bigint;
  /** Collateral per token, WAD. */
  priceWad: bigint;
  /** Unix seconds from which the bid can no longer be filled; 0 or omitted = never (set it at or before maturity). */
  expiry?: bigint;
  /** Escrow native ETH (WETH series only): sends exactly `ceil(amount * price / 1e18)` wei, no approval needed. */
  native?: boolean;
};
export type PostBidReturnType = Hash;
export type PostBidErrorType = InvalidOrderTermsError;

/**
 * Posts a bid and escrows `ceil(amount * priceWad / 1e18)` collateral (simulated first). The ERC-20 path needs an
 * approval of the market for that escrow. Read the new order's id with `waitForOrderId`.
 *
 * @example
 * const hash = await postBid(client, { market, token: nToken, amount: parseEther("2"), priceWad: parseEther("0.35"), native: true });
 * const orderId = await waitForOrderId(client, { hash });
 */
export async function postBid(
  client: PnWriteClient,
  parameters: PostBidParameters,
): Promise<PostBidReturnType> {
  const { market, token, amount, priceWad, expiry = 0n, native = false } = parameters;
  if (amount <= 0n) throw new InvalidOrderTermsError({ problem: "the amount is zero" });
  if (priceWad <= 0n) throw new InvalidOrderTermsError({ problem: "the price is zero" });
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: market,
      abi: pnMarketAbi,
      functionName: "postBid",
      args: [token, amount, priceWad, expiry],
      value: native ? escrowUp(amount, priceWad) : 0n,
    });
    return client.writeContract(request);
  });
}
