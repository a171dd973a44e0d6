// Sending one transaction: the SDK action simulates and sends it; this waits for the receipt, checks it, and
// prints progress on stderr. Any failure becomes a TransactionFailedError naming the action.

import type { Hash, TransactionReceipt } from "viem";
import { TransactionFailedError } from "../errors.ts";
import { progress } from "../io.ts";
import type { Context } from "./context.ts";
import { describeFailure } from "./revert.ts";

export type SentTx<T> = { result: T; hash: Hash; receipt: TransactionReceipt };

/** Wraps an action that returns only the hash. */
export async function hashOnly(sent: Promise<Hash>): Promise<{ hash: Hash }> {
  return { hash: await sent };
}

/** Runs `send` (an SDK action: simulate, then send) and waits for its receipt. */
export async function sendTx<T extends { hash: Hash }>(
  ctx: Context,
  action: string,
  send: () => Promise<T>,
): Promise<SentTx<T>> {
  progress(ctx.io, `${action}: simulating and sending…`);
  let result: T;
  try {
    result = await send();
  } catch (error) {
    throw describeFailure(action, error);
  }
  const { hash } = result;
  progress(ctx.io, `${action}: sent ${hash}, waiting for confirmation…`);
  let receipt: TransactionReceipt;
  try {
    receipt = await ctx.client.waitForTransactionReceipt({ hash });
  } catch (error) {
    throw describeFailure(action, error);
  }
  if (receipt.status !== "success") {
    throw new TransactionFailedError({
      action,
      reason: `transaction ${hash} reverted in block ${receipt.blockNumber}.`,
      fix: "The chain changed between simulation and inclusion; check the state and run the command again.",
    });
  }
  progress(ctx.io, `${action}: confirmed in block ${receipt.blockNumber}.`);
  return { result, hash, receipt };
}
