// The roll state machine. With no roll in progress the position is idle: the core roll planner is asked, with
// this epoch's private draws as its policy (policy.ts), whether to roll and into what; a roll is recorded with its
// target before anything is sent. With a
// roll in progress its current state's step runs, and the next, until one has to wait for the chain.

import { planRoll, SECONDS_PER_YEAR, seriesId } from "@pn/core";
import type { ItemResult, JobContext } from "../framework/job.ts";
import { stepEscalated, stepFilled } from "./atomic.ts";
import { stepExpired, stepPlanned, stepPosted, stepPosting } from "./auction.ts";
import { balanceOf, listCandidates, tokensOf } from "./chain.ts";
import { daemonRollPolicy, decide } from "./policy.ts";
import { type PositionRecord, type RollRecord, type RollState, toSeriesKey, toSeriesRef } from "./records.ts";
import { type DaemonWorld, move, type Step, type Tick } from "./transition.ts";

type StepFn = (ctx: JobContext, w: DaemonWorld, t: Tick, r: RollRecord) => Promise<Step>;

const STEPS: Record<Exclude<RollState, "done">, StepFn> = {
  planned: stepPlanned,
  posting: stepPosting,
  posted: stepPosted,
  expired: stepExpired,
  escalated: stepEscalated,
  filled: stepFilled,
};

/** Most transitions one tick makes (a roll needs at most five in a row; this only guards against a loop). */
const MAX_STEPS = 12;

/** One tick of the daemon for its position. */
export async function runMachine(ctx: JobContext, w: DaemonWorld, t: Tick): Promise<ItemResult> {
  for (let i = 0; i < MAX_STEPS; i++) {
    const position = w.view.position();
    if (position === undefined) return { outcome: "waiting", note: "no position" };
    const roll = w.view.roll(position.epoch);
    if (roll === undefined || roll.state === "done") {
      const started = await idle(ctx, w, t, position);
      if (started === undefined) return { outcome: "waiting" };
      continue;
    }
    const step = await STEPS[roll.state](ctx, w, t, roll);
    if ("result" in step) return step.result;
  }
  ctx.log.warn("the roll machine made many transitions in one tick; continuing next tick");
  return { outcome: "acted" };
}

/** Holding: decide whether to roll; when so, record the roll (and its target) and return it. */
async function idle(
  ctx: JobContext,
  w: DaemonWorld,
  t: Tick,
  position: PositionRecord,
): Promise<RollRecord | undefined> {
  const from = toSeriesKey(position.series);
  const seen = position.triggerSeenAt === undefined ? undefined : BigInt(position.triggerSeenAt);
  const policy = daemonRollPolicy(t.draws, w.section);
  const marks = { now: t.now, xWad: t.xWad, strikeWad: from.strikeWad, maturity: from.maturity };
  const decision = decide({ ...marks, triggerSeenAt: seen }, policy);
  const base = { epoch: position.epoch, xWad: t.xWad, strikeWad: from.strikeWad };
  if (decision.kind === "hold") {
    if (seen !== undefined) {
      const { triggerSeenAt: _cleared, ...rest } = position;
      w.view.save({ position: rest, event: { epoch: position.epoch, state: "trigger cleared" } });
      ctx.log.info("trigger cleared; holding", base);
    } else ctx.log.debug("holding", { ...base, daysLeft: daysLeft(from.maturity, t.now) });
    return undefined;
  }
  if (decision.kind === "delay") {
    if (seen === undefined) {
      w.view.save({
        position: { ...position, triggerSeenAt: t.now.toString() },
        event: { epoch: position.epoch, state: "triggered", detail: { reason: decision.reason } },
      });
      ctx.log.info("roll triggered; waiting a random delay", { ...base, reason: decision.reason });
    }
    return undefined;
  }
  if (t.xWad === undefined) {
    ctx.log.warn("a roll is due but no price is available to choose its target; waiting", base);
    return undefined;
  }
  const amount = await balanceOf(w.ref, position.series.pToken);
  if (amount === 0n) {
    ctx.log.warn("a roll is due but the account holds no P of the position's series", base);
    return undefined;
  }
  const plan = planRoll({
    policy,
    now: t.now,
    xWad: t.xWad,
    holding: { strikeWad: from.strikeWad, maturity: from.maturity, amount },
    triggerSeenAt: seen,
    sigma: w.section.volatility,
    listed: { candidates: await listCandidates(w.ref), from },
  });
  if (plan.kind !== "roll") return undefined;
  const found = plan.listed;
  let to = found === undefined ? undefined : toSeriesRef(found);
  if (to === undefined) {
    if (!w.section.policy.createSeries) {
      ctx.log.warn("a roll is due but no series qualifies and createSeries is off; waiting", base);
      return undefined;
    }
    const key = { ...from, ...plan.to };
    to = toSeriesRef({ id: seriesId(key), key, ...(await tokensOf(w.ref, key)) });
  }
  const roll: RollRecord = {
    epoch: position.epoch,
    state: "planned",
    reason: decision.reason,
    xWad: t.xWad.toString(),
    triggeredAt: t.now.toString(),
    from: position.series,
    to,
    ...(found === undefined ? { createKey: `create:${position.epoch}` } : {}),
    attempt: 1,
    orders: [],
    atomicAttempt: 0,
    amountIn: amount.toString(),
  };
  const detail = {
    reason: decision.reason,
    urgent: decision.urgent,
    xWad: t.xWad.toString(),
    from: position.series.id,
    to: to.id,
    toStrikeWad: to.key.strikeWad,
    toMaturity: to.key.maturity,
    create: found === undefined,
    amountIn: amount.toString(),
  };
  w.view.save({ roll, event: { epoch: roll.epoch, state: "decided", detail } });
  ctx.log.info("roll decided", { epoch: roll.epoch, ...detail });
  if (decision.urgent) return move(ctx, w, roll, { set: { state: "escalated" }, event: "escalated" });
  return roll;
}

function daysLeft(maturity: bigint, now: bigint): number {
  return maturity > now ? Math.round((Number(maturity - now) / SECONDS_PER_YEAR) * 3650) / 10 : 0;
}
