// The daemon's policy is the core roll planner's (@pn/core, docs/planner.md): this file only turns one epoch's
// private random draws (jitter.ts) and the config into a core `RollPolicy`, and the core's roll reasons into the
// daemon's record labels. When to roll, escalate or wait, the target series, the curve around the Black-76 fair
// ratio and the atomic limit are all the core's rules.

import {
  type RollReason as CoreRollReason,
  decideRoll,
  isUrgent,
  type ListedSeries,
  multipleWad,
  type RollPolicy,
  WAD,
} from "@pn/core";
import type { Address, Hex } from "viem";
import type { DaemonSection } from "./config.ts";
import type { Draws } from "./jitter.ts";

/** The daemon's labels: `strike` for the price trigger, `maturity` for the schedule (or a matured series). */
export type RollReason = "strike" | "maturity";

export function rollReasonLabel(reason: CoreRollReason): RollReason {
  return reason === "price" ? "strike" : "maturity";
}

/** A listed series the daemon may roll into, with its tokens. */
export type Candidate = ListedSeries & { id: Hex; pToken: Address; nToken: Address };

const DAY = 86_400;
const seconds = (value: number) => BigInt(Math.round(value));
/** Basis points (possibly fractional) as a WAD fraction. */
const bpsWad = (bps: number) => BigInt(Math.round(bps * 1e14));

/** This epoch's policy: the drawn levels, the config's grids and listing rules, the auction around fair value. */
export function daemonRollPolicy(
  draws: Draws,
  section: Pick<DaemonSection, "policy" | "auction">,
): RollPolicy {
  const { policy, auction } = section;
  return {
    trigger: { triggerWad: multipleWad(draws.trigger), leadSeconds: seconds(draws.maturityBufferSeconds) },
    escalation: {
      triggerWad: multipleWad(draws.escalate),
      leadSeconds: seconds(draws.escalateBufferSeconds),
    },
    delaySeconds: seconds(draws.delaySeconds),
    // The fraction to the nearest ppm, as the daemon has always applied it.
    strike: {
      fractionWad: BigInt(Math.round(draws.strikeFraction * 1e6)) * 10n ** 12n,
      grid: { stepWad: policy.strikeStep },
    },
    maturity: {
      tenorSeconds: seconds(draws.tenorSeconds),
      aim: "down",
      minTenorSeconds: seconds(policy.minTenorDays * DAY),
      grid: { origin: BigInt(policy.maturityOffsetSeconds), period: BigInt(policy.maturityAlignSeconds) },
    },
    auction: {
      anchor: "fairRatio",
      startWad: WAD + bpsWad(auction.startPremiumBps),
      floorWad: WAD - bpsWad(auction.floorDiscountBps),
      durationSeconds: BigInt(Math.max(1, Math.round(auction.durationSeconds * draws.durationFactor))),
      halfLifeSeconds: auction.curve === "exponential" ? BigInt(auction.halfLifeSeconds) : 0n,
      patienceSeconds: BigInt(auction.graceSeconds),
    },
    listing: { strikeTolerance: policy.strikeTolerance, minTenorSeconds: seconds(policy.minTenorDays * DAY) },
  };
}

export type PolicyInput = {
  now: bigint;
  /** x, or undefined when too few sources answered (then only the maturity rule can fire). */
  xWad: bigint | undefined;
  strikeWad: bigint;
  maturity: bigint;
  /** When the trigger was first seen, if it was. */
  triggerSeenAt: bigint | undefined;
};

export type Decision =
  | { kind: "hold" }
  | { kind: "delay"; reason: RollReason; until: bigint }
  | { kind: "roll"; reason: RollReason; urgent: boolean };

/** The core's decision (`decideRoll`) for a position with no roll in progress, with the daemon's labels. */
export function decide(p: PolicyInput, policy: RollPolicy): Decision {
  const decision = decideRoll(p, policy);
  return decision.kind === "hold" ? decision : { ...decision, reason: rollReasonLabel(decision.reason) };
}

/** Past this epoch's escalation levels (the core's `isUrgent`): give up on the auction, roll atomically. */
export function escalationDue(
  t: { now: bigint; xWad: bigint | undefined; draws: Draws },
  section: Pick<DaemonSection, "policy" | "auction">,
  from: { strikeWad: bigint; maturity: bigint },
): boolean {
  return isUrgent({ now: t.now, xWad: t.xWad, ...from }, daemonRollPolicy(t.draws, section));
}
