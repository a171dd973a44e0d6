// The daemon's private randomness. Every threshold is drawn once per position epoch from a secret 32-byte seed
// with HMAC-SHA256 (a counter-mode PRNG: unpredictable without the seed, reproducible with it), so a restart
// draws exactly the same thresholds again — restarting can never re-roll the dice until a trigger happens to fire.
// The seed is crypto-random at first start and never leaves the user's machine (the state database), unless the
// config pins one (tests, reproducible replays).

import { createHmac, randomBytes } from "node:crypto";
import type { Hex } from "viem";
import type { Jittered, PolicyConfig } from "./config.ts";

/** A uniform draw in [0, 1) for `label` in `epoch` (53 bits of HMAC-SHA256(seed, "epoch:label")). */
export function uniform(seed: Hex, epoch: number, label: string): number {
  const mac = createHmac("sha256", Buffer.from(seed.slice(2), "hex"))
    .update(`${epoch}:${label}`)
    .digest();
  return Number(mac.readBigUInt64BE(0) >> 11n) / 2 ** 53;
}

/** A value uniform in [value − jitter, value + jitter]. */
export function jitter(j: Jittered, u: number): number {
  return j.value + j.jitter * (2 * u - 1);
}

/** A new random seed. */
export function newSeed(): Hex {
  return `0x${randomBytes(32).toString("hex")}`;
}

/** The thresholds of one epoch, all drawn from the seed. Multiples of the strike; durations in seconds. */
export type Draws = {
  /** Roll once x < trigger · S. */
  trigger: number;
  /** Escalate once x < escalate · S. */
  escalate: number;
  /** Roll once fewer than this many seconds are left to maturity. */
  maturityBufferSeconds: number;
  /** Escalate once fewer than this many seconds are left. */
  escalateBufferSeconds: number;
  /** S' = x · fraction. */
  strikeFraction: number;
  /** The new maturity aimed at: now + tenor. */
  tenorSeconds: number;
  /** Wait after a trigger before acting. */
  delaySeconds: number;
  /** Multiplies the auction's duration (1 ± durationJitter). */
  durationFactor: number;
};

const DAY = 86_400;

export function drawThresholds(
  seed: Hex,
  epoch: number,
  policy: PolicyConfig,
  durationJitter: number,
): Draws {
  const u = (label: string) => uniform(seed, epoch, label);
  return {
    trigger: jitter(policy.trigger, u("trigger")),
    escalate: jitter(policy.escalate, u("escalate")),
    maturityBufferSeconds: Math.round(jitter(policy.daysBeforeMaturity, u("maturity")) * DAY),
    escalateBufferSeconds: Math.round(jitter(policy.escalateDaysBeforeMaturity, u("escalateMaturity")) * DAY),
    strikeFraction: jitter(policy.strikeFraction, u("fraction")),
    tenorSeconds: Math.round(jitter(policy.tenorDays, u("tenor")) * DAY),
    delaySeconds: Math.floor(policy.maxDelaySeconds * u("delay")),
    durationFactor: 1 + durationJitter * (2 * u("duration") - 1),
  };
}
