import type { Address } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";
import { type MarketOrder, toMarketOrder } from "./types.ts";

export type GetOrderParameters = { market: Address; orderId: bigint };
export type GetOrderReturnType = MarketOrder & {
  /** What can be filled now: 0 when closed or expired. */
  fillable: bigint;
  /** The price now (an auction's current point on its curve). */
  currentPriceWad: bigint;
};

/**
 * An order's terms and what is left of it, with what is fillable and its price now.
 *
 * @example
 * const order = await getOrder(client, { market, orderId: 1n });
 * if (order.fillable > 0n) console.log(order.currentPriceWad);
 */
export async function getOrder(
  client: PnReadClient,
  { market, orderId }: GetOrderParameters,
): Promise<GetOrderReturnType> {
  const read = { address: market, abi: pnMarketAbi } as const;
  const [order, [, , , fillable, currentPriceWad]] = await Promise.all([
    client.readContract({ ...read, functionName: "orderOf", args: [orderId] }),
    client.readContract({ ...read, functionName: "fillableOf", args: [orderId] }),
  ]);
  return { ...toMarketOrder(orderId, order), fillable, currentPriceWad };
}
