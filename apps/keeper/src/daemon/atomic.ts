// The end of a roll. Escalated: cancel the auction's order, then roll what is left at once through the
// RollRouter at the best resting orders, with a slippage limit (`roll:<epoch>:<n>`; a failed attempt gets the
// next n). Filled: once nothing of P_A is left and that is `confirmations` blocks deep, the roll is done and the
// position moves to B — both in one database transaction.

import { amountOutAtRatio, fairRatioWad } from "@pn/core";
import { InsufficientBookError, planRoll } from "@pn/sdk";
import { SimulationRevertedError } from "../framework/errors.ts";
import type { JobContext } from "../framework/job.ts";
import { isInFlight } from "../framework/reconcile.ts";
import {
  approveAction,
  atomicRollAction,
  balanceOf,
  cancelAction,
  createSeriesAction,
  readOrder,
  remainingIn,
  rolledAmounts,
} from "./chain.ts";
import { type RollRecord, toSeriesKey } from "./records.ts";
import { again, type DaemonWorld, move, type Step, sendStep, stop, type Tick } from "./transition.ts";

/** This roll's transactions still in flight (reconciliation settles them; the roll waits). */
function inFlight(ctx: JobContext, r: RollRecord): string[] {
  return [r.post?.key, r.cancelKey, r.atomicKey].filter((key): key is string => {
    const intent = key === undefined ? undefined : ctx.state.intent(key);
    return intent !== undefined && isInFlight(intent);
  });
}

export async function stepEscalated(ctx: JobContext, w: DaemonWorld, t: Tick, r: RollRecord): Promise<Step> {
  const { ref, section } = w;
  const pending = inFlight(ctx, r);
  if (pending.length > 0) return stop("acted", `waiting for ${pending.join(", ")}`);
  if (r.createKey !== undefined) {
    const created = await sendStep(() =>
      ctx.sender.send(createSeriesAction(ref, r.epoch, toSeriesKey(r.to))),
    );
    if (!created.ok) return created.step;
  }
  if (r.orderId !== undefined && (await readOrder(ref, BigInt(r.orderId))).open) {
    const key = r.cancelKey ?? `cancel:${r.epoch}:${r.attempt}:${r.orderId}`;
    const cancelled = await sendStep(() => ctx.sender.send(cancelAction(ref, key, BigInt(r.orderId ?? "0"))));
    if (!cancelled.ok) return cancelled.step;
  }
  if (r.atomicKey !== undefined) {
    const intent = ctx.state.intent(r.atomicKey);
    if (intent?.status === "confirmed") {
      const rolled = await rolledAmounts(ref, intent.hash);
      move(ctx, w, r, {
        set: {
          state: "filled",
          outcome: r.orders.length > 0 ? "mixed" : "atomic",
          ...(rolled === undefined ? {} : { amountOut: rolled.amountOut.toString() }),
        },
        event: "atomic roll landed",
        detail: { key: r.atomicKey, hash: intent.hash, refund: rolled?.refund.toString() ?? null },
      });
      return again;
    }
    if (intent !== undefined) {
      move(ctx, w, r, {
        set: { atomicAttempt: r.atomicAttempt },
        clear: ["atomicKey"],
        event: "atomic roll failed",
        detail: { key: r.atomicKey, status: intent.status },
      });
      return stop("acted", "atomic roll failed; planning again next tick");
    }
  }
  const amountIn = await balanceOf(ref, r.from.pToken);
  if (amountIn === 0n) {
    move(ctx, w, r, { set: { state: "filled", outcome: "auction" }, detail: { why: "no P_A left" } });
    return again;
  }
  if (t.xWad === undefined) return stop("waiting", "no price to size the atomic roll");
  const approved = await sendStep(() => ctx.sender.send(approveAction(ref, r.from.pToken, ref.router)));
  if (!approved.ok) return approved.step;
  const from = toSeriesKey(r.from);
  const to = toSeriesKey(r.to);
  const ratio = fairRatioWad({ from, to, xWad: t.xWad, now: t.now, sigma: section.volatility });
  let plan: Awaited<ReturnType<typeof planRoll>>;
  try {
    plan = await planRoll(ref.client, {
      market: ref.market,
      core: ref.core,
      from,
      to,
      side: "P",
      amountIn,
      amountOut: amountOutAtRatio(amountIn, ratio),
      slippageBps: section.escalation.slippageBps,
      bufferSurplusBps: section.escalation.bufferSurplusBps,
      validForSeconds: BigInt(section.escalation.validForSeconds),
      maxOrders: section.escalation.maxOrders,
      fromBlock: ref.fromBlock,
    });
  } catch (error) {
    if (!(error instanceof InsufficientBookError)) throw error;
    ctx.log.warn("the book is too thin for the atomic roll; trying again next tick", {
      token: error.token,
      missing: error.missing,
    });
    return stop("waiting", "book too thin");
  }
  if (r.atomicKey === undefined) {
    const n = r.atomicAttempt + 1;
    r = move(ctx, w, r, {
      set: { atomicKey: `roll:${r.epoch}:${n}`, atomicAttempt: n },
      event: "atomic roll planned",
      detail: {
        amountIn: plan.amountIn.toString(),
        amountOut: plan.amountOut.toString(),
        collateralIn: plan.collateralIn.toString(),
        minRefund: plan.minRefund.toString(),
        netCost: plan.netCost.toString(),
        asks: plan.asks.map(String),
        bids: plan.bids.map(String),
      },
    });
  }
  const key = r.atomicKey ?? "";
  try {
    const sent = await sendStep(() => ctx.sender.send(atomicRollAction(ref, key, plan)));
    return sent.ok ? again : sent.failed ? again : sent.step;
  } catch (error) {
    if (!(error instanceof SimulationRevertedError)) throw error;
    return stop("waiting", `atomic roll simulation reverted: ${error.revert.reason}`);
  }
}

/** Nothing of P_A is left: once that is `confirmations` deep, the roll is done and the position moves to B. */
export async function stepFilled(ctx: JobContext, w: DaemonWorld, t: Tick, r: RollRecord): Promise<Step> {
  const { ref } = w;
  const pending = inFlight(ctx, r);
  if (pending.length > 0) return stop("acted", `waiting for ${pending.join(", ")}`);
  const orderId = r.orderId === undefined ? undefined : BigInt(r.orderId);
  const now = await remainingIn(ref, r.from.pToken, orderId);
  if (now > 0n) {
    const open = orderId !== undefined && (await readOrder(ref, orderId)).open;
    move(ctx, w, r, {
      ...(open
        ? { set: { state: "posted" } }
        : {
            set: { state: r.atomicKey === undefined ? "planned" : "escalated", attempt: r.attempt + 1 },
            clear: ["post", "orderId", "orderBlock", "cancelKey", "outcome"] as const,
          }),
      event: "P_A is back",
      detail: { remaining: now.toString() },
    });
    return stop("acted", "P_A is back (reorg?)");
  }
  const depth = BigInt(w.section.confirmations);
  if (depth > 0n) {
    const safe = t.head > depth ? t.head - depth : 0n;
    if ((await remainingIn(ref, r.from.pToken, orderId, safe)) > 0n)
      return stop("waiting", `waiting for ${depth} confirmations`);
  }
  const heldB = await balanceOf(ref, r.to.pToken);
  const position = { epoch: r.epoch + 1, series: r.to, since: new Date().toISOString() };
  move(ctx, w, r, {
    set: { state: "done", doneAt: t.now.toString(), amountOut: r.amountOut ?? heldB.toString() },
    event: "done",
    detail: { outcome: r.outcome ?? null, series: r.to.id, heldB: heldB.toString(), orders: r.orders },
    position,
  });
  return stop("acted", "roll done");
}
