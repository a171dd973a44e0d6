// Builds the vault roll-trigger job from the config's `vault` section: the hint's price sources and its settings.

import type { Job } from "../framework/job.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import { createSource } from "../sources/factory.ts";
import type { VaultSection } from "./config.ts";
import { createVaultJob, type VaultItem, type VaultJobSettings } from "./job.ts";

export type VaultSetupDeps = { publicClient: KeeperPublicClient; resolvePath: (path: string) => string };

export function vaultSettings(section: VaultSection, deps: VaultSetupDeps): VaultJobSettings {
  return {
    vaults: section.vaults,
    prices: {
      sources: section.sources.map((c) =>
        createSource(c, { client: deps.publicClient, resolvePath: deps.resolvePath }),
      ),
      minSources: section.minSources,
      maxAgeSeconds: BigInt(section.maxPriceAgeSeconds),
    },
    useReference: section.useReference,
    referenceWaitSeconds: BigInt(Math.round(section.referenceWaitSeconds)),
    fromBlock: BigInt(section.fromBlock),
    chunkBlocks: BigInt(section.logChunkBlocks),
    maxRestSeconds: BigInt(Math.round(section.maxRestSeconds)),
    profitability: section.profitability,
    minBalanceWei: section.minBalanceEth,
  };
}

export function buildVaultJob(section: VaultSection, deps: VaultSetupDeps): Job<VaultItem> {
  return createVaultJob(vaultSettings(section, deps));
}
