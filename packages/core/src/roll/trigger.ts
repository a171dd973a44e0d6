// When to roll. Three rules, checked in this order: the held series has matured; the price trigger
// x < trigger · S (the urgent one; optionally at most once per minRollInterval); the schedule, from maturity − lead
// on. The same levels at the escalation thresholds make a roll urgent. A non-urgent roll may wait a delay after the
// trigger is first seen. `rollReasonFloat` is the same rules on numbers, for the simulator's per-step loop.

import { WAD } from "../constants.ts";
import type { RollPolicy, TriggerLevels } from "./policy.ts";

export type RollReason = "matured" | "price" | "schedule";

/** The price below which a price-triggered roll is due: `strike * trigger / 1e18`, rounded down (the vault's). */
export function signalBelowWad(strikeWad: bigint, triggerWad: bigint): bigint {
  return (strikeWad * triggerWad) / WAD;
}

/** When the scheduled roll opens: `maturity - lead`. */
export function scheduledAt(maturity: bigint, leadSeconds: bigint): bigint {
  return maturity - leadSeconds;
}

/** From when a price-triggered roll is allowed: `lastRollAt + minRollInterval` (0 before the first roll). */
export function signalAllowedAt(lastRollAt: bigint, minRollIntervalSeconds: bigint): bigint {
  return lastRollAt === 0n ? 0n : lastRollAt + minRollIntervalSeconds;
}

export type TriggerInput = {
  now: bigint;
  /** The index value, or undefined when none is known (then only time can trigger). */
  xWad: bigint | undefined;
  strikeWad: bigint;
  maturity: bigint;
  /** When the previous roll started (0 or undefined: never). */
  lastRollAt?: bigint;
};

/** Why a roll is due at these levels, or undefined. */
export function rollReason(
  p: TriggerInput,
  levels: TriggerLevels,
  minRollIntervalSeconds = 0n,
): RollReason | undefined {
  if (p.now >= p.maturity) return "matured";
  const allowed = p.now >= signalAllowedAt(p.lastRollAt ?? 0n, minRollIntervalSeconds);
  if (p.xWad !== undefined && p.xWad < signalBelowWad(p.strikeWad, levels.triggerWad) && allowed)
    return "price";
  if (p.now >= scheduledAt(p.maturity, levels.leadSeconds)) return "schedule";
  return undefined;
}

/** Past the escalation levels (the price close to the strike, or maturity imminent): act at once, atomically. */
export function isUrgent(p: TriggerInput, policy: Pick<RollPolicy, "escalation">): boolean {
  return policy.escalation !== undefined && rollReason(p, policy.escalation) !== undefined;
}

export type RollDecision =
  | { kind: "hold" }
  /** Triggered; act at `until` (the delay after the trigger was first seen). */
  | { kind: "delay"; reason: RollReason; until: bigint }
  /** Roll now; `urgent` skips the patient auction. */
  | { kind: "roll"; reason: RollReason; urgent: boolean };

/** Whether to roll now, wait, or hold. `triggerSeenAt`: when this trigger was first seen, if it was. */
export function decideRoll(
  p: TriggerInput & { triggerSeenAt?: bigint | undefined },
  policy: Pick<RollPolicy, "trigger" | "escalation" | "minRollIntervalSeconds" | "delaySeconds">,
): RollDecision {
  const reason = rollReason(p, policy.trigger, policy.minRollIntervalSeconds);
  if (reason === undefined) return { kind: "hold" };
  if (isUrgent(p, policy)) return { kind: "roll", reason, urgent: true };
  const until = (p.triggerSeenAt ?? p.now) + (policy.delaySeconds ?? 0n);
  if (p.now < until) return { kind: "delay", reason, until };
  return { kind: "roll", reason, urgent: false };
}

/** `rollReason` on numbers (index units, seconds): the simulator's per-step form of the same three rules. */
export function rollReasonFloat(
  p: { now: number; x: number; strike: number; maturity: number },
  levels: { triggerMultiple: number; leadSeconds: number },
): RollReason | undefined {
  if (p.now >= p.maturity) return "matured";
  if (p.x < levels.triggerMultiple * p.strike) return "price";
  if (p.now >= p.maturity - levels.leadSeconds) return "schedule";
  return undefined;
}
