import { type Address, type Hash, isAddressEqual, parseEventLogs } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type WaitForOrderIdParameters = {
  hash: Hash;
  /** Only events of this market (recommended when the transaction touches several). */
  market?: Address;
};

/**
 * Waits for a `postBid` / `postAsk` transaction and returns the id of the order it posted (from its
 * `BidPosted` / `AskPosted` event); undefined when it reverted or posted nothing.
 *
 * @example
 * const orderId = await waitForOrderId(client, { hash: await postAsk(client, params) });
 */
export async function waitForOrderId(
  client: PnReadClient,
  { hash, market }: WaitForOrderIdParameters,
): Promise<bigint | undefined> {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") return undefined;
  const logs = parseEventLogs({
    abi: pnMarketAbi,
    logs: receipt.logs,
    eventName: ["BidPosted", "AskPosted"],
  });
  const posted = logs.find((log) => market === undefined || isAddressEqual(log.address, market));
  return posted?.args.orderId;
}
