// The roll planner: given the holding, the market now and a policy, the next action. Hold, wait out the delay
// after a trigger, or roll: from the held series to a target (a listed candidate close to the aim, or a new key on
// the grids), the amount (holdings minus the caller's reward, if the policy pays one), the auction curve and the
// limit (the least P_B accepted: at the anchor for an urgent atomic roll, else at the floor).

import type { SeriesKey } from "../series.ts";
import { amountOutAtRatio, type RollCurve, rollCurve } from "./curve.ts";
import { RollPriceRequiredError } from "./errors.ts";
import type { RewardRule, RollPolicy } from "./policy.ts";
import {
  closestListedSeries,
  type ListedSeries,
  rollAim,
  type SeriesTarget,
  targetMaturity,
  targetStrikeWad,
} from "./target.ts";
import { decideRoll, type RollReason } from "./trigger.ts";
import { reward } from "./vaultMath.ts";

/** The held position: its series and how much P of it is rolled. */
export type RollHolding = SeriesTarget & { amount: bigint };

/** The amount rolled and the caller's reward, taken from the holdings (rounded down, as the vault does). */
export function rollAmount(held: bigint, rule: RewardRule | undefined): { amount: bigint; reward: bigint } {
  const paid = rule === undefined ? 0n : reward(held, rule.rewardBps, rule.rewardCap);
  return { amount: held - paid, reward: paid };
}

/** The series a roll goes into: on the grids, from index value `xWad` (see `targetStrikeWad`). */
export function targetSeries(p: {
  now: bigint;
  xWad: bigint | undefined;
  from: SeriesTarget;
  policy: Pick<RollPolicy, "strike" | "maturity">;
}): SeriesTarget {
  return {
    strikeWad: targetStrikeWad({ xWad: p.xWad, strikeWad: p.from.strikeWad, rule: p.policy.strike }),
    maturity: targetMaturity({ now: p.now, maturity: p.from.maturity, rule: p.policy.maturity }),
  };
}

export type PlanRollInput<C extends ListedSeries> = {
  policy: RollPolicy;
  now: bigint;
  xWad: bigint | undefined;
  holding: RollHolding;
  /** When the current trigger was first seen, if it was (for the delay). */
  triggerSeenAt?: bigint | undefined;
  lastRollAt?: bigint | undefined;
  /** Black-76 volatility, for a fair-ratio anchor. */
  sigma?: number | undefined;
  /** Listed series to prefer over a new key (`policy.listing`), with the held series' full key. */
  listed?: { candidates: readonly C[]; from: SeriesKey } | undefined;
};

export type RollPlan<C extends ListedSeries> = {
  kind: "roll";
  reason: RollReason;
  urgent: boolean;
  from: SeriesTarget;
  to: SeriesTarget;
  /** The listed series chosen, if one was (else `to` is a new key). */
  listed: C | undefined;
  amount: bigint;
  reward: bigint;
  /** Least P_B accepted for `amount`. */
  limit: bigint;
  curve: RollCurve;
};

export type PlanRollResult<C extends ListedSeries> =
  | { kind: "hold" }
  | { kind: "delay"; reason: RollReason; until: bigint }
  | RollPlan<C>;

/** The next action for `holding` under `policy`. */
export function planRoll<C extends ListedSeries>(input: PlanRollInput<C>): PlanRollResult<C> {
  const { policy, now, xWad, holding } = input;
  const decision = decideRoll(
    { now, xWad, strikeWad: holding.strikeWad, maturity: holding.maturity, ...optional(input) },
    policy,
  );
  if (decision.kind !== "roll") return decision;
  if (xWad === undefined && policy.strike.lowerOnly !== true) {
    throw new RollPriceRequiredError({ what: "the target strike" });
  }
  const from = { strikeWad: holding.strikeWad, maturity: holding.maturity };
  const listed = chooseListed(input, from);
  const to = listed?.key ?? targetSeries({ now, xWad, from, policy });
  const { amount, reward } = rollAmount(holding.amount, policy.reward);
  const curve = rollCurve({ from, to, now, rule: policy.auction, xWad, sigma: input.sigma });
  const limit = amountOutAtRatio(amount, decision.urgent ? curve.anchorWad : curve.floorPriceWad);
  const target = { strikeWad: to.strikeWad, maturity: to.maturity };
  return { ...decision, from, to: target, listed, amount, reward, limit, curve };
}

function optional<C extends ListedSeries>(input: PlanRollInput<C>) {
  return {
    ...(input.triggerSeenAt === undefined ? {} : { triggerSeenAt: input.triggerSeenAt }),
    ...(input.lastRollAt === undefined ? {} : { lastRollAt: input.lastRollAt }),
  };
}

function chooseListed<C extends ListedSeries>(input: PlanRollInput<C>, from: SeriesTarget): C | undefined {
  const { policy, listed, xWad, now } = input;
  if (listed === undefined || policy.listing === undefined || xWad === undefined) return undefined;
  const aim = rollAim({ now, xWad, strike: policy.strike, maturity: policy.maturity });
  return closestListedSeries(listed.candidates, {
    from: { ...listed.from, maturity: from.maturity },
    now,
    aim,
    tenorSeconds: policy.maturity.tenorSeconds,
    listing: policy.listing,
  });
}
