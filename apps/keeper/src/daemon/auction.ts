// The patient path of a roll: create the target series if needed, approve the market, post the roll order
// P_A → P_B (a Dutch auction around the model's fair ratio), watch it until it is filled, and cancel and re-post
// it when it expires. Each step re-reads the chain; each transaction goes out under a key recorded beforehand.

import { rollCurve } from "@pn/core";
import { SimulationRevertedError } from "../framework/errors.ts";
import type { JobContext } from "../framework/job.ts";
import {
  approveAction,
  balanceOf,
  cancelAction,
  createSeriesAction,
  postedOrder,
  postRollAction,
  readOrder,
  remainingIn,
} from "./chain.ts";
import { RollStateError } from "./errors.ts";
import { daemonRollPolicy, escalationDue } from "./policy.ts";
import { type RollRecord, toSeriesKey } from "./records.ts";
import { again, type DaemonWorld, move, type Step, sendStep, stop, type Tick } from "./transition.ts";

/** Target created, market approved, terms fixed: → posting. */
export async function stepPlanned(ctx: JobContext, w: DaemonWorld, t: Tick, r: RollRecord): Promise<Step> {
  const { ref } = w;
  const to = toSeriesKey(r.to);
  if (r.createKey !== undefined) {
    const created = await sendStep(() => ctx.sender.send(createSeriesAction(ref, r.epoch, to)));
    if (!created.ok) return created.step;
  }
  const approved = await sendStep(() => ctx.sender.send(approveAction(ref, r.from.pToken, ref.market)));
  if (!approved.ok) return approved.step;
  const amount = await balanceOf(ref, r.from.pToken);
  if (amount === 0n) return toFilledOrBack(ctx, w, r);
  if (t.xWad === undefined) return stop("waiting", "no price to set the auction's curve");
  const from = toSeriesKey(r.from);
  if (escalationDue(t, w.section, from)) return escalate(ctx, w, r, t);
  const curve = rollCurve({
    from,
    to,
    xWad: t.xWad,
    now: t.now,
    sigma: w.section.volatility,
    rule: daemonRollPolicy(t.draws, w.section).auction,
  });
  const post = {
    key: `post:${r.epoch}:${r.attempt}`,
    amount: amount.toString(),
    startPriceWad: curve.startPriceWad.toString(),
    floorPriceWad: curve.floorPriceWad.toString(),
    duration: curve.duration.toString(),
    halfLife: curve.halfLife.toString(),
    expiry: curve.expiry.toString(),
    fairRatioWad: curve.anchorWad.toString(),
  };
  move(ctx, w, r, { set: { state: "posting", post }, detail: { ...post, xWad: t.xWad.toString() } });
  return again;
}

/** Sends (or resumes) the recorded post; reads the order id from its receipt: → posted. */
export async function stepPosting(ctx: JobContext, w: DaemonWorld, _t: Tick, r: RollRecord): Promise<Step> {
  const { ref } = w;
  const post = r.post;
  if (post === undefined) {
    move(ctx, w, r, { set: { state: "planned" }, event: "replanned", detail: { why: "no terms" } });
    return again;
  }
  let sent: Awaited<ReturnType<typeof sendStep>>;
  try {
    sent = await sendStep(() =>
      ctx.sender.send(postRollAction(ref, { terms: post, from: r.from.pToken, to: r.to.pToken })),
    );
  } catch (error) {
    if (!(error instanceof SimulationRevertedError)) throw error;
    move(ctx, w, r, {
      set: { state: "planned", attempt: r.attempt + 1 },
      clear: ["post"],
      event: "replanned",
      detail: {
        why: "the post's simulation reverted",
        error: error.revert.reason,
        hint: error.revert.hint ?? null,
      },
    });
    return stop("waiting", "post simulation reverted");
  }
  if (!sent.ok) {
    if (sent.failed)
      move(ctx, w, r, {
        set: { state: "planned", attempt: r.attempt + 1 },
        clear: ["post"],
        event: "replanned",
        detail: { why: "the post failed on chain" },
      });
    return sent.step;
  }
  if (sent.out.status !== "confirmed") return stop("waiting", "post already done?");
  const posted = await postedOrder(ref, sent.out.hash);
  if (posted === undefined)
    throw new RollStateError({
      epoch: r.epoch,
      problem: `post ${post.key} confirmed without an AskPosted event`,
    });
  const orderId = posted.orderId.toString();
  const orders = r.orders.includes(orderId) ? r.orders : [...r.orders, orderId];
  move(ctx, w, r, {
    set: { state: "posted", orderId, orderBlock: posted.blockNumber.toString(), orders },
    event: "auction posted",
    detail: {
      orderId,
      hash: sent.out.hash,
      startPriceWad: post.startPriceWad,
      floorPriceWad: post.floorPriceWad,
    },
  });
  return again;
}

/** Watches the order: filled → filled; near the strike → escalated; expired → expired; else wait. */
export async function stepPosted(ctx: JobContext, w: DaemonWorld, t: Tick, r: RollRecord): Promise<Step> {
  const { ref } = w;
  const intent = r.post === undefined ? undefined : ctx.state.intent(r.post.key);
  if (intent?.status !== "confirmed" || r.orderId === undefined) {
    // The post left the chain (reorg, node restarted from an older state): wait for its re-broadcast.
    move(ctx, w, r, {
      set: { state: "posting" },
      clear: ["orderId", "orderBlock"],
      event: "post not on chain",
      detail: { status: intent?.status ?? "missing" },
    });
    return stop("acted", "post left the chain");
  }
  let orderId = BigInt(r.orderId);
  if (intent.blockNumber !== r.orderBlock) {
    const posted = await postedOrder(ref, intent.hash);
    if (posted === undefined) return stop("waiting", "post receipt unreadable");
    orderId = posted.orderId;
    r = move(ctx, w, r, {
      set: { orderId: orderId.toString(), orderBlock: posted.blockNumber.toString() },
      event: "post mined again",
      detail: { orderId: orderId.toString(), block: posted.blockNumber.toString() },
    });
  }
  const [order, remaining] = await Promise.all([
    readOrder(ref, orderId),
    remainingIn(ref, r.from.pToken, orderId),
  ]);
  if (remaining === 0n) {
    move(ctx, w, r, { set: { state: "filled", outcome: "auction" }, detail: { orderId: r.orderId ?? null } });
    return again;
  }
  const from = { strikeWad: BigInt(r.from.key.strikeWad), maturity: BigInt(r.from.key.maturity) };
  if (escalationDue(t, w.section, from)) return escalate(ctx, w, r, t);
  if (!order.open) {
    move(ctx, w, r, {
      set: { state: "planned", attempt: r.attempt + 1 },
      clear: ["post", "orderId", "orderBlock"],
      event: "order closed early",
      detail: { orderId: r.orderId ?? null, remaining: remaining.toString() },
    });
    return again;
  }
  if (order.expiry !== 0n && t.now >= order.expiry) {
    move(ctx, w, r, {
      set: { state: "expired", cancelKey: `cancel:${r.epoch}:${r.attempt}:${r.orderId}` },
      event: "auction expired",
      detail: { orderId: r.orderId ?? null, left: order.amount.toString() },
    });
    return again;
  }
  return stop("waiting");
}

/** Cancels the expired order (anyone may; the escrow comes back), then re-plans: → planned (next attempt). */
export async function stepExpired(ctx: JobContext, w: DaemonWorld, _t: Tick, r: RollRecord): Promise<Step> {
  if (r.orderId !== undefined && r.cancelKey !== undefined) {
    const cancelled = await sendStep(() =>
      ctx.sender.send(cancelAction(w.ref, r.cancelKey ?? "", BigInt(r.orderId ?? "0"))),
    );
    if (!cancelled.ok) return cancelled.step;
  }
  move(ctx, w, r, {
    set: { state: "planned", attempt: r.attempt + 1 },
    clear: ["post", "orderId", "orderBlock", "cancelKey"],
    event: "reposting",
    detail: { afterOrder: r.orderId ?? null },
  });
  return again;
}

/** Near the strike or maturity: give up on the auction → escalated (the atomic path cancels the order). */
export function escalate(ctx: JobContext, w: DaemonWorld, r: RollRecord, t: Tick): Step {
  const set: Partial<RollRecord> = { state: "escalated" };
  if (r.orderId !== undefined) set.cancelKey = `cancel:${r.epoch}:${r.attempt}:${r.orderId}`;
  move(ctx, w, r, {
    set,
    event: "escalated",
    detail: { xWad: t.xWad?.toString() ?? null, orderId: r.orderId ?? null },
  });
  return again;
}

/** Nothing of P_A is left at the start of an attempt: the earlier orders did the job. */
function toFilledOrBack(ctx: JobContext, w: DaemonWorld, r: RollRecord): Step {
  move(ctx, w, r, { set: { state: "filled", outcome: "auction" }, detail: { why: "no P_A left" } });
  return again;
}
