// Checks, at start, that each configured index on the SlowOracle is the index this keeper computes: its on-chain
// rulesHash must be the keccak256 of the rules text the keeper implements (docs/indices/<ticker>.txt).

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { indexIdFromTicker } from "@pn/core";
import { type Hex, keccak256 } from "viem";
import { KeeperError } from "../framework/errors.ts";
import type { Logger } from "../framework/log.ts";
import { decodeRevert } from "../framework/revert.ts";
import { type IndexConfigView, type OracleRef, readIndexConfig } from "./chain.ts";
import { RECOMMENDED_SOURCES } from "./indexValue.ts";

/** docs/indices in this repository. */
export const RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../docs/indices");

/** The rules file of `ticker` in this repository. */
export const defaultRulesFile = (ticker: string) => resolve(RULES_DIR, `${ticker}.txt`);

/** keccak256 of the file's bytes, as registered on chain. */
export function rulesHashOf(file: string): Hex {
  try {
    return keccak256(readFileSync(file));
  } catch (cause) {
    throw new KeeperError(`Cannot read the rules file ${file}.`, {
      fix: "Set rulesFile to the index's rules text (docs/indices/<ticker>.txt).",
      cause,
    });
  }
}

export class RulesMismatchError extends KeeperError {
  override name = "RulesMismatchError";

  constructor({
    ticker,
    onChain,
    ours,
    oracle,
  }: { ticker: string; onChain: Hex; ours: Hex; oracle: string }) {
    super(
      `Index ${ticker} on SlowOracle ${oracle} has rulesHash ${onChain}, but this keeper implements ${ours}.`,
      {
        fix: "The index was registered with other rules: do not answer it with these rules. Point the keeper at the right oracle, or remove the index from the config.",
      },
    );
  }
}

export class IndexNotRegisteredError extends KeeperError {
  override name = "IndexNotRegisteredError";

  constructor({ ticker, oracle }: { ticker: string; oracle: string }) {
    super(`Index ${ticker} is not registered on SlowOracle ${oracle}.`, {
      fix: "Check oracle.slowOracle in the config, or register the index (registerIndex) first.",
    });
  }
}

/** Reads the index's on-chain settings and checks its rules hash; warns loudly when fewer than 3 sources. */
export async function verifyRules(
  ref: OracleRef,
  index: { ticker: string; rulesHash: Hex; sources: readonly unknown[] },
  log: Logger,
): Promise<IndexConfigView> {
  if (index.sources.length < RECOMMENDED_SOURCES) {
    log.warn(
      `ONLY ${index.sources.length} PRICE SOURCE(S) FOR ${index.ticker}: the rules ask for the median of at least ${RECOMMENDED_SOURCES}; one bad feed can make this keeper propose or dispute wrongly`,
      { ticker: index.ticker, sources: index.sources.length },
    );
  }
  let config: IndexConfigView;
  try {
    config = await readIndexConfig(ref, indexIdFromTicker(index.ticker));
  } catch (error) {
    if (decodeRevert(error).errorName === "IndexNotFound") {
      throw new IndexNotRegisteredError({ ticker: index.ticker, oracle: ref.oracle });
    }
    throw error;
  }
  if (config.rulesHash.toLowerCase() !== index.rulesHash.toLowerCase()) {
    throw new RulesMismatchError({
      ticker: index.ticker,
      onChain: config.rulesHash,
      ours: index.rulesHash,
      oracle: ref.oracle,
    });
  }
  log.info("index verified", {
    ticker: index.ticker,
    rulesHash: config.rulesHash,
    bond: config.bond,
    challengeWindow: config.challengeWindow,
  });
  return config;
}
