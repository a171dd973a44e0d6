// Reconciliation of recorded intents against the chain. An intent in flight (signed or sent) ends in exactly one
// of three ways, decided only from chain data:
// - its receipt exists → confirmed or reverted;
// - its nonce was consumed without its receipt → dropped (another transaction took the nonce; this one can
//   never be mined);
// - otherwise it may still be mined → the identical signed bytes are re-broadcast. Same nonce, same hash: this
//   can never execute the action twice.

import { type Hash, type Hex, type TransactionReceipt, TransactionReceiptNotFoundError } from "viem";
import { getTransactionCount, getTransactionReceipt, sendRawTransaction } from "viem/actions";
import type { Logger } from "./log.ts";
import { explainMinedRevert } from "./revert.ts";
import { isRpcUnavailable, type KeeperPublicClient } from "./rpc.ts";
import type { Intent, IntentStatus, StateStore } from "./state.ts";

export const IN_FLIGHT: readonly IntentStatus[] = ["signed", "sent"];
export const isInFlight = (intent: Intent): boolean => IN_FLIGHT.includes(intent.status);

export type ReconcileContext = {
  publicClient: KeeperPublicClient;
  state: StateStore;
  log: Logger;
  now?: () => Date;
};

/** Marks `intent` with a new status (and block) and persists it. */
export function updateIntent(
  ctx: ReconcileContext,
  intent: Intent,
  status: IntentStatus,
  blockNumber?: bigint,
): Intent {
  const next: Intent = { ...intent, status, updatedAt: (ctx.now?.() ?? new Date()).toISOString() };
  if (blockNumber !== undefined) next.blockNumber = blockNumber.toString();
  return ctx.state.putIntent(next);
}

async function receiptOf(ctx: ReconcileContext, hash: Hash) {
  try {
    return await getTransactionReceipt(ctx.publicClient, { hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/** Settles an intent from its receipt, if it has one. */
async function fromReceipt(ctx: ReconcileContext, intent: Intent): Promise<Intent | undefined> {
  const receipt = await receiptOf(ctx, intent.hash);
  if (receipt === undefined) return undefined;
  const status = receipt.status === "success" ? "confirmed" : "reverted";
  const next = updateIntent(ctx, intent, status, receipt.blockNumber);
  await logReceipt(ctx, intent, receipt, `intent ${status}`);
  return next;
}

/**
 * Logs a mined intent: at info when it succeeded; at warn when it reverted, with the reason (a receipt has none:
 * the call is replayed, see revert.ts) — the decoded error's name, arguments and hint.
 */
export async function logReceipt(
  ctx: ReconcileContext,
  intent: Intent,
  receipt: Pick<TransactionReceipt, "status" | "blockNumber" | "gasUsed">,
  msg: string,
): Promise<void> {
  const fields = {
    key: intent.key,
    hash: intent.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
  if (receipt.status === "success") {
    ctx.log.info(msg, fields);
    return;
  }
  const why = await explainMinedRevert(ctx.publicClient, intent, receipt);
  ctx.log.warn(msg, { ...fields, ...(why ?? { reason: "unknown: a replay of the call does not revert" }) });
}

export type BroadcastResult = "accepted" | "nonce-used" | "rejected";

/** Sends the signed bytes; an "already known" answer counts as accepted. Network failures are thrown. */
export async function broadcast(
  ctx: ReconcileContext,
  raw: Hex,
): Promise<{ result: BroadcastResult; reason?: string }> {
  try {
    await sendRawTransaction(ctx.publicClient, { serializedTransaction: raw });
    return { result: "accepted" };
  } catch (error) {
    const text = errorText(error);
    if (/already known|known transaction|already imported|already in pool/i.test(text))
      return { result: "accepted" };
    if (/nonce too low|nonce has already been used|nonce.*too small/i.test(text))
      return { result: "nonce-used" };
    if (isRpcUnavailable(error)) throw error;
    return { result: "rejected", reason: text.split("\n")[0] ?? text };
  }
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++, e = e.cause) {
    parts.push(e.message);
    if ("details" in e && typeof e.details === "string") parts.push(e.details);
  }
  return parts.join("\n");
}

/** Settles an intent whose nonce is used: from its receipt if it was mined, else as dropped. */
async function settleUsedNonce(ctx: ReconcileContext, intent: Intent): Promise<Intent | undefined> {
  const consumed = await getTransactionCount(ctx.publicClient, {
    address: intent.from,
    blockTag: "latest",
  });
  if (consumed <= intent.nonce) return undefined;
  // Mined between the reads? Look once more before calling it dropped.
  const late = await fromReceipt(ctx, intent);
  if (late !== undefined) return late;
  ctx.log.warn("intent dropped: its nonce was used by another transaction", {
    key: intent.key,
    nonce: intent.nonce,
    hash: intent.hash,
  });
  return updateIntent(ctx, intent, "dropped");
}

/**
 * Brings one intent up to date with the chain. Intents not in flight are returned unchanged. Throws only when
 * the RPC is unreachable (the intent then stays as it was, and the next reconciliation picks it up).
 */
export async function reconcileIntent(ctx: ReconcileContext, intent: Intent): Promise<Intent> {
  if (!isInFlight(intent)) return intent;
  const settled = (await fromReceipt(ctx, intent)) ?? (await settleUsedNonce(ctx, intent));
  if (settled !== undefined) return settled;
  const { result, reason } = await broadcast(ctx, intent.raw);
  // "nonce too low" from the node: settle it from the chain if it can be; otherwise try again next time.
  if (result === "nonce-used") return (await settleUsedNonce(ctx, intent)) ?? intent;
  if (result === "rejected") {
    if (intent.status === "sent") return intent; // the node took it before; it may still be in its pool
    ctx.log.warn("intent rejected by the node; it was never accepted", { key: intent.key, reason });
    return updateIntent(ctx, intent, "dropped");
  }
  if (intent.status === "signed") ctx.log.info("intent re-broadcast", { key: intent.key, hash: intent.hash });
  return intent.status === "sent" ? intent : updateIntent(ctx, intent, "sent");
}
