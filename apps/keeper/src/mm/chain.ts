// The market maker's reads of the market, the core and its own balances, and its transactions as sender actions.
// Every action has a stable key and, where the chain can tell, an "already done" check used before sending and
// when reconciling after a crash.

import { escrowUp, type Side } from "@pn/core";
import { pnCoreAbi, pnMarketAbi, toAbiKey } from "@pn/sdk";
import { type Address, erc20Abi, type Hash, maxUint256, parseEventLogs } from "viem";
import { getBalance, getContractEvents, getTransactionReceipt, readContract } from "viem/actions";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { TxAction } from "../framework/sender.ts";
import type { MmSeries } from "./model.ts";

export type MarketRef = { client: KeeperPublicClient; market: Address; core: Address; account: Address };

/** An order as read now; `open` is false once filled or cancelled. */
export type OrderView = {
  id: bigint;
  maker: Address;
  token: Address;
  counterToken: Address;
  isBid: boolean;
  amount: bigint;
  priceWad: bigint;
  floorPriceWad: bigint;
  startTime: bigint;
  duration: bigint;
  halfLife: bigint;
  expiry: bigint;
  open: boolean;
};

export async function readOrder(ref: MarketRef, id: bigint): Promise<OrderView> {
  const o = await readContract(ref.client, {
    address: ref.market,
    abi: pnMarketAbi,
    functionName: "orderOf",
    args: [id],
  });
  return { id, ...o, open: o.amount > 0n };
}

/** What is fillable now (0 when closed or expired) and the price now. */
export async function readFillable(
  ref: MarketRef,
  id: bigint,
): Promise<{ fillable: bigint; priceWad: bigint }> {
  const [, , , fillable, priceWad] = await readContract(ref.client, {
    address: ref.market,
    abi: pnMarketAbi,
    functionName: "fillableOf",
    args: [id],
  });
  return { fillable, priceWad };
}

export function readTokenBalance(ref: MarketRef, token: Address, owner = ref.account): Promise<bigint> {
  return readContract(ref.client, {
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });
}

export function readEth(ref: MarketRef): Promise<bigint> {
  return getBalance(ref.client, { address: ref.account });
}

export async function readTokens(ref: MarketRef, series: Pick<MmSeries, "key">): Promise<[Address, Address]> {
  const [p, n] = await readContract(ref.client, {
    address: ref.core,
    abi: pnCoreAbi,
    functionName: "tokensOf",
    args: [toAbiKey(series.key)],
  });
  return [p, n];
}

/** Asks posted in `[fromBlock, toBlock]`. */
export function readAsksPosted(ref: MarketRef, fromBlock: bigint, toBlock: bigint) {
  return getContractEvents(ref.client, {
    address: ref.market,
    abi: pnMarketAbi,
    eventName: "AskPosted",
    fromBlock,
    toBlock,
    strict: true,
  });
}

/** The id of the order a confirmed post created, from its receipt. */
export async function postedOrderId(ref: MarketRef, hash: Hash): Promise<bigint | undefined> {
  const receipt = await getTransactionReceipt(ref.client, { hash });
  const logs = parseEventLogs({
    abi: pnMarketAbi,
    logs: receipt.logs,
    eventName: ["BidPosted", "AskPosted"],
  });
  return logs.find((l) => l.address.toLowerCase() === ref.market.toLowerCase())?.args.orderId;
}

/** True when the maker already filled `orderId` (an `OrderFilled` with it as taker). */
export async function filledByUs(ref: MarketRef, orderId: bigint, fromBlock: bigint): Promise<boolean> {
  const events = await getContractEvents(ref.client, {
    address: ref.market,
    abi: pnMarketAbi,
    eventName: "OrderFilled",
    args: { orderId, taker: ref.account },
    fromBlock,
    strict: true,
  });
  return events.length > 0;
}

/*//////////////////////////////////////////////////////////////
                             ACTIONS
//////////////////////////////////////////////////////////////*/

/** An unlimited approval of `spender` for `token`, once (`approve:<token>:<spender>`). */
export function approveAction(ref: MarketRef, token: Address, spender: Address): TxAction {
  return {
    key: `approve:${token}:${spender}`,
    kind: "approve",
    params: { token, spender, owner: ref.account },
    call: { address: token, abi: erc20Abi, functionName: "approve", args: [spender, maxUint256] },
    isDone: async () =>
      (await readContract(ref.client, {
        address: token,
        abi: erc20Abi,
        functionName: "allowance",
        args: [ref.account, spender],
      })) >=
      1n << 200n,
  };
}

/** Cancels one of the maker's orders; a bid's WETH escrow comes back as ETH (`cancel:<id>`). */
export function cancelAction(ref: MarketRef, orderId: bigint, isBid: boolean): TxAction {
  return {
    key: `cancel:${orderId}`,
    kind: "cancel",
    params: { orderId: orderId.toString() },
    call: {
      address: ref.market,
      abi: pnMarketAbi,
      functionName: isBid ? "cancelToETH" : "cancel",
      args: [orderId],
    },
    isDone: async () => !(await readOrder(ref, orderId)).open,
  };
}

export type PostQuote = {
  key: string;
  token: Address;
  side: Side;
  book: "bid" | "ask";
  priceWad: bigint;
  amount: bigint;
  expiry: bigint;
  /** The series' collateral (WETH): what an ask wants. */
  collateral: Address;
};

/** Posts a flat quote: a bid escrowing ETH, or an ask of the token for WETH. */
export function postQuoteAction(ref: MarketRef, q: PostQuote): TxAction {
  const params = {
    token: q.token,
    book: q.book,
    priceWad: q.priceWad.toString(),
    amount: q.amount.toString(),
  };
  if (q.book === "bid") {
    return {
      key: q.key,
      kind: "post",
      params,
      call: {
        address: ref.market,
        abi: pnMarketAbi,
        functionName: "postBid",
        args: [q.token, q.amount, q.priceWad, q.expiry],
        value: escrowUp(q.amount, q.priceWad),
      },
    };
  }
  const ask = {
    token: q.token,
    want: q.collateral,
    amount: q.amount,
    startPriceWad: q.priceWad,
    floorPriceWad: q.priceWad,
    duration: 0n,
    halfLife: 0n,
    expiry: q.expiry,
  };
  return {
    key: q.key,
    kind: "post",
    params,
    call: { address: ref.market, abi: pnMarketAbi, functionName: "postAsk", args: [ask] },
  };
}

/** Fills an ask of someone else, once per order (`fill:<id>`); a WETH ask is paid in ETH (`value`). */
export function fillAction(
  ref: MarketRef,
  p: { orderId: bigint; amount: bigint; priceWad: bigint; value: bigint; fromBlock: bigint },
): TxAction {
  return {
    key: `fill:${p.orderId}`,
    kind: "fill",
    params: {
      orderId: p.orderId.toString(),
      amount: p.amount.toString(),
      priceWad: p.priceWad.toString(),
      fromBlock: p.fromBlock.toString(),
    },
    call: {
      address: ref.market,
      abi: pnMarketAbi,
      functionName: "fill",
      args: [p.orderId, p.amount, ref.account],
      value: p.value,
    },
    isDone: async () =>
      (await filledByUs(ref, p.orderId, p.fromBlock)) || !(await readOrder(ref, p.orderId)).open,
  };
}

/**
 * Splits `amount` ETH into P and N of a series under `key`; done once the maker holds `needed` of `token` (kind
 * `split`, the check the job registers for reconciliation).
 */
export function splitAction(
  ref: MarketRef,
  p: {
    key: string;
    series: MmSeries;
    amount: bigint;
    token: Address;
    needed: bigint;
    isDone?: () => Promise<boolean>;
  },
): TxAction {
  return {
    key: p.key,
    kind: "split",
    params: { token: p.token, needed: p.needed.toString() },
    call: {
      address: ref.core,
      abi: pnCoreAbi,
      functionName: "split",
      args: [toAbiKey(p.series.key), p.amount, ref.account],
      value: p.amount,
    },
    isDone: p.isDone ?? (async () => (await readTokenBalance(ref, p.token)) >= p.needed),
  };
}

/** Splits ETH into the series a roll order wants, for that order only (`split:fill:<id>`). */
export function splitForFillAction(
  ref: MarketRef,
  p: { orderId: bigint; series: MmSeries; amount: bigint; token: Address; needed: bigint },
): TxAction {
  return splitAction(ref, { ...p, key: `split:fill:${p.orderId}` });
}

/**
 * Seeds a quoted series' inventory, once (`split:seed:<series id>`): `amount` ETH into P and N, so the maker has
 * asks to post. Done when the maker holds either side already.
 */
export function seedSplitAction(ref: MarketRef, p: { series: MmSeries; amount: bigint }): TxAction {
  const holds = async () =>
    (await readTokenBalance(ref, p.series.pToken)) > 0n ||
    (await readTokenBalance(ref, p.series.nToken)) > 0n;
  return splitAction(ref, {
    key: `split:seed:${p.series.id}`,
    series: p.series,
    amount: p.amount,
    token: p.series.pToken,
    needed: p.amount,
    isDone: holds,
  });
}
