// The market maker's own data in the keeper's state file (next to the sender's intents): per quoted side, its
// epoch, its live order and any replacement in progress; the scan cursor and the asks of others it watches; the
// fills it made. A replacement is written here *before* its first transaction, so a restart resumes it with the
// same keys (`cancel:<id>`, `quote:<series>:<P|N>:<epoch>:<bid|ask>`) and the sender never sends one twice.

import { z } from "zod";
import type { JsonValue } from "../framework/json.ts";
import type { StateStore } from "../framework/state.ts";

export const MM_JOB = "mm";

const uintString = z.string().regex(/^\d+$/);
const levelSchema = z.object({ priceWad: uintString, amount: uintString });

const quoteSideSchema = z.object({
  /** Increments at every replacement; part of the post's idempotency key. */
  epoch: z.number().int().nonnegative(),
  /** The order posted at `epoch`, once its receipt was read. */
  orderId: uintString.optional(),
  /** A replacement decided and not yet finished. */
  pending: z
    .object({
      cancel: uintString.optional(),
      level: levelSchema.optional(),
      expiry: uintString,
      reason: z.string(),
    })
    .optional(),
});
export type QuoteSideState = z.infer<typeof quoteSideSchema>;

const fillSchema = z.object({ amount: uintString, priceWad: uintString, hash: z.string() });

const mmStateSchema = z.object({
  /** Next block to scan for AskPosted events. */
  nextBlock: uintString,
  /** `<series>:<P|N>:<bid|ask>` → that side's quote. */
  quotes: z.record(z.string(), quoteSideSchema),
  /** Open asks of others on the maker's tokens, watched until they close, expire or are filled. */
  candidates: z.array(uintString),
  /** Fills the maker made, by order id. */
  fills: z.record(z.string(), fillSchema),
});
export type MmState = z.infer<typeof mmStateSchema>;

export function loadMmState(state: StateStore, fromBlock: bigint): MmState {
  return state.job(MM_JOB, mmStateSchema, {
    nextBlock: fromBlock.toString(),
    quotes: {},
    candidates: [],
    fills: {},
  });
}

/** Applies `change` to the freshly read state and writes it (durable when this returns). Skipped in a dry run. */
export function updateMmState(
  ctx: { state: StateStore; dryRun: boolean },
  fromBlock: bigint,
  change: (s: MmState) => void,
): MmState {
  const s = loadMmState(ctx.state, fromBlock);
  change(s);
  // JSON round trip: drops the keys left undefined (the state file has no `undefined`).
  if (!ctx.dryRun) ctx.state.setJob(MM_JOB, JSON.parse(JSON.stringify(s)) as JsonValue);
  return s;
}

export const quoteStateKey = (series: string, side: string, book: "bid" | "ask") =>
  `${series}:${side}:${book}`;
