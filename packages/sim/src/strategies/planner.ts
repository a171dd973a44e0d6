// The pure roll planner: given what is held, the market now and a policy, what to do next. The engine, the
// keeper/daemon and the vault can all call it; it has no state and draws no randomness (pass the thresholds).

import { SECONDS_PER_DAY } from "../data/time.ts";
import type { RollPolicy, Thresholds } from "./policy.ts";

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

/** Decides the next action. Price trigger first (it is the urgent one), then time, then hold. */
export function planRoll(input: PlanInput): RollDecision {
  const { holding, marks, policy } = input;
  const current = input.thresholds ?? policyThresholds(policy);
  const next = input.next ?? current;
  const target = () => targetSeries({ x: marks.x, t: marks.t, policy, strikeFraction: next.strikeFraction });
  if (holding === undefined) return { action: "open", reason: "no-position", target: target() };
  if (marks.t >= holding.maturity) return { action: "roll", reason: "matured", target: target() };
  if (marks.x < current.triggerMultiple * holding.strike) {
    return { action: "roll", reason: "price-trigger", target: target() };
  }
  if (holding.maturity - marks.t < current.rollLeadDays * SECONDS_PER_DAY) {
    return { action: "roll", reason: "time-trigger", target: target() };
  }
  return { action: "hold" };
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
  const strike = roundDownSignificant(
    x * (params.strikeFraction ?? policy.strikeFraction),
    policy.strikeSigFigs ?? 3,
  );
  const hour = (policy.maturityHourUtc ?? 8) * 3600;
  const earliest = t + policy.tenorDays * SECONDS_PER_DAY;
  const maturity = Math.ceil((earliest - hour) / SECONDS_PER_DAY) * SECONDS_PER_DAY + hour;
  return { strike, maturity };
}

/** Rounds a positive value down to `digits` significant figures (1234.5, 3 → 1230). */
export function roundDownSignificant(value: number, digits: number): number {
  if (!(value > 0)) return value;
  const step = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  const rounded = Math.floor(value / step + 1e-9) * step;
  return Number(rounded.toPrecision(digits));
}
