import type { Address } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type QuoteFillParameters = { market: Address; orderId: bigint; amount: bigint };

/**
 * What a fill of `amount` moves now, rounded as `fill` rounds: an ask's cost (up), a bid's payout (down).
 *
 * @example
 * const cost = await quoteFill(client, { market, orderId, amount: parseEther("1") });
 */
export function quoteFill(
  client: PnReadClient,
  { market, orderId, amount }: QuoteFillParameters,
): Promise<bigint> {
  return client.readContract({
    address: market,
    abi: pnMarketAbi,
    functionName: "quote",
    args: [orderId, amount],
  });
}
