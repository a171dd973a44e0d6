// The market's book as the pages show it: per series, the best bid and ask of its P and N against the collateral
// (prices in collateral, i.e. ETH, per token), the N price they imply, and the roll orders (asks of one series'
// token for another's). Pure: the orders come from @pn/sdk's listOrders.
import { orderPriceAt } from "@pn/core";
import type { MarketOrder } from "@pn/sdk";
import { type Address, getAddress, type Hex } from "viem";
import { wadToNumber } from "./format.ts";
import type { SeriesInfo } from "./series.ts";

export type SideBook = {
  /** Highest bid and lowest ask now, WAD collateral per token. */
  bidWad?: bigint;
  askWad?: bigint;
};

export type SeriesBook = { p: SideBook; n: SideBook };

/** A series token and which series and side it is. */
export type TokenRef = { series: SeriesInfo; side: "P" | "N" };

export function tokenIndex(series: readonly SeriesInfo[]): Map<Address, TokenRef> {
  const index = new Map<Address, TokenRef>();
  for (const s of series) {
    index.set(getAddress(s.pToken), { series: s, side: "P" });
    index.set(getAddress(s.nToken), { series: s, side: "N" });
  }
  return index;
}

/** Whether an order can be filled at `now` (open and not expired). */
export function isLive(order: MarketOrder, now: bigint): boolean {
  return order.open && order.amount > 0n && (order.expiry === 0n || order.expiry > now);
}

/** Best bid and ask per series and side, from the live orders against each series' collateral. */
export function bestQuotes(
  orders: readonly MarketOrder[],
  series: readonly SeriesInfo[],
  now: bigint,
): Map<Hex, SeriesBook> {
  const tokens = tokenIndex(series);
  const out = new Map<Hex, SeriesBook>();
  for (const order of orders) {
    if (!isLive(order, now)) continue;
    const ref = tokens.get(getAddress(order.token));
    if (ref === undefined || getAddress(order.counterToken) !== getAddress(ref.series.key.collateral))
      continue;
    const book = out.get(ref.series.id) ?? { p: {}, n: {} };
    const side = ref.side === "P" ? book.p : book.n;
    if (order.isBid) {
      if (side.bidWad === undefined || order.priceWad > side.bidWad) side.bidWad = order.priceWad;
    } else {
      const price = orderPriceAt(order, now);
      if (side.askWad === undefined || price < side.askWad) side.askWad = price;
    }
    out.set(ref.series.id, book);
  }
  return out;
}

/**
 * The market's price of one N in ETH, where the book says enough: the mid of N's best bid and ask, else one minus
 * the mid of P's (P + N = 1 ETH). Undefined with no two-sided market on either token.
 */
export function marketNPrice(book: SeriesBook | undefined): number | undefined {
  if (book === undefined) return undefined;
  const mid = ({ bidWad, askWad }: SideBook) =>
    bidWad !== undefined && askWad !== undefined
      ? (wadToNumber(bidWad) + wadToNumber(askWad)) / 2
      : undefined;
  const n = mid(book.n);
  if (n !== undefined) return n;
  const p = mid(book.p);
  return p === undefined ? undefined : 1 - p;
}

/** A roll order: an ask offering one series' P or N for another series' token (the roll A → B). */
export type RollOrder = { order: MarketOrder; from: TokenRef; to: TokenRef };

export function rollOrders(orders: readonly MarketOrder[], series: readonly SeriesInfo[]): RollOrder[] {
  const tokens = tokenIndex(series);
  const out: RollOrder[] = [];
  for (const order of orders) {
    if (order.isBid) continue;
    const from = tokens.get(getAddress(order.token));
    const to = tokens.get(getAddress(order.counterToken));
    if (from !== undefined && to !== undefined) out.push({ order, from, to });
  }
  return out;
}
