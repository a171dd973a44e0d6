// The vault's roll plan, `VaultBase._plan` / `previewTrigger(hintWad, refTimestamp)`, on the planner's rules: the
// same gates in the same order (phase, matured, schedule before signal, rate limit, reference), then the target,
// amount and curve from `vaultRollPolicy(rules)`. A refusal is a VaultRollError naming the vault's custom error.

import { rollCurve } from "./curve.ts";
import { VaultRollError, type VaultRollErrorName } from "./errors.ts";
import { rollAmount, targetSeries } from "./plan.ts";
import { type RollPolicy, type VaultRollRules, vaultRollPolicy } from "./policy.ts";
import { targetStrikeWad } from "./target.ts";
import { scheduledAt, signalAllowedAt, signalBelowWad } from "./trigger.ts";

/** `IPNVaultBase.RollReason`. */
export const VAULT_ROLL_REASON = { None: 0, Scheduled: 1, Signal: 2 } as const;
/** `IPNVaultBase.Phase` names by value, in the enum's order: `VAULT_PHASES[state.phase]`. */
export const VAULT_PHASES = ["Holding", "Rolling", "Legacy", "Selling", "Stranded"] as const;
export type VaultPhase = (typeof VAULT_PHASES)[number];
/** `IPNVaultBase.Phase` values by name: the index of each name in `VAULT_PHASES`. */
export const VAULT_PHASE = { Holding: 0, Rolling: 1, Legacy: 2, Selling: 3, Stranded: 4 } as const;
/** Fails to typecheck unless `VAULT_PHASE` and `VAULT_PHASES` agree, name for name. */
export type VaultPhaseCheck = Assert<
  { [K in VaultPhase]: (typeof VAULT_PHASES)[(typeof VAULT_PHASE)[K]] extends K ? true : false }[VaultPhase]
>;
type Assert<T extends true> = T;
/** `IPNVaultBase.Phase.Holding`; every other phase refuses a roll. */
export const VAULT_PHASE_HOLDING = VAULT_PHASE.Holding;

/** The stored state fields `_plan` reads (`IPNVaultBase.State`). */
export type VaultRollState = { strikeWad: bigint; maturity: bigint; lastRollAt: bigint; phase: number };

/** `IPNVaultBase.Plan`. */
export type VaultPlan = {
  reason: number;
  strikeWad: bigint;
  maturity: bigint;
  amount: bigint;
  reward: bigint;
  startPriceWad: bigint;
  floorPriceWad: bigint;
  deadline: bigint;
};

export type PreviewTriggerInput = {
  rules: VaultRollRules;
  state: VaultRollState;
  /** P of the current series the vault holds. */
  held: bigint;
  hintWad: bigint;
  refTimestamp: bigint;
  /** The oracle's `finalValue(indexId, refTimestamp)`, when `refTimestamp != 0`. */
  reference?: { isFinal: boolean; xWad: bigint };
  /** block.timestamp. */
  now: bigint;
};

const refuse = (errorName: VaultRollErrorName, ...args: bigint[]) => ({
  error: new VaultRollError({ errorName, args }),
});

/** What `triggerRoll(hintWad, refTimestamp)` does at `now`, or the error it reverts with. */
export function previewTrigger(p: PreviewTriggerInput): { plan: VaultPlan } | { error: VaultRollError } {
  const { state: s, rules: r, now, hintWad } = p;
  const policy = vaultRollPolicy(r);
  if (s.phase !== VAULT_PHASE_HOLDING) return refuse("NotHolding", BigInt(s.phase));
  if (now >= s.maturity) return refuse("SeriesMatured", s.maturity, now);
  const scheduleAt = scheduledAt(s.maturity, r.rollLead);
  const signalBelow = signalBelowWad(s.strikeWad, policy.trigger.triggerWad);
  const allowedAt = signalAllowedAt(s.lastRollAt, r.minRollInterval);
  const scheduled = now >= scheduleAt;
  if (!scheduled) {
    if (hintWad === 0n || hintWad >= signalBelow)
      return refuse("RollNotDue", scheduleAt, signalBelow, hintWad);
    if (now < allowedAt) return refuse("RollRateLimited", allowedAt);
  }
  const next = nextStrike({ ...p, scheduled, policy });
  if ("error" in next) return next;
  const from = { strikeWad: s.strikeWad, maturity: s.maturity };
  const to = {
    strikeWad: next.strikeWad,
    maturity: targetSeries({ now, xWad: undefined, from, policy }).maturity,
  };
  const { amount, reward } = rollAmount(p.held, policy.reward);
  const curve = rollCurve({ from, to, now, rule: policy.auction });
  return {
    plan: {
      reason: scheduled ? VAULT_ROLL_REASON.Scheduled : VAULT_ROLL_REASON.Signal,
      ...to,
      amount,
      reward,
      startPriceWad: curve.startPriceWad,
      floorPriceWad: curve.floorPriceWad,
      deadline: curve.expiry,
    },
  };
}

/** `_nextStrike`: the hint lowers the strike; a final reference on a scheduled roll sets it to k · min(x, hint). */
function nextStrike(
  p: PreviewTriggerInput & { scheduled: boolean; policy: RollPolicy },
): { strikeWad: bigint } | { error: VaultRollError } {
  const { state: s, rules: r, now, hintWad, refTimestamp, policy } = p;
  const hint = hintWad === 0n ? undefined : hintWad;
  if (refTimestamp === 0n) {
    return { strikeWad: targetStrikeWad({ xWad: hint, strikeWad: s.strikeWad, rule: policy.strike }) };
  }
  if (!p.scheduled || r.maxRefAge === 0n) return refuse("ReferenceNotAllowed", refTimestamp);
  if (refTimestamp >= now || now - refTimestamp > r.maxRefAge) {
    return refuse("ReferenceTooOld", refTimestamp, now, r.maxRefAge);
  }
  const x = p.reference?.xWad ?? 0n;
  if (p.reference?.isFinal !== true || x === 0n || x >= 1n << 128n)
    return refuse("ReferenceNotFinal", refTimestamp);
  const price = hint === undefined || x < hint ? x : hint;
  const rule = { ...policy.strike, lowerOnly: false };
  // `_strikeFor(price)` then the floor: targetStrikeWad with the cap lifted is exactly that.
  return { strikeWad: targetStrikeWad({ xWad: price, strikeWad: s.strikeWad, rule }) };
}
