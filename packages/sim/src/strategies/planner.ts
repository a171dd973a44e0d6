// The simulator's view of the roll planner (@pn/core, docs/planner.md): the policy's thresholds in index units
// and days, checked with the core's float rules every step. Nothing here decides on its own: `planRoll` maps the
// core's reason to the simulator's labels and `targetSeries` the policy to the core's grids.

import { type RollReason as CoreRollReason, rollReasonFloat, targetSeriesFloat } from "@pn/core";
import { SECONDS_PER_DAY } from "../data/time.ts";
import type { RollPolicy, Thresholds } from "./policy.ts";

export { roundDownSignificant } from "@pn/core";

/** A held P position: `quantity` P tokens of the series (strike, maturity). */
export type Holding = { strike: number; maturity: number; quantity: number };

/** The market at the time of the check. */
export type Marks = { t: number; x: number; sigma: number };

/** The series to move into. */
export type SeriesTarget = { strike: number; maturity: number };

export type RollReason = "no-position" | "price-trigger" | "time-trigger" | "matured";

export type RollDecision =
  | { action: "hold" }
  | { action: "open" | "roll"; reason: RollReason; target: SeriesTarget };

export type PlanInput = {
  holding: Holding | undefined;
  marks: Marks;
  policy: RollPolicy;
  /** Thresholds in force for the held series (default: the policy's own). */
  thresholds?: Thresholds;
  /** Thresholds to use for the next series' strike (default: `thresholds`). */
  next?: Thresholds;
};

const REASONS: Record<CoreRollReason, RollReason> = {
  matured: "matured",
  price: "price-trigger",
  schedule: "time-trigger",
};

/** Decides the next action: the core's rules (matured, then the price trigger, then the schedule), else hold. */
export function planRoll(input: PlanInput): RollDecision {
  const { holding, marks, policy } = input;
  const current = input.thresholds ?? policyThresholds(policy);
  const next = input.next ?? current;
  const target = () => targetSeries({ x: marks.x, t: marks.t, policy, strikeFraction: next.strikeFraction });
  if (holding === undefined) return { action: "open", reason: "no-position", target: target() };
  const reason = rollReasonFloat(
    { now: marks.t, x: marks.x, strike: holding.strike, maturity: holding.maturity },
    { triggerMultiple: current.triggerMultiple, leadSeconds: leadSeconds(current.rollLeadDays) },
  );
  return reason === undefined
    ? { action: "hold" }
    : { action: "roll", reason: REASONS[reason], target: target() };
}

/**
 * A policy rolls with fewer than `rollLeadDays` left; the core's schedule opens at `maturity − lead` inclusive.
 * On whole-second times the two agree with the largest whole-second lead below the policy's.
 */
export function leadSeconds(rollLeadDays: number): number {
  return Math.ceil(rollLeadDays * SECONDS_PER_DAY) - 1;
}

export function policyThresholds(policy: RollPolicy): Thresholds {
  return {
    triggerMultiple: policy.triggerMultiple,
    rollLeadDays: policy.rollLeadDays,
    strikeFraction: policy.strikeFraction,
    delaySeconds: 0,
  };
}

/** The series a roll at (t, x) buys: strike on the listed grid, maturity at the listing hour after the tenor. */
export function targetSeries(params: {
  x: number;
  t: number;
  policy: RollPolicy;
  strikeFraction?: number;
}): SeriesTarget {
  const { x, t, policy } = params;
  return targetSeriesFloat({
    now: t,
    x,
    strikeFraction: params.strikeFraction ?? policy.strikeFraction,
    sigFigs: policy.strikeSigFigs ?? 3,
    tenorSeconds: policy.tenorDays * SECONDS_PER_DAY,
    grid: { origin: (policy.maturityHourUtc ?? 8) * 3600, period: SECONDS_PER_DAY },
  });
}
