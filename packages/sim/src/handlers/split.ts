import type { SeriesKey } from "@pn/core";
import type { Address } from "viem";
import { coreTokenBalance, pullToken, wrapForCore } from "./env.ts";
import { CoreRevertError } from "./errors.ts";
import { credit, existingSeries, isZero, requireNative } from "./internal.ts";
import { balanceKey, type CoreState, type Journal, MASK_128, transact } from "./state.ts";

export type SplitOperation = {
  sender: Address;
  key: SeriesKey;
  amount: bigint;
  to: Address;
  /** `msg.value`: 0 for the ERC-20 path, `amount` for native ETH. */
  value: bigint;
};

/**
 * `PNCore.split(key, amount, to)`, check for check: ZeroAmount → AmountOverflow → ZeroAddress → SeriesNotFound →
 * SeriesMatured → (supplies, balance: PairOverflow) → collateral: NativeNotSupported → NativeValueMismatch, or
 * TransferFromFailed → CollateralTransferMismatch. PN-1 / PN-3: collateral, P and N all rise by `amount`.
 */
export function split(state: CoreState, op: SplitOperation): void {
  const h = "split";
  const { key, amount, to } = op;
  transact((journal) => {
    if (amount === 0n) throw new CoreRevertError(h, "ZeroAmount");
    if (amount > MASK_128) throw new CoreRevertError(h, "AmountOverflow", [amount]);
    if (isZero(to)) throw new CoreRevertError(h, "ZeroAddress");
    const id = existingSeries(state, h, key);
    if (state.timestamp >= key.maturity) throw new CoreRevertError(h, "SeriesMatured", [id, key.maturity]);

    credit(journal, state.supplies, id, amount, amount);
    credit(journal, state.balances, balanceKey(id, to), amount, amount);
    pullCollateral(state, journal, op);
  });
}

/** `_pullCollateral(collateral, amount)`. */
function pullCollateral(state: CoreState, journal: Journal, op: SplitOperation): void {
  const h = "split";
  const { collateral } = op.key;
  if (op.value !== 0n) {
    requireNative(state, h, collateral);
    if (op.value !== op.amount) throw new CoreRevertError(h, "NativeValueMismatch", [op.value, op.amount]);
    wrapForCore(state, journal, op.amount);
    return;
  }
  const before = coreTokenBalance(state, collateral);
  pullToken(state, journal, collateral, op.sender, op.amount);
  const received = coreTokenBalance(state, collateral) - before;
  if (received !== op.amount) {
    throw new CoreRevertError(h, "CollateralTransferMismatch", [collateral, op.amount, received]);
  }
}
