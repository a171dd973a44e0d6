import type { Address, BlockNumber } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";
import { type MarketOrder, toMarketOrder } from "./types.ts";

export type ListOrdersParameters = {
  market: Address;
  /** First block to scan (the market's deployment block). */
  fromBlock?: BlockNumber;
  /** Only orders on these P or N tokens. */
  tokens?: readonly Address[];
  maker?: Address;
  /** Also return filled and cancelled orders (`open` false, `amount` 0). */
  includeClosed?: boolean;
};

/** An order with what its posting event said (kept for closed orders, which read as zero on chain). */
export type ListedOrder = MarketOrder & { postedBlock: bigint; postedAmount: bigint };

const BATCH = 100;

/**
 * The market's orders, oldest first: ids and posting terms from the `BidPosted` / `AskPosted` events, the state
 * now from `ordersOf` (batched). Open orders only unless `includeClosed`.
 *
 * @example
 * const asks = (await listOrders(client, { market, tokens: [nToken] })).filter((o) => !o.isBid);
 */
export async function listOrders(
  client: PnReadClient,
  parameters: ListOrdersParameters,
): Promise<ListedOrder[]> {
  const { market } = parameters;
  const filter = {
    address: market,
    abi: pnMarketAbi,
    fromBlock: parameters.fromBlock ?? 0n,
    strict: true,
    args: {
      ...(parameters.maker === undefined ? {} : { maker: parameters.maker }),
      ...(parameters.tokens === undefined ? {} : { token: [...parameters.tokens] }),
    },
  } as const;
  if (parameters.tokens !== undefined && parameters.tokens.length === 0) return [];
  const [bids, asks] = await Promise.all([
    client.getContractEvents({ ...filter, eventName: "BidPosted" }),
    client.getContractEvents({ ...filter, eventName: "AskPosted" }),
  ]);
  const posted = [
    ...bids.map((l) => ({ ...l.args, isBid: true, counter: l.args.collateral, block: l.blockNumber })),
    ...asks.map((l) => ({ ...l.args, isBid: false, counter: l.args.want, block: l.blockNumber })),
  ].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  const out: ListedOrder[] = [];
  for (let i = 0; i < posted.length; i += BATCH) {
    const chunk = posted.slice(i, i + BATCH);
    const now = await client.readContract({
      address: market,
      abi: pnMarketAbi,
      functionName: "ordersOf",
      args: [chunk.map((p) => p.orderId)],
    });
    chunk.forEach((p, j) => {
      const order = now[j];
      if (order === undefined) return;
      const current = toMarketOrder(p.orderId, order);
      if (!current.open && parameters.includeClosed !== true) return;
      const base = current.open
        ? current
        : { ...current, maker: p.maker, token: p.token, counterToken: p.counter, isBid: p.isBid };
      out.push({ ...base, postedBlock: p.block, postedAmount: p.amount });
    });
  }
  return out;
}
