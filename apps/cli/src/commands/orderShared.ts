// What the `order` and `roll` commands share: naming a P or N token by its symbol, reading durations and expiries,
// naming any token of the market in output, approving exactly what a call spends (and saying so when the call
// after it fails), and the checks made before anything is sent.

import { type Side, seriesSymbol } from "@pn/core";
import { approve, getAllowance, pnMarketAbi } from "@pn/sdk";
import {
  type Address,
  erc20Abi,
  type Hash,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import type { Context } from "../chain/context.ts";
import { listDeploymentSeries, resolveSeries, type SeriesInfo } from "../chain/series.ts";
import { hashOnly, type SentTx, sendTx } from "../chain/tx.ts";
import {
  InsufficientBalanceError,
  InvalidArgumentError,
  PartialActionError,
  TransactionFailedError,
} from "../errors.ts";
import { formatAmount } from "../format.ts";
import { parseInstant } from "../inputs.ts";

export type TokenRef = { info: SeriesInfo; side: Side; token: Address; symbol: string };

/** A P or N token by its symbol, `P-USD-1500-20261231` (the side is required), or `<series id>:P`. */
export async function resolveToken(ctx: Context, argument: string, text: string): Promise<TokenRef> {
  const trimmed = text.trim();
  const match = /^([PpNn])-(.+)$/.exec(trimmed) ?? /^(0x[0-9a-fA-F]{64}):([PpNn])$/.exec(trimmed);
  if (match === null) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      problem: "does not name a side",
      fix: "Name the token with its side: P-USD-1500-20261231 or N-USD-1500-20261231 (`pn series list` shows the series).",
    });
  }
  const [side, series] = trimmed.startsWith("0x")
    ? [(match[2] ?? "P").toUpperCase() as Side, match[1] ?? ""]
    : [(match[1] ?? "P").toUpperCase() as Side, match[2] ?? ""];
  const info = await resolveSeries(ctx, series);
  return {
    info,
    side,
    token: side === "P" ? info.pToken : info.nToken,
    symbol: side === "P" ? info.pSymbol : info.nSymbol,
  };
}

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/** `90s`, `30m`, `6h`, `2d`, `1w`, or plain seconds. */
export function parseDuration(argument: string, text: string): bigint {
  const match = /^(\d+)([smhdw]?)$/.exec(text.trim());
  const seconds = match === null ? 0n : BigInt(match[1] ?? "0") * (UNITS[match[2] || "s"] ?? 1n);
  if (seconds <= 0n || seconds >= 1n << 32n) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      problem: "is not a duration above zero",
      fix: "Pass seconds or a number with a unit: 90s, 30m, 6h, 2d, 1w.",
    });
  }
  return seconds;
}

/**
 * `--expiry`: `none`, a duration from now (`6h`), or an instant (a UTC date, an ISO time with zone, unix
 * seconds). Omitted: the series' maturity, so an order never outlives what it trades (docs/market.md, known
 * limitation 1). Must be in the future.
 */
export function parseExpiry(text: string | undefined, now: bigint, maturity: bigint): bigint {
  if (text === undefined) return maturity > now ? maturity : 0n;
  const trimmed = text.trim();
  if (trimmed === "none") return 0n;
  const expiry = /^\d+[smhdw]$/.test(trimmed)
    ? now + parseDuration("--expiry", trimmed)
    : parseInstant("--expiry", trimmed);
  if (expiry <= now || expiry >= 1n << 32n) {
    throw new InvalidArgumentError({
      argument: "--expiry",
      value: text,
      problem: "is not in the future (by the chain's clock)",
      fix: "Pass a later time, a duration such as 6h, or `none` for an order that never expires.",
    });
  }
  return expiry;
}

/** Names every token the market can show: P and N symbols, and collaterals by their ERC-20 symbol. */
export async function tokenNamer(ctx: Context): Promise<(token: Address) => string> {
  const names = new Map<string, string>();
  for (const s of await listDeploymentSeries(ctx)) {
    names.set(s.pToken.toLowerCase(), seriesSymbol(s.key, "P"));
    names.set(s.nToken.toLowerCase(), seriesSymbol(s.key, "N"));
    if (isAddressEqual(s.key.collateral, ctx.deployment.contracts.weth))
      names.set(s.key.collateral.toLowerCase(), "WETH");
  }
  return (token) => names.get(token.toLowerCase()) ?? token;
}

export function tokenBalance(ctx: Context, token: Address, owner: Address): Promise<bigint> {
  return ctx.client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
}

/** The owner must hold `needed` of `token`; checked before anything is sent. */
export async function requireToken(
  ctx: Context,
  p: { token: Address; owner: Address; needed: bigint; name: string; what: string; fix: string },
): Promise<void> {
  const held = await tokenBalance(ctx, p.token, p.owner);
  if (held < p.needed) {
    throw new InsufficientBalanceError({
      holder: p.owner,
      holds: `${formatAmount(held, 18)} ${p.name}`,
      needs: `${p.what} needs ${formatAmount(p.needed, 18)} ${p.name}`,
      fix: p.fix,
    });
  }
}

export type Approval = { token: Address; spender: Address; amount: bigint; label: string };

/** Approves exactly `amount` when the allowance is short; returns the approval's hash if one was sent. */
export async function approveIfShort(ctx: Context, a: Approval): Promise<Hash | undefined> {
  const owner = ctx.wallet().account.address;
  const allowance = await getAllowance(ctx.client, { token: a.token, owner, spender: a.spender });
  if (allowance >= a.amount) return undefined;
  const { hash } = await sendTx(ctx, a.label, () =>
    hashOnly(approve(ctx.wallet(), { token: a.token, spender: a.spender, amount: a.amount })),
  );
  return hash;
}

/**
 * Sends the approvals, then the main transaction. When the main one fails after an approval went through, the
 * error says exactly that (PartialActionError): the allowance stays and nothing else moved.
 */
export async function afterApprovals<T extends { hash: Hash }>(
  ctx: Context,
  p: { approvals: readonly Approval[]; action: string; send: () => Promise<T>; nothingMoved: string },
): Promise<{ sent: SentTx<T>; approvals: Hash[] }> {
  const approvals: Hash[] = [];
  for (const a of p.approvals) {
    const hash = await approveIfShort(ctx, a);
    if (hash !== undefined) approvals.push(hash);
  }
  try {
    return { sent: await sendTx(ctx, p.action, p.send), approvals };
  } catch (error) {
    if (approvals.length === 0 || !(error instanceof TransactionFailedError)) throw error;
    throw new PartialActionError({
      done: `The approval${approvals.length > 1 ? "s" : ""} went through (tx ${approvals.join(", ")})`,
      failed: error,
      fix: `${p.nothingMoved} The allowance stays; fix the cause and run the same command again (it will not approve again), or revoke it by approving 0.`,
    });
  }
}

/** The id of the order a confirmed post created (its BidPosted / AskPosted event). */
export function postedOrderId(receipt: TransactionReceipt, market: Address): bigint | undefined {
  const logs = parseEventLogs({
    abi: pnMarketAbi,
    logs: receipt.logs,
    eventName: ["BidPosted", "AskPosted"],
  });
  return logs.find((l) => isAddressEqual(l.address, market))?.args.orderId;
}

/** An order id: a whole number from 1. */
export function parseOrderId(text: string): bigint {
  if (!/^\d+$/.test(text.trim()) || BigInt(text.trim()) === 0n) {
    throw new InvalidArgumentError({
      argument: "id",
      value: text,
      problem: "is not an order id",
      fix: "Pass the order's number as `pn order list` shows it, e.g. 7.",
    });
  }
  return BigInt(text.trim());
}
