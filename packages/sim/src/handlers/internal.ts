// PNCore's private helpers, mirrored one for one: `_existingSeries`, `_requireNative`, `_debit`, `_burn`.

import { type SeriesKey, seriesId } from "@pn/core";
import type { Address, Hex } from "viem";
import { CoreRevertError } from "./errors.ts";
import {
  balanceKey,
  type CoreState,
  checkedSub,
  type Journal,
  lower,
  pairN,
  pairP,
  pairPack,
} from "./state.ts";

export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";
export const isZero = (a: Address): boolean => lower(a) === ZERO_ADDRESS;

/** Solidity `Side`: P = 0, N = 1 (the enum's value, as it appears in error arguments). */
export const SIDE_P = 0;
export const SIDE_N = 1;

/** `_existingSeries(key)`: the id, or `SeriesNotFound(id)` when its tokens were never deployed. */
export function existingSeries(state: CoreState, handler: string, key: SeriesKey): Hex {
  const id = seriesId(key);
  if (!state.series.has(id)) throw new CoreRevertError(handler, "SeriesNotFound", [id]);
  return id;
}

/** `_requireNative(collateral)`: the native ETH paths need the series' collateral to be the core's WETH. */
export function requireNative(state: CoreState, handler: string, collateral: Address): void {
  if (lower(collateral) !== lower(state.weth) || isZero(state.weth)) {
    throw new CoreRevertError(handler, "NativeNotSupported", [collateral]);
  }
}

/** `_debit(id, owner, balance, pAmount, nAmount)`: P checked first, then N. Returns the new word. */
export function debit(
  handler: string,
  p: { id: Hex; owner: Address; balance: bigint; pAmount: bigint; nAmount: bigint },
): bigint {
  const [bp, bn] = [pairP(p.balance), pairN(p.balance)];
  if (bp < p.pAmount)
    throw new CoreRevertError(handler, "InsufficientBalance", [p.id, SIDE_P, p.owner, bp, p.pAmount]);
  if (bn < p.nAmount)
    throw new CoreRevertError(handler, "InsufficientBalance", [p.id, SIDE_N, p.owner, bn, p.nAmount]);
  return pairPack(bp - p.pAmount, bn - p.nAmount);
}

/** `_burn(id, owner, pAmount, nAmount)`: debits the owner, then lowers the supplies. */
export function burn(
  state: CoreState,
  journal: Journal,
  handler: string,
  p: { id: Hex; owner: Address; pAmount: bigint; nAmount: bigint },
): void {
  const key = balanceKey(p.id, p.owner);
  const balance = state.balances.get(key) ?? 0n;
  journal.set(state.balances, key, debit(handler, { ...p, balance }));
  const supplies = state.supplies.get(p.id) ?? 0n;
  journal.set(
    state.supplies,
    p.id,
    pairPack(checkedSub(pairP(supplies), p.pAmount), checkedSub(pairN(supplies), p.nAmount)),
  );
}

/** Adds to a PairLib word in `map` (a balance or a supply), reverting `PairOverflow` as `PairLib.pack` does. */
export function credit<K>(
  journal: Journal,
  map: Map<K, bigint>,
  key: K,
  pAmount: bigint,
  nAmount: bigint,
): void {
  const word = map.get(key) ?? 0n;
  journal.set(map, key, pairPack(pairP(word) + pAmount, pairN(word) + nAmount));
}
