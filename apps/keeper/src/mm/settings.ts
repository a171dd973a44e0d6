// The market maker's settings as the job uses them (bigint amounts, seconds as bigint), built from the config's
// `mm` section by setup.ts, plus the series resolved from the chain at start.

import type { MakerRisk } from "@pn/core";
import type { Address, Hex } from "viem";
import type { JobContext } from "../framework/job.ts";
import type { MarketRef } from "./chain.ts";
import type { MmSeries, PriceInputs } from "./model.ts";

export type MmSettings = {
  market: Address;
  core: Address;
  fromBlock: bigint;
  chunkBlocks: bigint;
  prices: PriceInputs;
  spreadBps: number;
  requoteThresholdBps: number;
  refreshBelowFraction: number;
  quoteSize: bigint;
  ttlSeconds: bigint;
  stopBeforeMaturitySeconds: bigint;
  minQuoteLifeSeconds: bigint;
  inventory: { target: bigint; limit: bigint; skewBps: number };
  /** `inventory.seedSplit`: ETH split once into each quoted series held on neither side (undefined: off). */
  seedSplit?: bigint;
  ethReserve: bigint;
  fills: {
    enabled: boolean;
    maxFill: bigint;
    splitForFills: boolean;
    risk: MakerRisk;
    maxRestSeconds: bigint;
  };
  /** Config entries: id, volatility override, sides. Resolved into `MmSeries` at start. */
  seriesConfig: readonly { id: `0x${string}`; volatility?: number; sides: readonly ("P" | "N")[] }[];
  /**
   * Series created after start, on the core's WETH, on one of `indices` and on `oracle` if set, are added with
   * `sides` quoted (none: fills only).
   */
  discover: { enabled: boolean; oracle?: Address; indices: readonly Hex[]; sides: readonly ("P" | "N")[] };
  volatility: number;
};

/** What start() resolved: the series with their keys and tokens, and the collateral (WETH). */
export type MmWorld = { series: MmSeries[]; weth: Address };

export const refOf = (ctx: JobContext, s: MmSettings): MarketRef => ({
  client: ctx.publicClient,
  market: s.market,
  core: s.core,
  account: ctx.account,
});
