// Roll policies as plain data, so they can cross worker threads and land in JSON reports. A policy says which
// series to buy (strike as a fraction of the index, tenor) and when to leave it (price trigger, time lead).

import { DEFAULT_TRIGGER_MULTIPLE } from "@pn/core";
import { InvalidParameterError } from "../errors.ts";
import type { Rng } from "../rng.ts";

export type RollPolicy = {
  name: string;
  /** A new series' strike is this fraction of the index value at the roll: S' = strikeFraction · x. */
  strikeFraction: number;
  /** Roll when the index falls below this multiple of the strike: x < triggerMultiple · S. */
  triggerMultiple: number;
  /** A new series matures this many days after the roll (then rounded up to `maturityHourUtc`). */
  tenorDays: number;
  /** Roll when fewer than this many days are left: the position never reaches maturity. */
  rollLeadDays: number;
  /** Strikes are rounded down to this many significant figures (a listed strike grid). Default 3. */
  strikeSigFigs?: number;
  /** Series mature at this hour UTC (Deribit-style 08:00). Default 8. */
  maturityHourUtc?: number;
  /** A daemon's private randomisation, drawn afresh for every series it enters. */
  jitter?: PolicyJitter;
};

export type PolicyJitter = {
  /** Trigger multiple scaled by 1 ± this (uniform). */
  trigger: number;
  /** Strike fraction scaled by 1 ± this (uniform). */
  strike: number;
  /** Roll lead shifted by ± this many days (uniform). */
  leadDays: number;
  /** A roll is sent a uniform 0..delayHours after the decision (timing jitter). */
  delayHours: number;
};

/** The thresholds in force for one held series (the policy's, or a daemon's private draw). */
export type Thresholds = {
  triggerMultiple: number;
  rollLeadDays: number;
  strikeFraction: number;
  delaySeconds: number;
};

/** The post's rule: S < X/2 (S = x/2 on a 3-figure grid), roll below 1.5·S, hold 1–2 months, never to maturity. */
export const POST_RULE: RollPolicy = {
  name: "post",
  strikeFraction: 0.5,
  triggerMultiple: DEFAULT_TRIGGER_MULTIPLE,
  tenorDays: 60,
  rollLeadDays: 30,
};

/** Kyrrui's TrackerDAO: 28-day series, roll at x < 1.5·S or under 7 days left, to S' = x/2. */
export const TRACKER_28D: RollPolicy = {
  name: "28-day",
  strikeFraction: 0.5,
  triggerMultiple: DEFAULT_TRIGGER_MULTIPLE,
  tenorDays: 28,
  rollLeadDays: 7,
};

/** Short tenors from the thread: 4-day series at 60% of spot, rolled a day before maturity or if x < 1.25·S. */
export const SHORT_TENOR: RollPolicy = {
  name: "short-tenor",
  strikeFraction: 0.6,
  triggerMultiple: 1.25,
  tenorDays: 4,
  rollLeadDays: 1,
};

/**
 * The vault's rules (PNVault's defaults, docs/vault.md): new strike k = 50% of the reference price, signal roll
 * below 1.5·S, 28-day tenor, scheduled roll 7 days before maturity. The vault's 3-day minimum between signal rolls
 * and its one-day auctions are modelled by the execution model, not the policy.
 */
export const VAULT_RULES: RollPolicy = {
  name: "vault (PNVault defaults)",
  strikeFraction: 0.5,
  triggerMultiple: DEFAULT_TRIGGER_MULTIPLE,
  tenorDays: 28,
  rollLeadDays: 7,
};

/** A user's daemon: the 28-day rules with private random thresholds and send times. */
export const DAEMON_JITTERED: RollPolicy = {
  ...TRACKER_28D,
  name: "daemon (jittered 28-day)",
  jitter: { trigger: 0.05, strike: 0.05, leadDays: 2, delayHours: 6 },
};

export const POLICY_PRESETS: Readonly<Record<string, RollPolicy>> = {
  post: POST_RULE,
  "28d": TRACKER_28D,
  short: SHORT_TENOR,
  vault: VAULT_RULES,
  daemon: DAEMON_JITTERED,
};

/** Checks a policy; throws InvalidParameterError with the field to fix. */
export function validatePolicy(policy: RollPolicy): RollPolicy {
  const fail = (field: string, value: number, expected: string): never => {
    throw new InvalidParameterError({ field: `policy.${field}`, value, expected });
  };
  const { strikeFraction, triggerMultiple, tenorDays, rollLeadDays } = policy;
  if (!(strikeFraction > 0 && strikeFraction < 1)) fail("strikeFraction", strikeFraction, "in (0, 1)");
  if (!(triggerMultiple >= 1)) fail("triggerMultiple", triggerMultiple, ">= 1");
  if (!(triggerMultiple * strikeFraction < 1)) {
    fail(
      "triggerMultiple",
      triggerMultiple,
      `< 1 / strikeFraction (${(1 / strikeFraction).toFixed(3)}), or every roll re-triggers`,
    );
  }
  if (!(rollLeadDays >= 0)) fail("rollLeadDays", rollLeadDays, ">= 0");
  if (!(tenorDays > rollLeadDays)) fail("tenorDays", tenorDays, `> rollLeadDays (${rollLeadDays})`);
  const sig = policy.strikeSigFigs ?? 3;
  if (!(Number.isInteger(sig) && sig >= 1 && sig <= 15)) fail("strikeSigFigs", sig, "an integer in 1..15");
  const hour = policy.maturityHourUtc ?? 8;
  if (!(Number.isInteger(hour) && hour >= 0 && hour < 24))
    fail("maturityHourUtc", hour, "an integer in 0..23");
  return policy;
}

/** The thresholds for a new series: the policy's own, or for a daemon a private uniform draw around them. */
export function drawThresholds(policy: RollPolicy, rng: Rng | undefined): Thresholds {
  const base: Thresholds = {
    triggerMultiple: policy.triggerMultiple,
    rollLeadDays: policy.rollLeadDays,
    strikeFraction: policy.strikeFraction,
    delaySeconds: 0,
  };
  const jitter = policy.jitter;
  if (jitter === undefined || rng === undefined) return base;
  const spread = () => 2 * rng.nextFloat() - 1;
  const strikeFraction = policy.strikeFraction * (1 + jitter.strike * spread());
  const cap = 0.98 / strikeFraction;
  return {
    triggerMultiple: Math.min(Math.max(1, policy.triggerMultiple * (1 + jitter.trigger * spread())), cap),
    rollLeadDays: Math.max(0, policy.rollLeadDays + jitter.leadDays * spread()),
    strikeFraction,
    delaySeconds: Math.round(jitter.delayHours * 3600 * rng.nextFloat()),
  };
}
