// The daemon's policy, pure: when to roll (BRIEF §3: x below trigger·S, or too close to maturity), when to stop
// waiting for the auction (x below escalate·S, or maturity imminent), which series to roll into (an existing
// one closest to S' = x·fraction and now + tenor, or a new key), and the roll order's curve around the model's
// fair ratio P_B per P_A. Every threshold comes from the epoch's random draws (jitter.ts).

import { fairValueEth, priceDownWad, priceUpWad, SECONDS_PER_YEAR, type SeriesKey, WAD } from "@pn/core";
import type { Address, Hex } from "viem";
import type { DaemonSection, PolicyConfig } from "./config.ts";
import type { Draws } from "./jitter.ts";

export type RollReason = "strike" | "maturity";

export type PolicyInput = {
  now: bigint;
  /** x, or undefined when too few sources answered (then only the maturity rule can fire). */
  xWad: bigint | undefined;
  strikeWad: bigint;
  maturity: bigint;
  draws: Draws;
  /** When the trigger was first seen, if it was. */
  triggerSeenAt: bigint | undefined;
};

export type Decision =
  | { kind: "hold" }
  /** Triggered; acting at `until` (the random delay). */
  | { kind: "delay"; reason: RollReason; until: bigint }
  /** Roll now; `urgent` escalates straight to the atomic router. */
  | { kind: "roll"; reason: RollReason; urgent: boolean };

const ratio = (xWad: bigint, strikeWad: bigint) => Number(xWad) / Number(strikeWad);

/** Near the strike or the maturity: the auction has run out of time, roll atomically. */
export function isUrgent(p: Omit<PolicyInput, "triggerSeenAt">): boolean {
  const left = Number(p.maturity - p.now);
  const nearStrike = p.xWad !== undefined && ratio(p.xWad, p.strikeWad) < p.draws.escalate;
  return nearStrike || left <= p.draws.escalateBufferSeconds;
}

/** What to do with a position that has no roll in progress. */
export function decide(p: PolicyInput): Decision {
  const left = Number(p.maturity - p.now);
  const strike = p.xWad !== undefined && ratio(p.xWad, p.strikeWad) < p.draws.trigger;
  const maturity = left <= p.draws.maturityBufferSeconds;
  if (!strike && !maturity) return { kind: "hold" };
  const reason: RollReason = strike ? "strike" : "maturity";
  if (isUrgent(p)) return { kind: "roll", reason, urgent: true };
  const until = (p.triggerSeenAt ?? p.now) + BigInt(p.draws.delaySeconds);
  if (p.now < until) return { kind: "delay", reason, until };
  return { kind: "roll", reason, urgent: false };
}

export type Candidate = { id: Hex; key: SeriesKey; pToken: Address; nToken: Address };

/** Where the roll aims: S' = x · fraction, M' = now + tenor. */
export function rollTarget(p: { now: bigint; xWad: bigint; draws: Draws }): {
  strikeWad: bigint;
  maturity: bigint;
} {
  const fractionPpm = BigInt(Math.round(p.draws.strikeFraction * 1e6));
  return { strikeWad: (p.xWad * fractionPpm) / 1_000_000n, maturity: p.now + BigInt(p.draws.tenorSeconds) };
}

/**
 * The existing series to roll into: same collateral, oracle and index as `from`, maturing after it and at least
 * `minTenorDays` from now, with a strike within `strikeTolerance` of S'; the closest by relative strike distance
 * plus maturity distance in tenors. Undefined when none qualifies.
 */
export function chooseTarget(
  candidates: readonly Candidate[],
  p: { from: SeriesKey; now: bigint; xWad: bigint; draws: Draws; policy: PolicyConfig },
): Candidate | undefined {
  const target = rollTarget(p);
  const minMaturity = p.now + BigInt(Math.round(p.policy.minTenorDays * 86_400));
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let best: { c: Candidate; score: number } | undefined;
  for (const c of candidates) {
    const k = c.key;
    if (!same(k.collateral, p.from.collateral) || !same(k.oracle, p.from.oracle)) continue;
    if (!same(k.indexId, p.from.indexId)) continue;
    if (k.maturity <= p.from.maturity || k.maturity < minMaturity) continue;
    const strikeDistance = Math.abs(ratio(k.strikeWad, target.strikeWad) - 1);
    if (strikeDistance > p.policy.strikeTolerance) continue;
    const score = strikeDistance + Math.abs(Number(k.maturity - target.maturity)) / p.draws.tenorSeconds;
    if (best === undefined || score < best.score) best = { c, score };
  }
  return best?.c;
}

/** The key of a new series at the target: strike rounded down to `strikeStep`, maturity aligned. */
export function newSeriesKey(
  from: SeriesKey,
  p: { now: bigint; xWad: bigint; draws: Draws; policy: PolicyConfig },
): SeriesKey {
  const target = rollTarget(p);
  const step = p.policy.strikeStep;
  const strikeWad = target.strikeWad >= step ? (target.strikeWad / step) * step : target.strikeWad;
  const align = BigInt(p.policy.maturityAlignSeconds);
  const offset = BigInt(p.policy.maturityOffsetSeconds);
  const minMaturity = p.now + BigInt(Math.round(p.policy.minTenorDays * 86_400));
  let maturity = (target.maturity / align) * align + offset;
  while (maturity < minMaturity || maturity <= from.maturity) maturity += align;
  return { ...from, strikeWad, maturity };
}

const years = (maturity: bigint, now: bigint) =>
  maturity > now ? Number(maturity - now) / SECONDS_PER_YEAR : 0;

/** Model value of P in collateral units (ETH per P). */
export function pValueEthAt(key: SeriesKey, xWad: bigint, now: bigint, sigma: number): number {
  return fairValueEth("P", {
    x: Number(xWad) / 1e18,
    strike: Number(key.strikeWad) / 1e18,
    tau: years(key.maturity, now),
    sigma,
  });
}

/** The fair roll ratio: P_B per P_A at model values, WAD. */
export function fairRatioWad(p: {
  from: SeriesKey;
  to: SeriesKey;
  xWad: bigint;
  now: bigint;
  sigma: number;
}) {
  const vA = pValueEthAt(p.from, p.xWad, p.now, p.sigma);
  const vB = pValueEthAt(p.to, p.xWad, p.now, p.sigma);
  return priceDownWad(vA / vB);
}

export type RollCurve = {
  fairRatioWad: bigint;
  startPriceWad: bigint;
  floorPriceWad: bigint;
  duration: bigint;
  halfLife: bigint;
  expiry: bigint;
};

/** The roll order's curve: from fair·(1 + premium) down to fair·(1 − discount), expiring after a grace period. */
export function rollCurve(p: {
  from: SeriesKey;
  to: SeriesKey;
  xWad: bigint;
  now: bigint;
  sigma: number;
  auction: DaemonSection["auction"];
  durationFactor: number;
}): RollCurve {
  const fair = fairRatioWad(p);
  const fairNumber = Number(fair) / 1e18;
  const startPriceWad = priceUpWad(fairNumber * (1 + p.auction.startPremiumBps / 10_000));
  let floorPriceWad = priceDownWad(fairNumber * (1 - p.auction.floorDiscountBps / 10_000));
  if (floorPriceWad >= startPriceWad) floorPriceWad = startPriceWad - 1n;
  if (floorPriceWad <= 0n) floorPriceWad = 1n;
  const duration = BigInt(Math.max(1, Math.round(p.auction.durationSeconds * p.durationFactor)));
  const halfLife = p.auction.curve === "exponential" ? BigInt(p.auction.halfLifeSeconds) : 0n;
  let expiry = p.now + duration + BigInt(p.auction.graceSeconds);
  if (expiry >= p.from.maturity) expiry = p.from.maturity - 1n;
  return { fairRatioWad: fair, startPriceWad, floorPriceWad, duration, halfLife, expiry };
}

/** P_B to ask of the atomic router for `amountIn` P_A: value-neutral at the fair ratio. */
export function atomicAmountOut(amountIn: bigint, ratioWad: bigint): bigint {
  const out = (amountIn * ratioWad) / WAD;
  return out > 0n ? out : 1n;
}
