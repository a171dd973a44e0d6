// Which series created after start the market maker takes on (discovery): only series its model can price — on
// the core's WETH (it pays and is paid in ETH), on one of the indices its price sources measure, and on the
// configured oracle if any. Pure, so the rule is tested without a chain.

import { indexLabel, type SeriesKey } from "@pn/core";
import type { Address, Hex } from "viem";

export type DiscoverFilter = { weth: Address; indices: readonly Hex[]; oracle?: Address };

/** Why the maker leaves a series alone, or undefined when it takes it on. */
export function discoverSkipReason(
  key: Pick<SeriesKey, "collateral" | "oracle" | "indexId">,
  filter: DiscoverFilter,
): string | undefined {
  if (key.collateral.toLowerCase() !== filter.weth.toLowerCase())
    return "its collateral is not the core's WETH";
  if (!filter.indices.some((i) => i.toLowerCase() === key.indexId.toLowerCase()))
    return `its index ${indexLabel(key.indexId)} is not one of discover.indices (the sources do not measure it)`;
  if (filter.oracle !== undefined && key.oracle.toLowerCase() !== filter.oracle.toLowerCase())
    return "its oracle is not discover.oracle";
  return undefined;
}
