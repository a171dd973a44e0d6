import { assertSeriesKey, type SeriesKey, seriesId } from "@pn/core";
import type { Address, Hex } from "viem";
import { CoreRevertError } from "./errors.ts";
import { isZero } from "./internal.ts";
import { type CoreState, lower, transact } from "./state.ts";

export type CreateSeriesOperation = { sender: Address; key: SeriesKey };

/**
 * `PNCore.createSeries(key)`, check for check: ZeroAddress → ZeroStrike → MaturityNotInFuture →
 * CollateralNotContract → SeriesExists. Returns the new id.
 * A key the ABI cannot encode throws `InvalidSeriesKeyError` (the call could not be made at all).
 */
export function createSeries(state: CoreState, { key }: CreateSeriesOperation): { id: Hex } {
  assertSeriesKey(key);
  const h = "createSeries";
  return transact((journal) => {
    if (isZero(key.collateral) || isZero(key.oracle)) throw new CoreRevertError(h, "ZeroAddress");
    if (key.strikeWad === 0n) throw new CoreRevertError(h, "ZeroStrike");
    if (key.maturity <= state.timestamp) {
      throw new CoreRevertError(h, "MaturityNotInFuture", [key.maturity, state.timestamp]);
    }
    if (!state.code.has(lower(key.collateral))) {
      throw new CoreRevertError(h, "CollateralNotContract", [key.collateral]);
    }
    const id = seriesId(key);
    if (state.series.has(id)) throw new CoreRevertError(h, "SeriesExists", [id]);
    journal.set(state.series, id, key);
    return { id };
  });
}
