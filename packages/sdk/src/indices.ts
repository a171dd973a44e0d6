// The reference indices' on-chain registrations. Each index's `rulesHash` is keccak256 of the exact bytes of its
// rules text in docs/indices/<TICKER>.txt, so anyone can check which rules an index was registered with.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { INDEX_MAX_VALUE_WAD, INDEX_MIN_VALUE_WAD, type IndexTicker, indexIdFromTicker } from "@pn/core";
import { type Address, type Hex, keccak256, parseEther, toBytes } from "viem";

const rulesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/indices");

/** Defaults of a reference index: a 0.1 ETH bond, a 2-hour window, 4 dispute rounds, 3 days for the arbiter. */
export const DEFAULT_INDEX_SETTINGS = {
  bond: parseEther("0.1"),
  challengeWindow: 2 * 3600,
  arbitrationWindow: 3 * 24 * 3600,
  maxRounds: 4,
} as const;

/** The `IndexConfig` struct of ISlowOracle, as viem encodes it. */
export type IndexConfig = {
  rulesHash: Hex;
  bond: bigint;
  challengeWindow: number;
  arbitrationWindow: number;
  maxRounds: number;
  arbiter: Address;
  minValueWad: bigint;
  maxValueWad: bigint;
};

/** The exact rules text of a reference index. */
export function rulesText(ticker: IndexTicker): string {
  return readFileSync(join(rulesDir, `${ticker}.txt`), "utf8");
}

/** keccak256 of the rules file's bytes: the index's on-chain `rulesHash`. */
export function rulesHash(ticker: IndexTicker): Hex {
  return keccak256(toBytes(rulesText(ticker)));
}

export type IndexRegistration = { indexId: Hex; config: IndexConfig };

/** What `registerIndex` takes for a reference index, with its arbiter and optional overrides of the defaults. */
export function referenceIndex(
  ticker: IndexTicker,
  arbiter: Address,
  overrides: Partial<typeof DEFAULT_INDEX_SETTINGS> = {},
): IndexRegistration {
  return {
    indexId: indexIdFromTicker(ticker),
    config: {
      rulesHash: rulesHash(ticker),
      ...DEFAULT_INDEX_SETTINGS,
      ...overrides,
      arbiter,
      minValueWad: INDEX_MIN_VALUE_WAD,
      maxValueWad: INDEX_MAX_VALUE_WAD,
    },
  };
}
