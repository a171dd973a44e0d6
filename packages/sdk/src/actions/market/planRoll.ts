import { costUp, orderPriceAt, proceedsDown, type SeriesKey, type Side } from "@pn/core";
import { type Address, isAddressEqual } from "viem";
import { pnCoreAbi } from "../../generated/abis.ts";
import { type PnReadClient, toAbiKey } from "../client.ts";
import { type ListedOrder, listOrders } from "./listOrders.ts";
import { InsufficientBookError, InvalidRollError } from "./types.ts";

export type PlanRollParameters = {
  market: Address;
  core: Address;
  from: SeriesKey;
  to: SeriesKey;
  /** The side held and rolled: P (buys N_A, sells N_B) or N (buys P_A, sells P_B). */
  side: Side;
  /** Units of `side` of A given up. */
  amountIn: bigint;
  /** Units of `side` of B received; `amountIn` by default (twice as many after halving the strike, say). */
  amountOut?: bigint;
  /** Tolerance on the roll's collateral outcome, basis points of the collateral traded (asks' cost + bids' pay). */
  slippageBps: number;
  /** Buffer above the asks' quoted cost, bps of it (at least 1 wei): cheaper in gas than an exact buffer. */
  bufferSurplusBps?: number;
  /** The roll must execute within this many seconds (the deadline); orders expiring sooner are left out. */
  validForSeconds?: bigint;
  /** Most order ids passed per side (the best first; the rest are fallbacks if one is taken meanwhile). */
  maxOrders?: number;
  fromBlock?: bigint;
};

export type RollPlan = {
  from: SeriesKey;
  to: SeriesKey;
  side: Side;
  amountIn: bigint;
  amountOut: bigint;
  collateral: Address;
  /** `side` of A (given up) and of B (received). */
  tokenIn: Address;
  tokenOut: Address;
  /** The other side of A, bought from asks; the other side of B, sold into bids. */
  buyToken: Address;
  sellToken: Address;
  /** Order ids, best price first. */
  asks: bigint[];
  bids: bigint[];
  /** What the asks cost and the bids pay at today's prices (rounded as the market rounds). */
  cost: bigint;
  proceeds: bigint;
  /** The buffer to send, and the refund expected and required back. */
  collateralIn: bigint;
  expectedRefund: bigint;
  minRefund: bigint;
  /** Collateral the roll costs net (negative: it pays), `collateralIn − expectedRefund`. */
  netCost: bigint;
  deadline: bigint;
};

type Priced = { order: ListedOrder; priceWad: bigint };

/** Walks orders best first; returns the running total and how much is still missing. */
function walk(orders: readonly Priced[], needed: bigint, price: (take: bigint, p: bigint) => bigint) {
  let left = needed;
  let total = 0n;
  for (const { order, priceWad } of orders) {
    if (left === 0n) break;
    let take = left;
    if (order.amount < take) take = order.amount;
    total += price(take, priceWad);
    left -= take;
  }
  return { total, missing: left };
}

/**
 * Plans an atomic roll from the open book: the best asks of the other side of A and bids of the other side of B
 * (priced now with `orderPriceAt`; auction asks only get cheaper before inclusion), the buffer (the asks' cost,
 * plus `amountOut − amountIn` when the position grows, plus a small surplus), and `minRefund` from the slippage.
 * Reads only; `rollAtomic` sends it.
 *
 * @example
 * const plan = await planRoll(client, { market, core, from: keyA, to: keyB, side: "P", amountIn: parseEther("10"), slippageBps: 50 });
 * console.log(plan.netCost);
 */
export async function planRoll(client: PnReadClient, p: PlanRollParameters): Promise<RollPlan> {
  const amountOut = p.amountOut ?? p.amountIn;
  if (p.amountIn <= 0n || amountOut <= 0n) throw new InvalidRollError({ problem: "an amount is zero" });
  if (!(p.slippageBps >= 0 && p.slippageBps <= 10_000)) {
    throw new InvalidRollError({ problem: `slippage ${p.slippageBps} bps is outside [0, 10000]` });
  }
  if (!isAddressEqual(p.from.collateral, p.to.collateral)) {
    throw new InvalidRollError({ problem: "the two series use different collateral" });
  }
  const read = { address: p.core, abi: pnCoreAbi, functionName: "tokensOf" } as const;
  const [[pA, nA], [pB, nB], block] = await Promise.all([
    client.readContract({ ...read, args: [toAbiKey(p.from)] }),
    client.readContract({ ...read, args: [toAbiKey(p.to)] }),
    client.getBlock({ blockTag: "latest" }),
  ]);
  const [tokenIn, buyToken, tokenOut, sellToken] = p.side === "P" ? [pA, nA, pB, nB] : [nA, pA, nB, pB];
  const deadline = block.timestamp + (p.validForSeconds ?? 600n);
  const book = await listOrders(client, {
    market: p.market,
    tokens: [buyToken, sellToken],
    ...(p.fromBlock === undefined ? {} : { fromBlock: p.fromBlock }),
  });
  const live = book.filter((o) => o.expiry === 0n || o.expiry > deadline);
  const max = p.maxOrders ?? 16;
  const asks = live
    .filter(
      (o) =>
        !o.isBid && isAddressEqual(o.token, buyToken) && isAddressEqual(o.counterToken, p.from.collateral),
    )
    .map((order) => ({ order, priceWad: orderPriceAt(order, block.timestamp) }))
    .sort((a, b) =>
      a.priceWad === b.priceWad ? Number(a.order.id - b.order.id) : a.priceWad < b.priceWad ? -1 : 1,
    )
    .slice(0, max);
  const bids = live
    .filter((o) => o.isBid && isAddressEqual(o.token, sellToken))
    .map((order) => ({ order, priceWad: order.priceWad }))
    .sort((a, b) =>
      a.priceWad === b.priceWad ? Number(a.order.id - b.order.id) : a.priceWad > b.priceWad ? -1 : 1,
    )
    .slice(0, max);
  const bought = walk(asks, p.amountIn, costUp);
  if (bought.missing > 0n)
    throw new InsufficientBookError({ token: buyToken, side: "asks", missing: bought.missing });
  const sold = walk(bids, amountOut, proceedsDown);
  if (sold.missing > 0n)
    throw new InsufficientBookError({ token: sellToken, side: "bids", missing: sold.missing });
  const cost = bought.total;
  const proceeds = sold.total;
  const surplusBps = BigInt(Math.round(p.bufferSurplusBps ?? 10));
  const surplus = (cost * surplusBps) / 10_000n > 0n ? (cost * surplusBps) / 10_000n : 1n;
  const grow = amountOut > p.amountIn ? amountOut - p.amountIn : 0n;
  const collateralIn = cost + grow + surplus;
  const expectedRefund = collateralIn - cost + p.amountIn - amountOut + proceeds;
  const tolerance = ((cost + proceeds) * BigInt(Math.round(p.slippageBps)) + 9_999n) / 10_000n;
  return {
    from: p.from,
    to: p.to,
    side: p.side,
    amountIn: p.amountIn,
    amountOut,
    collateral: p.from.collateral,
    tokenIn,
    tokenOut,
    buyToken,
    sellToken,
    asks: asks.map((a) => a.order.id),
    bids: bids.map((b) => b.order.id),
    cost,
    proceeds,
    collateralIn,
    expectedRefund,
    minRefund: expectedRefund > tolerance ? expectedRefund - tolerance : 0n,
    netCost: collateralIn - expectedRefund,
    deadline,
  };
}
