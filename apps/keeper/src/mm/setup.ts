// Builds the market-maker job from the config's `mm` section: the price sources of its model and its settings.

import type { Job } from "../framework/job.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import { createSource } from "../sources/factory.ts";
import type { MmSection } from "./config.ts";
import { createMmJob, type MmItem } from "./job.ts";
import type { MmSettings } from "./settings.ts";

export type MmSetupDeps = { publicClient: KeeperPublicClient; resolvePath: (path: string) => string };

export function mmSettings(section: MmSection, deps: MmSetupDeps): MmSettings {
  const sources = section.sources.map((c) =>
    createSource(c, { client: deps.publicClient, resolvePath: deps.resolvePath }),
  );
  return {
    market: section.market,
    core: section.core,
    fromBlock: BigInt(section.fromBlock),
    chunkBlocks: BigInt(section.logChunkBlocks),
    prices: { sources, minSources: section.minSources, maxAgeSeconds: BigInt(section.maxPriceAgeSeconds) },
    spreadBps: section.spreadBps,
    requoteThresholdBps: section.requoteThresholdBps,
    refreshBelowFraction: section.refreshBelowFraction,
    quoteSize: section.quoteSize,
    ttlSeconds: BigInt(section.quoteTtlSeconds),
    stopBeforeMaturitySeconds: BigInt(section.stopBeforeMaturitySeconds),
    minQuoteLifeSeconds: BigInt(section.minQuoteLifeSeconds),
    inventory: {
      target: section.inventory.target,
      limit: section.inventory.limit,
      skewBps: section.inventory.skewBps,
    },
    ...(section.inventory.seedSplit === undefined ? {} : { seedSplit: section.inventory.seedSplit }),
    ethReserve: section.ethReserve,
    fills: {
      enabled: section.fills.enabled,
      maxFill: section.fills.maxFill,
      splitForFills: section.fills.splitForFills,
      risk: {
        volEdge: section.fills.volEdge,
        deltaHedgeBps: section.fills.deltaHedgeBps,
        gammaHorizonDays: section.fills.gammaHorizonDays,
        minFeeEth: Number(section.fills.minFeeEth) / 1e18,
      },
      maxRestSeconds: BigInt(Math.round(section.fills.maxRestSeconds)),
    },
    seriesConfig: section.series.map((c) => ({
      id: c.id,
      sides: c.sides,
      ...(c.volatility === undefined ? {} : { volatility: c.volatility }),
    })),
    discover: {
      enabled: section.discover.enabled,
      sides: section.discover.sides,
      indices: section.discover.indices,
      ...(section.discover.oracle === undefined ? {} : { oracle: section.discover.oracle }),
    },
    volatility: section.volatility,
  };
}

export function buildMmJob(section: MmSection, deps: MmSetupDeps): Job<MmItem> {
  return createMmJob(mmSettings(section, deps));
}
