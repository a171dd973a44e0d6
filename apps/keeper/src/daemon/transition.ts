// Shared plumbing of the roll machine's steps: what a step works with, how it moves a roll to its next state
// (written, with a log entry, before anything that depends on it is sent), and how a send's outcome reads.

import type { Hex } from "viem";
import type { ItemResult, JobContext } from "../framework/job.ts";
import type { JsonValue } from "../framework/json.ts";
import type { SendOutcome } from "../framework/sender.ts";
import type { DaemonRef } from "./chain.ts";
import type { DaemonSection } from "./config.ts";
import type { Draws } from "./jitter.ts";
import type { PositionRecord, RollRecord } from "./records.ts";
import type { RecordsView } from "./view.ts";

export type DaemonWorld = {
  ref: DaemonRef;
  section: DaemonSection;
  view: RecordsView;
  seed: Hex;
};

/** The chain and the price at one tick. */
export type Tick = { now: bigint; head: bigint; xWad: bigint | undefined; draws: Draws };

/** A step either moved the roll on (run the next step now) or ends the tick. */
export type Step = { next: true } | { result: ItemResult };
export const again: Step = { next: true };
export const stop = (outcome: ItemResult["outcome"], note?: string): Step => ({
  result: note === undefined ? { outcome } : { outcome, note },
});

type Optional = {
  [K in keyof RollRecord]-?: undefined extends RollRecord[K] ? K : never;
}[keyof RollRecord];

export type Move = {
  set?: Partial<RollRecord>;
  /** Optional fields to remove. */
  clear?: readonly Optional[];
  /** The roll_log entry and log message; the new state by default. */
  event?: string;
  detail?: Record<string, JsonValue>;
  /** Written in the same transaction (a finished roll moves the position). */
  position?: PositionRecord;
};

/** Writes the roll's next record (durable before this returns, except in a dry run) and logs the transition. */
export function move(ctx: JobContext, w: DaemonWorld, roll: RollRecord, m: Move): RollRecord {
  const next: RollRecord = { ...roll };
  for (const [k, v] of Object.entries(m.set ?? {})) if (v !== undefined) Reflect.set(next, k, v);
  for (const k of m.clear ?? []) delete next[k];
  const event = m.event ?? next.state;
  w.view.save({
    roll: next,
    event: { epoch: roll.epoch, state: event, detail: { state: next.state, ...m.detail } },
    ...(m.position === undefined ? {} : { position: m.position }),
  });
  ctx.log.info(`roll: ${event}`, { ...m.detail, epoch: roll.epoch, state: next.state, was: roll.state });
  return next;
}

/** ok: the action's effect is on chain; wait: in flight (or a dry run); failed: it reverted or was refused. */
export function outcomeOf(out: SendOutcome): "ok" | "wait" | "failed" {
  switch (out.status) {
    case "confirmed":
    case "already-done":
      return "ok";
    case "pending":
    case "dry-run":
      return "wait";
    case "reverted":
    case "rejected":
      return "failed";
  }
}

/** Runs the send and maps it to a step when it is not done yet: in flight → acted; failed → the caller decides. */
export async function sendStep(
  send: () => Promise<SendOutcome>,
): Promise<{ ok: true; out: SendOutcome } | { ok: false; step: Step; failed: boolean }> {
  const out = await send();
  const o = outcomeOf(out);
  if (o === "ok") return { ok: true, out };
  return {
    ok: false,
    step: stop("acted", o === "wait" ? `waiting for ${out.status}` : `failed: ${out.status}`),
    failed: o === "failed",
  };
}
