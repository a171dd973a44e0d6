// Builds the oracle job from the config's `oracle` section: sources per index, the ECB and CPI inputs, and the
// rules hash each index must have on chain.

import type { Job } from "../framework/job.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import { createSource } from "../sources/factory.ts";
import { CpiCsvSource, EcbCsvSource } from "../sources/fxCpi.ts";
import type { IndexSection, OracleSection } from "./config.ts";
import type { Question } from "./discovery.ts";
import { createOracleJob, type OracleIndex } from "./job.ts";
import { defaultRulesFile, rulesHashOf } from "./rules.ts";

export type OracleSetupDeps = {
  publicClient: KeeperPublicClient;
  resolvePath: (path: string) => string;
};

function buildIndex(section: IndexSection, deps: OracleSetupDeps): OracleIndex {
  const rulesFile =
    section.rulesFile === undefined ? defaultRulesFile(section.ticker) : deps.resolvePath(section.rulesFile);
  return {
    ticker: section.ticker,
    sources: section.sources.map((s) =>
      createSource(s, { client: deps.publicClient, resolvePath: deps.resolvePath }),
    ),
    minSources: section.minSources,
    ...(section.ecbFile === undefined
      ? {}
      : { ecb: new EcbCsvSource({ file: deps.resolvePath(section.ecbFile) }) }),
    ...(section.cpiFile === undefined
      ? {}
      : { cpi: new CpiCsvSource({ file: deps.resolvePath(section.cpiFile) }) }),
    toleranceBps: BigInt(section.toleranceBps),
    maxBondWei: section.maxBondEth,
    rulesHash: rulesHashOf(rulesFile),
  };
}

export function buildOracleJob(section: OracleSection, deps: OracleSetupDeps): Job<Question> {
  return createOracleJob({
    slowOracle: section.slowOracle,
    ...(section.core === undefined ? {} : { core: section.core }),
    fromBlock: BigInt(section.fromBlock),
    chunkBlocks: BigInt(section.logChunkBlocks),
    indices: section.indices.map((i) => buildIndex(i, deps)),
    staticQuestions: section.questions,
    settleSeries: section.settleSeries,
    withdrawCredits: section.withdrawCredits,
    maxRestMs: section.maxRestSeconds * 1000,
    valueTtlMs: section.valueCacheSeconds * 1000,
  });
}
