// The daemon's reads of the core, the market and its own balances, and its transactions as sender actions with
// stable keys and, where the chain can tell, "already done" checks.

import type { SeriesKey } from "@pn/core";
import { listSeries, pnCoreAbi, pnMarketAbi, type RollPlan, rollRouterAbi, toAbiKey } from "@pn/sdk";
import { type Address, erc20Abi, type Hash, isAddressEqual, maxUint256, parseEventLogs } from "viem";
import { getTransactionReceipt, readContract } from "viem/actions";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { TxAction } from "../framework/sender.ts";
import type { Candidate } from "./policy.ts";
import type { PostTerms } from "./records.ts";

export type DaemonRef = {
  client: KeeperPublicClient;
  core: Address;
  market: Address;
  router: Address;
  account: Address;
  fromBlock: bigint;
};

const at = (blockNumber: bigint | undefined) => (blockNumber === undefined ? {} : { blockNumber });

export function balanceOf(ref: DaemonRef, token: Address, blockNumber?: bigint): Promise<bigint> {
  return readContract(ref.client, {
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [ref.account],
    ...at(blockNumber),
  });
}

export type OrderState = { open: boolean; amount: bigint; expiry: bigint; maker: Address };

export async function readOrder(ref: DaemonRef, orderId: bigint, blockNumber?: bigint): Promise<OrderState> {
  const o = await readContract(ref.client, {
    address: ref.market,
    abi: pnMarketAbi,
    functionName: "orderOf",
    args: [orderId],
    ...at(blockNumber),
  });
  return { open: o.amount > 0n, amount: o.amount, expiry: o.expiry, maker: o.maker };
}

/** The P_A the daemon still holds, in its wallet and escrowed in its open order. */
export async function remainingIn(
  ref: DaemonRef,
  pToken: Address,
  orderId: bigint | undefined,
  blockNumber?: bigint,
): Promise<bigint> {
  const [wallet, order] = await Promise.all([
    balanceOf(ref, pToken, blockNumber),
    orderId === undefined ? undefined : readOrder(ref, orderId, blockNumber),
  ]);
  const escrowed = order?.open === true && isAddressEqual(order.maker, ref.account) ? order.amount : 0n;
  return wallet + escrowed;
}

/** The order a confirmed post created (from its receipt) and the receipt's block; undefined if none. */
export async function postedOrder(
  ref: DaemonRef,
  hash: Hash,
): Promise<{ orderId: bigint; blockNumber: bigint } | undefined> {
  const receipt = await getTransactionReceipt(ref.client, { hash });
  const logs = parseEventLogs({ abi: pnMarketAbi, logs: receipt.logs, eventName: "AskPosted" });
  const posted = logs.find((l) => isAddressEqual(l.address, ref.market));
  return posted === undefined
    ? undefined
    : { orderId: posted.args.orderId, blockNumber: receipt.blockNumber };
}

/** What an atomic roll moved (its `Rolled` event), from its receipt. */
export async function rolledAmounts(
  ref: DaemonRef,
  hash: Hash,
): Promise<{ amountIn: bigint; amountOut: bigint; refund: bigint } | undefined> {
  const receipt = await getTransactionReceipt(ref.client, { hash });
  const logs = parseEventLogs({ abi: rollRouterAbi, logs: receipt.logs, eventName: "Rolled" });
  const rolled = logs.find((l) => isAddressEqual(l.address, ref.router));
  return rolled === undefined ? undefined : rolled.args;
}

export function seriesExists(ref: DaemonRef, key: SeriesKey): Promise<boolean> {
  return readContract(ref.client, {
    address: ref.core,
    abi: pnCoreAbi,
    functionName: "exists",
    args: [toAbiKey(key)],
  });
}

export async function tokensOf(
  ref: DaemonRef,
  key: SeriesKey,
): Promise<{ pToken: Address; nToken: Address }> {
  const [pToken, nToken] = await readContract(ref.client, {
    address: ref.core,
    abi: pnCoreAbi,
    functionName: "tokensOf",
    args: [toAbiKey(key)],
  });
  return { pToken, nToken };
}

/** Every series of the core (the candidates to roll into). */
export function listCandidates(ref: DaemonRef): Promise<Candidate[]> {
  return listSeries(ref.client, { core: ref.core, fromBlock: ref.fromBlock });
}

async function allowanceOf(ref: DaemonRef, token: Address, spender: Address): Promise<bigint> {
  return readContract(ref.client, {
    address: token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [ref.account, spender],
  });
}

/*//////////////////////////////////////////////////////////////
                             ACTIONS
//////////////////////////////////////////////////////////////*/

/** An unlimited approval of `spender` for `token`, once (`approve:<token>:<spender>`). */
export function approveAction(ref: DaemonRef, token: Address, spender: Address): TxAction {
  return {
    key: `approve:${token}:${spender}`,
    kind: "approve",
    params: { token, spender },
    call: { address: token, abi: erc20Abi, functionName: "approve", args: [spender, maxUint256] },
    isDone: async () => (await allowanceOf(ref, token, spender)) >= 1n << 200n,
  };
}

/** Creates the target series (`create:<epoch>`); done once it exists, whoever created it. */
export function createSeriesAction(ref: DaemonRef, epoch: number, key: SeriesKey): TxAction {
  return {
    key: `create:${epoch}`,
    kind: "create",
    params: { strikeWad: key.strikeWad.toString(), maturity: key.maturity.toString() },
    call: { address: ref.core, abi: pnCoreAbi, functionName: "createSeries", args: [toAbiKey(key)] },
    isDone: () => seriesExists(ref, key),
  };
}

/** Posts the roll order P_A → P_B with the recorded terms (`post:<epoch>:<attempt>`). */
export function postRollAction(
  ref: DaemonRef,
  p: { terms: PostTerms; from: Address; to: Address },
): TxAction {
  const t = p.terms;
  const ask = {
    token: p.from,
    want: p.to,
    amount: BigInt(t.amount),
    startPriceWad: BigInt(t.startPriceWad),
    floorPriceWad: BigInt(t.floorPriceWad),
    duration: BigInt(t.duration),
    halfLife: BigInt(t.halfLife),
    expiry: BigInt(t.expiry),
  };
  return {
    key: t.key,
    kind: "post",
    params: { token: p.from, want: p.to, amount: t.amount },
    call: { address: ref.market, abi: pnMarketAbi, functionName: "postAsk", args: [ask] },
  };
}

/** Cancels the daemon's roll order (`cancel:<epoch>:<attempt>:<orderId>`); done once it is closed. */
export function cancelAction(ref: DaemonRef, key: string, orderId: bigint): TxAction {
  return {
    key,
    kind: "cancel",
    params: { orderId: orderId.toString() },
    call: { address: ref.market, abi: pnMarketAbi, functionName: "cancel", args: [orderId] },
    isDone: async () => !(await readOrder(ref, orderId)).open,
  };
}

/** The atomic roll through the router, buffer paid in ETH, refund in ETH (`roll:<epoch>:<n>`). */
export function atomicRollAction(ref: DaemonRef, key: string, plan: RollPlan): TxAction {
  const params = {
    from: toAbiKey(plan.from),
    to: toAbiKey(plan.to),
    side: plan.side === "P" ? 0 : 1,
    amountIn: plan.amountIn,
    amountOut: plan.amountOut,
    collateralIn: plan.collateralIn,
    minRefund: plan.minRefund,
    asks: plan.asks,
    bids: plan.bids,
    recipient: ref.account,
    refundETH: true,
    deadline: plan.deadline,
  };
  return {
    key,
    kind: "roll",
    params: { tokenIn: plan.tokenIn, amountIn: plan.amountIn.toString() },
    call: {
      address: ref.router,
      abi: rollRouterAbi,
      functionName: "roll",
      args: [params],
      value: plan.collateralIn,
    },
    isDone: async () => (await balanceOf(ref, plan.tokenIn)) === 0n,
  };
}
