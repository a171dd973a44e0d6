// Reorg guard. The framework settles an intent once its receipt is seen and never looks again; a reorg (or a
// node restarted from an older state) can then take the transaction out of the chain while the state still says
// "confirmed". Every tick, each mined intent younger than `windowBlocks` is looked up again:
// - its receipt is gone → it goes back to "sent", so reconciliation re-broadcasts the *same signed bytes* (same
//   nonce, same hash: the action still executes at most once, and it is not lost);
// - its receipt moved to another block → the block is updated (the roll machine re-reads what it derived from it).
// Failed intents (reverted) are treated alike: their nonce is free again, and the signed bytes fill it.

import { TransactionReceiptNotFoundError } from "viem";
import { getBlockNumber, getTransactionReceipt } from "viem/actions";
import type { Logger } from "../framework/log.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { Intent, StateStore } from "../framework/state.ts";

export type ReorgCheck = { checked: number; reorged: string[]; moved: string[] };

async function receiptOf(client: KeeperPublicClient, intent: Intent) {
  try {
    return await getTransactionReceipt(client, { hash: intent.hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

export async function checkReorgs(
  ctx: { publicClient: KeeperPublicClient; state: StateStore; log: Logger; dryRun: boolean },
  windowBlocks: bigint,
): Promise<ReorgCheck> {
  const head = await getBlockNumber(ctx.publicClient, { cacheTime: 0 });
  const out: ReorgCheck = { checked: 0, reorged: [], moved: [] };
  for (const intent of ctx.state.intents()) {
    if (intent.status !== "confirmed" && intent.status !== "reverted") continue;
    if (intent.blockNumber === undefined) continue;
    const mined = BigInt(intent.blockNumber);
    if (mined + windowBlocks < head) continue;
    out.checked++;
    const receipt = await receiptOf(ctx.publicClient, intent);
    const updatedAt = new Date().toISOString();
    if (receipt === undefined) {
      const { blockNumber: _gone, ...rest } = intent;
      out.reorged.push(intent.key);
      ctx.log.warn("reorg: a mined transaction left the chain; its signed bytes go out again", {
        key: intent.key,
        hash: intent.hash,
        nonce: intent.nonce,
        wasInBlock: intent.blockNumber,
        head,
      });
      if (!ctx.dryRun) ctx.state.putIntent({ ...rest, status: "sent", updatedAt });
      continue;
    }
    const status = receipt.status === "success" ? "confirmed" : "reverted";
    if (receipt.blockNumber !== mined || status !== intent.status) {
      out.moved.push(intent.key);
      ctx.log.warn("reorg: a transaction was mined again in another block", {
        key: intent.key,
        hash: intent.hash,
        from: intent.blockNumber,
        to: receipt.blockNumber,
        status,
      });
      if (!ctx.dryRun)
        ctx.state.putIntent({ ...intent, status, blockNumber: receipt.blockNumber.toString(), updatedAt });
    }
  }
  return out;
}
