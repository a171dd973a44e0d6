import { type SeriesKey, type Side, seriesId } from "@pn/core";
import type { Address } from "viem";
import { CoreRevertError, UnsupportedOperationError } from "./errors.ts";
import { credit, debit, isZero } from "./internal.ts";
import { balanceKey, type CoreState, transact } from "./state.ts";

export type TransferOperation = { sender: Address; key: SeriesKey; side: Side; to: Address; amount: bigint };

/**
 * `PNToken.transfer(to, amount)` on the series' P or N token, which calls `PNCore.transferFromToken(sender, to,
 * amount)`: InvalidRecipient → InsufficientBalance → (credit: PairOverflow). The sender's word is written before
 * the recipient's is read, so a transfer to oneself changes nothing, as in the contract.
 * PN-7: a move never changes supply.
 */
export function transfer(state: CoreState, op: TransferOperation): void {
  const h = "transfer";
  const id = seriesId(op.key);
  if (!state.series.has(id))
    throw new UnsupportedOperationError(`the ${op.side} token of series ${id} has no code`);
  transact((journal) => {
    if (isZero(op.to)) throw new CoreRevertError(h, "InvalidRecipient", [op.to]);
    const [pMoved, nMoved] = op.side === "P" ? [op.amount, 0n] : [0n, op.amount];
    const fromKey = balanceKey(id, op.sender);
    const balance = state.balances.get(fromKey) ?? 0n;
    journal.set(
      state.balances,
      fromKey,
      debit(h, { id, owner: op.sender, balance, pAmount: pMoved, nAmount: nMoved }),
    );
    credit(journal, state.balances, balanceKey(id, op.to), pMoved, nMoved);
  });
}
