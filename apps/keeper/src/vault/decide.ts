// What the vault's roll keeper does about one vault, as a pure function of what it read: close a finished
// auction, re-enter after a settlement, or start a roll (scheduled, or on the hint's signal; with a slow-oracle
// reference when that raises the strike as the rules allow), optionally only when the reward pays for the gas;
// otherwise how long nothing can change. A scheduled roll waits a while for a reference that is not final yet. The job (job.ts) reads, calls this, and acts.

import { VAULT_PHASE, VAULT_ROLL_REASON } from "@pn/core";

/** The vault as read at one block. */
export type VaultView = {
  /** The chain's clock. */
  now: bigint;
  phase: number;
  strikeWad: bigint;
  maturity: bigint;
  secondMaturity: bigint;
  /** The open auction's order, 0 if none. */
  orderId: bigint;
  deadline: bigint;
  /** P of the current series, and the second asset (escrowed or held): upper bounds of the collateral, in wei. */
  curAmount: bigint;
  secondAmount: bigint;
  canClose: boolean;
  canReenter: boolean;
  nextRoll: { scheduledAt: bigint; signalBelowWad: bigint; signalAllowedAt: bigint };
};

/** `previewTrigger` as read: the plan, or the decoded revert. */
export type TriggerPreview =
  | { ok: true; reason: number; strikeWad: bigint; maturity: bigint; amount: bigint; reward: bigint }
  | { ok: false; errorName: string | undefined; errorArgs: readonly unknown[] };

/** The rules' reward terms (`min(amount × rewardBps / 1e4, rewardCap)`). */
export type RewardTerms = { rewardBps: bigint; rewardCap: bigint };

export type Profitability = {
  minRatio: number;
  alwaysClose: boolean;
  /** Estimated gas cost of each call, in wei (undefined: not estimated, the call is sent). */
  gasCostWei: { close?: bigint; reenter?: bigint; trigger?: bigint };
};

export type DecideInput = {
  view: VaultView;
  /** The keeper's index price (0: none fresh). */
  hintWad: bigint;
  /** `previewTrigger(hintWad, 0)`. */
  trigger: TriggerPreview;
  /** The latest candidate reference within `maxRefAge`, and `previewTrigger(hintWad, refTimestamp)`. */
  reference?: { refTimestamp: bigint; preview: TriggerPreview };
  /** From the scheduled roll's opening, how long a reference not yet final is waited for (0: never). */
  referenceWaitSeconds: bigint;
  reward: RewardTerms;
  /** Only with the profitability check on. */
  profitability?: Profitability;
  maxRestSeconds: bigint;
};

export type Decision =
  | { kind: "close"; orderId: bigint }
  | { kind: "reenter"; rewardWei: bigint }
  | {
      kind: "trigger";
      hintWad: bigint;
      refTimestamp: bigint;
      reason: "scheduled" | "signal";
      strikeWad: bigint;
      maturity: bigint;
      amount: bigint;
      reward: bigint;
    }
  /** Nothing to do: look again in `restSeconds` (chain time until the next known event, capped). */
  | { kind: "wait"; reason: string; restSeconds: bigint };

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** The reward of a call moving `amount` (P or WETH wei). */
export function rewardOf(amount: bigint, terms: RewardTerms): bigint {
  return min((amount * terms.rewardBps) / 10_000n, terms.rewardCap);
}

/** Value in wei of `reward` P at strike S when the index is at `hintWad` (P pays min(1, S/x) ETH; 1 without x). */
export function pValueWei(reward: bigint, strikeWad: bigint, hintWad: bigint): bigint {
  if (hintWad === 0n || strikeWad >= hintWad) return reward;
  return (reward * strikeWad) / hintWad;
}

/** False when the check is on and the reward is worth less than `minRatio` × the gas. */
export function pays(rewardWei: bigint, gasCostWei: bigint | undefined, minRatio: number): boolean {
  if (gasCostWei === undefined) return true;
  // minRatio in millionths, so the comparison stays in integers.
  return rewardWei * 1_000_000n >= gasCostWei * BigInt(Math.round(minRatio * 1_000_000));
}

/** Seconds from now until the next instant the vault's options change on their own (capped by maxRest). */
export function restFor(view: VaultView, maxRestSeconds: bigint): bigint {
  const { now } = view;
  const events: bigint[] = [];
  if (view.orderId !== 0n) events.push(view.deadline);
  if (view.phase === VAULT_PHASE.Holding) {
    events.push(view.nextRoll.scheduledAt);
    if (view.nextRoll.signalAllowedAt > now) events.push(view.nextRoll.signalAllowedAt);
  }
  if (view.phase === VAULT_PHASE.Legacy) events.push(view.secondMaturity);
  events.push(view.maturity);
  let rest = maxRestSeconds;
  for (const at of events) if (at > now && at - now < rest) rest = at - now;
  return rest;
}

function chooseTrigger(input: DecideInput): Decision | undefined {
  const { trigger, reference } = input;
  // A reference is worth passing only when the roll it allows raises the strike above the plain one.
  const raises =
    reference?.preview.ok === true && (!trigger.ok || reference.preview.strikeWad > trigger.strikeWad);
  const withRef = raises ? reference : undefined;
  const preview = withRef?.preview ?? trigger;
  if (!preview.ok) return undefined;
  return {
    kind: "trigger",
    hintWad: input.hintWad,
    refTimestamp: withRef?.refTimestamp ?? 0n,
    reason: preview.reason === VAULT_ROLL_REASON.Signal ? "signal" : "scheduled",
    strikeWad: preview.strikeWad,
    maturity: preview.maturity,
    amount: preview.amount,
    reward: preview.reward,
  };
}

/**
 * A scheduled roll is not urgent: while the candidate reference (which may raise the strike) is not final yet, wait
 * for it up to `referenceWaitSeconds` after the roll opened.
 */
function referencePending(input: DecideInput, reason: string, refTimestamp: bigint): boolean {
  const ref = input.reference;
  if (input.referenceWaitSeconds === 0n || ref === undefined || refTimestamp !== 0n) return false;
  if (reason !== "scheduled" || ref.preview.ok) return false;
  // Not final yet, or not yet past (the vault takes only a reference before now): both become usable.
  const upcoming = ref.preview.errorName === "ReferenceTooOld" && ref.refTimestamp >= input.view.now;
  if (ref.preview.errorName !== "ReferenceNotFinal" && !upcoming) return false;
  return input.view.now < input.view.nextRoll.scheduledAt + input.referenceWaitSeconds;
}

/** Why a trigger is not possible now, from the preview's revert. */
function whyNot(preview: TriggerPreview): string {
  if (preview.ok) return "roll allowed";
  return `${preview.errorName ?? "roll not allowed"}(${preview.errorArgs.map(String).join(", ")})`;
}

/**
 * The next step for one vault: `closeAuction` when its auction is filled or past its deadline, `reenter` when a
 * held series matured and settles, `triggerRoll` when a roll is allowed (preferring a reference that raises the
 * strike), each only if it pays for its gas when the profitability check is on; otherwise wait.
 */
export function decide(input: DecideInput): Decision {
  const { view, profitability: prof } = input;
  const rest = restFor(view, input.maxRestSeconds);
  if (view.canClose) {
    if (prof === undefined || prof.alwaysClose || pays(0n, prof.gasCostWei.close, prof.minRatio))
      return { kind: "close", orderId: view.orderId };
    return { kind: "wait", reason: "closeAuction pays no reward and the gas check is on", restSeconds: rest };
  }
  if (view.canReenter) {
    // The WETH re-entered is at most the units the vault holds (each P or N pays at most 1 collateral unit).
    const rewardWei = rewardOf(view.curAmount + view.secondAmount, input.reward);
    if (prof === undefined || pays(rewardWei, prof.gasCostWei.reenter, prof.minRatio))
      return { kind: "reenter", rewardWei };
    return { kind: "wait", reason: "reenter's reward does not pay for its gas", restSeconds: rest };
  }
  const trigger = chooseTrigger(input);
  if (trigger?.kind === "trigger" && referencePending(input, trigger.reason, trigger.refTimestamp)) {
    const until = view.nextRoll.scheduledAt + input.referenceWaitSeconds - view.now;
    return {
      kind: "wait",
      reason: "waiting for the oracle reference to become final",
      restSeconds: min(until, rest),
    };
  }
  if (trigger?.kind === "trigger") {
    const rewardWei = pValueWei(trigger.reward, view.strikeWad, input.hintWad);
    if (prof === undefined || pays(rewardWei, prof.gasCostWei.trigger, prof.minRatio)) return trigger;
    return { kind: "wait", reason: "triggerRoll's reward does not pay for its gas", restSeconds: rest };
  }
  return { kind: "wait", reason: whyNot(input.trigger), restSeconds: rest };
}
