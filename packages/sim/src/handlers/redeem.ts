import { nPayout, pPayout, type SeriesKey, seriesId } from "@pn/core";
import type { Address } from "viem";
import { payOut } from "./env.ts";
import { CoreRevertError } from "./errors.ts";
import { burn, isZero, requireNative } from "./internal.ts";
import {
  type CoreState,
  checkedSub,
  MASK_128,
  MAX_UINT256,
  pairN,
  pairP,
  pairPack,
  transact,
} from "./state.ts";

export type RedeemOperation = {
  sender: Address;
  key: SeriesKey;
  pAmount: bigint;
  nAmount: bigint;
  to: Address;
  /** `redeemToETH` instead of `redeem`. */
  asETH: boolean;
};

/**
 * One side's `PayoffLib` payout. Amounts below 2^128 use @pn/core's `pPayout` / `nPayout` (the single source of
 * the payoff). A larger amount can never be burned (balances are below 2^128), but Solidity still computes its
 * payout first, in 256-bit checked arithmetic: mirror that, including the Panic on overflow.
 */
function sidePayout(side: "P" | "N", amount: bigint, strikeWad: bigint, xWad: bigint): bigint {
  if (amount <= MASK_128)
    return side === "P" ? pPayout(amount, strikeWad, xWad) : nPayout(amount, strikeWad, xWad);
  if (xWad <= strikeWad) return side === "P" ? amount : 0n;
  const product = amount * (side === "P" ? strikeWad : xWad - strikeWad);
  if (product > MAX_UINT256) throw new CoreRevertError("PayoffLib", "Panic", [0x11n]);
  return product / xWad;
}

/**
 * `PNCore.redeem` / `redeemToETH` (`_redeem`), check for check: ZeroAmount → ZeroAddress → NativeNotSupported
 * (ETH only) → NotSettled → payout → InsufficientBalance (P, then N) → payout transfer if non-zero.
 * PN-2 / PN-4: each side is paid its exact claim rounded down.
 */
export function redeem(state: CoreState, op: RedeemOperation): { payout: bigint } {
  const h = op.asETH ? "redeemToETH" : "redeem";
  const { key, pAmount, nAmount, to } = op;
  return transact((journal) => {
    if (pAmount === 0n && nAmount === 0n) throw new CoreRevertError(h, "ZeroAmount");
    if (isZero(to)) throw new CoreRevertError(h, "ZeroAddress");
    if (op.asETH) requireNative(state, h, key.collateral);
    const id = seriesId(key);
    const settlement = state.settlements.get(id) ?? 0n;
    if (settlement === 0n) throw new CoreRevertError(h, "NotSettled", [id]);

    const xWad = pairP(settlement);
    const payout =
      sidePayout("P", pAmount, key.strikeWad, xWad) + sidePayout("N", nAmount, key.strikeWad, xWad);
    if (payout > MAX_UINT256) throw new CoreRevertError(h, "Panic", [0x11n]);
    burn(state, journal, h, { id, owner: op.sender, pAmount, nAmount });
    journal.set(state.settlements, id, pairPack(xWad, checkedSub(pairN(settlement), payout)));
    journal.add(state.redeemed, id);

    if (payout !== 0n)
      payOut(state, journal, { collateral: key.collateral, to, amount: payout, asETH: op.asETH });
    return { payout };
  });
}
