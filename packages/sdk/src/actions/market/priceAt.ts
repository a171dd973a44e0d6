import type { Address } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type PriceAtParameters = {
  market: Address;
  orderId: bigint;
  /** Unix seconds; an auction's start price before its start. */
  timestamp: bigint;
};

/**
 * An order's price at `timestamp` as the market computes it (0 for a closed order). `orderPriceAt` from
 * `@pn/core` gives the same figure off-chain from the order's terms.
 *
 * @example
 * const inOneHour = await priceAt(client, { market, orderId, timestamp: now + 3600n });
 */
export function priceAt(
  client: PnReadClient,
  { market, orderId, timestamp }: PriceAtParameters,
): Promise<bigint> {
  return client.readContract({
    address: market,
    abi: pnMarketAbi,
    functionName: "priceAt",
    args: [orderId, timestamp],
  });
}
