import type { SeriesKey } from "@pn/core";
import type { Address } from "viem";
import { oracleFinalValue } from "./env.ts";
import { CoreRevertError } from "./errors.ts";
import { existingSeries } from "./internal.ts";
import { type CoreState, MASK_128, pairP, pairPack, transact } from "./state.ts";

export type SettleOperation = { sender: Address; key: SeriesKey };

/**
 * `PNCore.settle(key)`, check for check: SeriesNotFound → NotMatured → AlreadySettled → OracleNotFinal →
 * InvalidSettlementValue. PN-5: x is written once; the collateral held is the outstanding pairs (PN-1).
 */
export function settle(state: CoreState, { key }: SettleOperation): { xWad: bigint } {
  const h = "settle";
  return transact((journal) => {
    const id = existingSeries(state, h, key);
    if (state.timestamp < key.maturity) throw new CoreRevertError(h, "NotMatured", [id, key.maturity]);
    const settlement = state.settlements.get(id) ?? 0n;
    if (settlement !== 0n) throw new CoreRevertError(h, "AlreadySettled", [id, pairP(settlement)]);

    const { isFinal, valueWad: xWad } = oracleFinalValue(state, {
      oracle: key.oracle,
      indexId: key.indexId,
      timestamp: key.maturity,
    });
    if (!isFinal) throw new CoreRevertError(h, "OracleNotFinal", [id, key.oracle]);
    if (xWad === 0n || xWad > MASK_128) throw new CoreRevertError(h, "InvalidSettlementValue", [id, xWad]);

    journal.set(state.settlements, id, pairPack(xWad, pairP(state.supplies.get(id) ?? 0n)));
    return { xWad };
  });
}
