// The roll rules of contracts/src/vault/libraries/VaultMath.sol (grids, auction prices, keeper reward), mirrored
// line for line: same names, same integer rounding. Every rounding favours the vault, as there.

import { mulDivUp } from "../auction.ts";
import { WAD } from "../constants.ts";

export const BPS = 10_000n;
/** One basis point as a WAD multiple: a bps value times this is the same fraction scaled by 1e18. */
export const WAD_PER_BPS = WAD / BPS;
const UINT128_MAX = (1n << 128n) - 1n;

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** `valueWad` rounded down to `sigFigs` significant decimal digits of its WAD integer (171.71e18, 2 → 170e18). */
export function strikeGridDown(valueWad: bigint, sigFigs: bigint): bigint {
  if (valueWad === 0n) return 0n;
  const digits = BigInt(valueWad.toString().length);
  if (digits <= sigFigs) return valueWad;
  return valueWad - (valueWad % 10n ** (digits - sigFigs));
}

/** The first grid date `origin + n * period` (n ≥ 0) at or after `t`. */
export function nextMaturity(t: bigint, origin: bigint, period: bigint): bigint {
  if (t <= origin) return origin;
  return origin + ((t - origin + period - 1n) / period) * period;
}

/** A roll auction's reference price, P_B per P_A: the strike ratio `ceil(S_A * 1e18 / S_B)` (rounded up). */
export function rollRefWad(fromStrikeWad: bigint, toStrikeWad: bigint): bigint {
  return mulDivUp(fromStrikeWad, WAD, toStrikeWad);
}

/** A re-entry sale's reference price, P per N at index value x: `ceil((x - S) * 1e18 / S)`. Needs x > S. */
export function saleRefWad(xWad: bigint, strikeWad: bigint): bigint {
  return mulDivUp(xWad - strikeWad, WAD, strikeWad);
}

/**
 * `(ceil(ref * start / 1e18), ceil(ref * floor / 1e18))` for multiples of the reference given as WAD, each at least
 * 1 and below 2^128, the start strictly above the floor. `curve` is this with the multiples in bps.
 */
export function curveAround(
  refWad: bigint,
  startMultipleWad: bigint,
  floorMultipleWad: bigint,
): { startWad: bigint; floorWad: bigint } {
  const floorWad = min(max(mulDivUp(refWad, floorMultipleWad, WAD), 1n), UINT128_MAX - 1n);
  let startWad = min(mulDivUp(refWad, startMultipleWad, WAD), UINT128_MAX);
  if (startWad <= floorWad) startWad = floorWad + 1n;
  return { startWad, floorWad };
}

/**
 * `VaultMath.curve`: `(ceil(ref * startBps / 1e4), ceil(ref * floorBps / 1e4))`, rounded up (the vault asks more).
 * Equivalent to `curveAround` with the bps scaled to WAD: `ceil(ref * b * 1e14 / 1e18) = ceil(ref * b / 1e4)`.
 */
export function curve(
  refWad: bigint,
  startBps: bigint,
  floorBps: bigint,
): { startWad: bigint; floorWad: bigint } {
  return curveAround(refWad, startBps * WAD_PER_BPS, floorBps * WAD_PER_BPS);
}

/** The keeper reward on `amount`: `min(floor(amount * rewardBps / 1e4), rewardCap)`. Rounded down. */
export function reward(amount: bigint, rewardBps: bigint, rewardCap: bigint): bigint {
  return min((amount * rewardBps) / BPS, rewardCap);
}

/** The library under its Solidity name, so call sites read as in the contract (`VaultMath.curve(...)`). */
export const VaultMath = Object.freeze({
  strikeGridDown,
  nextMaturity,
  rollRefWad,
  saleRefWad,
  curve,
  reward,
});
