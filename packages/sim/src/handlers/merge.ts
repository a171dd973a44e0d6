import type { SeriesKey } from "@pn/core";
import { seriesId } from "@pn/core";
import type { Address } from "viem";
import { payOut } from "./env.ts";
import { CoreRevertError } from "./errors.ts";
import { burn, isZero, requireNative } from "./internal.ts";
import { type CoreState, checkedSub, pairN, pairP, pairPack, transact } from "./state.ts";

export type MergeOperation = {
  sender: Address;
  key: SeriesKey;
  amount: bigint;
  to: Address;
  /** `mergeToETH` instead of `merge`. */
  asETH: boolean;
};

/**
 * `PNCore.merge` / `mergeToETH` (`_merge`), check for check: ZeroAmount → ZeroAddress → NativeNotSupported (ETH
 * only) → InsufficientBalance (P, then N) → payout. No existence check: a series never created has no balances.
 * PN-1 / PN-2: a pair leaves with exactly one collateral unit, before or after settlement.
 */
export function merge(state: CoreState, op: MergeOperation): void {
  const h = op.asETH ? "mergeToETH" : "merge";
  const { key, amount, to } = op;
  transact((journal) => {
    if (amount === 0n) throw new CoreRevertError(h, "ZeroAmount");
    if (isZero(to)) throw new CoreRevertError(h, "ZeroAddress");
    if (op.asETH) requireNative(state, h, key.collateral);
    const id = seriesId(key);

    burn(state, journal, h, { id, owner: op.sender, pAmount: amount, nAmount: amount });
    const settlement = state.settlements.get(id) ?? 0n;
    if (settlement !== 0n) {
      journal.set(state.settlements, id, pairPack(pairP(settlement), checkedSub(pairN(settlement), amount)));
    }
    payOut(state, journal, { collateral: key.collateral, to, amount, asETH: op.asETH });
  });
}
