// The roll auction and its limit. The anchor is the ratio P_B per P_A the roll should fetch: the strike ratio
// S_A / S_B (the vault: deep in the money each P is worth about its strike) or the Black-76 fair ratio (the daemon).
// Start and floor are multiples of it, rounded up (`curveAround`); the order expires after `patience` at the floor
// and never past the maturity of what it sells, and its duration is shortened to fit (VaultAuctionLib.ask).

import { WAD } from "../constants.ts";
import { SECONDS_PER_YEAR } from "../pricing.ts";
import { fairValueEth, priceDownWad } from "../quote.ts";
import { RollPriceRequiredError } from "./errors.ts";
import type { AuctionRule } from "./policy.ts";
import type { SeriesTarget } from "./target.ts";
import { curveAround, rollRefWad } from "./vaultMath.ts";

const years = (maturity: bigint, now: bigint) =>
  maturity > now ? Number(maturity - now) / SECONDS_PER_YEAR : 0;

/** Model value of P of `series` in collateral units (ETH per P), Black-76 at volatility `sigma`. */
export function pValueEthAt(series: SeriesTarget, xWad: bigint, now: bigint, sigma: number): number {
  return fairValueEth("P", {
    x: Number(xWad) / 1e18,
    strike: Number(series.strikeWad) / 1e18,
    tau: years(series.maturity, now),
    sigma,
  });
}

/** The fair roll ratio P_B per P_A at model values, WAD, down to the price tick. */
export function fairRatioWad(p: {
  from: SeriesTarget;
  to: SeriesTarget;
  xWad: bigint;
  now: bigint;
  sigma: number;
}): bigint {
  return priceDownWad(
    pValueEthAt(p.from, p.xWad, p.now, p.sigma) / pValueEthAt(p.to, p.xWad, p.now, p.sigma),
  );
}

/** A roll order's terms, as the market's `AskParams` take them, and the anchor they were set around. */
export type RollCurve = {
  anchorWad: bigint;
  startPriceWad: bigint;
  floorPriceWad: bigint;
  duration: bigint;
  halfLife: bigint;
  expiry: bigint;
};

/** A roll from `from` to `to` at `now` under `rule`; a fair-ratio anchor also needs x and a volatility. */
export type RollCurveInput = {
  from: SeriesTarget;
  to: SeriesTarget;
  now: bigint;
  rule: AuctionRule;
  xWad?: bigint | undefined;
  sigma?: number | undefined;
};

/** The anchor ratio of a roll, P_B per P_A. */
export function anchorWad(p: RollCurveInput): bigint {
  if (p.rule.anchor === "strikeRatio") return rollRefWad(p.from.strikeWad, p.to.strikeWad);
  if (p.xWad === undefined || p.sigma === undefined) {
    throw new RollPriceRequiredError({ what: "the fair-ratio auction anchor" });
  }
  return fairRatioWad({ from: p.from, to: p.to, xWad: p.xWad, now: p.now, sigma: p.sigma });
}

/** The roll order: from start to floor over the duration, at the floor for `patience`, expiring by A's maturity. */
export function rollCurve(p: RollCurveInput): RollCurve {
  const anchor = anchorWad(p);
  const { startWad, floorWad } = curveAround(anchor, p.rule.startWad, p.rule.floorWad);
  const expiry = minBig(p.now + p.rule.durationSeconds + p.rule.patienceSeconds, p.from.maturity);
  const duration = minBig(p.rule.durationSeconds, expiry - p.now);
  const halfLife = p.rule.halfLifeSeconds < duration ? p.rule.halfLifeSeconds : 0n;
  return { anchorWad: anchor, startPriceWad: startWad, floorPriceWad: floorWad, duration, halfLife, expiry };
}

/** P_B asked for `amountIn` P_A at `ratioWad` (rounded down, at least 1): the least a roll accepts. */
export function amountOutAtRatio(amountIn: bigint, ratioWad: bigint): bigint {
  const out = (amountIn * ratioWad) / WAD;
  return out > 0n ? out : 1n;
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
