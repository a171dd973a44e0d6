// The settlement payoff, mirroring contracts/src/libraries/PayoffLib.sol name for name and rounding for rounding.
// Per unit at index value x and strike S, P pays `min(1, S/x)` and N pays `max(0, 1 - S/x)` collateral.
// Both sides round down (in the protocol's favour), so a pair redeemed side by side pays `a` or `a - 1` (PN-4).

import { UINT128_LIMIT } from "./constants.ts";
import { AmountOutOfRangeError, InvalidSettlementValueError, StrikeOutOfRangeError } from "./errors.ts";

/** Throws `AmountOutOfRangeError` unless `0 <= value < 2^128` (the core's `AmountOverflow` bound). */
export function assertAmount(value: bigint, field = "amount"): void {
  if (value < 0n || value >= UINT128_LIMIT) throw new AmountOutOfRangeError({ field, value });
}

/** Throws `StrikeOutOfRangeError` unless `0 <= strikeWad < 2^128` (a uint128 in the series key). */
export function assertStrike(strikeWad: bigint): void {
  if (strikeWad < 0n || strikeWad >= UINT128_LIMIT) throw new StrikeOutOfRangeError({ strikeWad });
}

/** Throws `InvalidSettlementValueError` unless `0 < xWad < 2^128` (the bound `settle` enforces). */
export function assertSettlementValue(xWad: bigint): void {
  if (xWad <= 0n || xWad >= UINT128_LIMIT) throw new InvalidSettlementValueError({ xWad });
}

function assertPayoffInputs(amount: bigint, strikeWad: bigint, xWad: bigint): void {
  assertAmount(amount);
  assertStrike(strikeWad);
  assertSettlementValue(xWad);
}

/**
 * Collateral paid for `amount` P at settlement value `xWad`: `floor(amount * min(S, x) / x)`.
 * Same as `PayoffLib.pPayout`.
 * @example pPayout(10n ** 18n, 1500n * WAD, 2500n * WAD) // 0.6e18
 */
export function pPayout(amount: bigint, strikeWad: bigint, xWad: bigint): bigint {
  assertPayoffInputs(amount, strikeWad, xWad);
  if (xWad <= strikeWad) return amount;
  return (amount * strikeWad) / xWad; // bigint division truncates; operands are >= 0, so this is floor
}

/**
 * Collateral paid for `amount` N at settlement value `xWad`: `floor(amount * max(x - S, 0) / x)`.
 * Same as `PayoffLib.nPayout`.
 * @example nPayout(10n ** 18n, 1500n * WAD, 2500n * WAD) // 0.4e18
 */
export function nPayout(amount: bigint, strikeWad: bigint, xWad: bigint): bigint {
  assertPayoffInputs(amount, strikeWad, xWad);
  if (xWad <= strikeWad) return 0n;
  return (amount * (xWad - strikeWad)) / xWad;
}

export type RedeemPayoutParameters = {
  /** P burned. */
  pAmount: bigint;
  /** N burned. */
  nAmount: bigint;
  /** The series strike S, WAD-scaled. */
  strikeWad: bigint;
  /** The settlement value x, WAD-scaled. */
  xWad: bigint;
};

/**
 * What `IPNCore.redeem` pays: `pPayout(pAmount) + nPayout(nAmount)`, each side rounded down on its own.
 * @example redeemPayout({ pAmount: 3n, nAmount: 3n, strikeWad: WAD, xWad: 3n * WAD }) // 1 + 2 = 3
 */
export function redeemPayout({ pAmount, nAmount, strikeWad, xWad }: RedeemPayoutParameters): bigint {
  assertAmount(pAmount, "pAmount");
  assertAmount(nAmount, "nAmount");
  return pPayout(pAmount, strikeWad, xWad) + nPayout(nAmount, strikeWad, xWad);
}
