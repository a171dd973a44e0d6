// The two devnets the browser tests run against, as global-setup.ts describes them to the tests (JSON files named
// by PN_E2E_START and PN_E2E): `npm start`'s devnet with its bots (npmStart.ts; the specs in e2e/npm-start/) and
// the fixture devnet whose chain time the tests move themselves (fixtureDevnet.ts; the specs in e2e/fixture/).
import { readFileSync } from "node:fs";
import type { SeriesKey } from "@pn/core";
import { type Account, type Address, type Chain, defineChain, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { devMnemonic } from "../../../scripts/lib/devnet.ts";

/** JSON-safe series: the key's bigints as decimal strings. */
export type E2eSeries = {
  id: Hex;
  key: { collateral: Address; oracle: Address; indexId: Hex; strikeWad: string; maturity: string };
};

export type E2eDevnet = {
  rpcUrl: string;
  webUrl: string;
  /** The app on a deployment file that also names `slowOracle`. */
  slowOracleWebUrl: string;
  slowOracle: Address;
  chainId: number;
  core: Address;
  devOracle: Address;
  market: Address;
  router: Address;
  /** The devnet's example series (USD 1500, next Friday 08:00 UTC): matured and settled by the tests. */
  near: E2eSeries;
  /** Same strike, four weeks later: stays live through the whole run. */
  far: E2eSeries;
  /** Same strike, eight weeks after near: where the rejected roll auction rolls `far` into. */
  later: E2eSeries;
  /** USD 1500 on the slow oracle, a week after near: settled through a proposal and the challenge window. */
  slowMid: E2eSeries;
  deploymentPath: string;
  /** A PNVault on the slow oracle, named in the slow-oracle deployment file. */
  vault: Address;
  /** Where a test writes the replay's status for serveWeb's /replay.json (beside the deployment file). */
  replayPath: string;
};

/** `npm start`'s devnet, as npmStart.ts found it. */
export type E2eStartDevnet = {
  rpcUrl: string;
  webUrl: string;
  chainId: number;
  core: Address;
  slowOracle: Address;
  market: Address;
  router: Address;
  /** The devnet's USD vault (`contracts.vaults.USD`), seeded with a deposit; its keeper rolls it. */
  vault: Address;
  /** USD on the slow oracle, lowest strike, maturing Friday 2020-02-07: the oracle bot settles it early on. */
  near: E2eSeries;
  /** Lowest strike, maturing 2020-02-28 and 2020-03-27: both quoted by the market maker, live all run long. */
  rollFrom: E2eSeries;
  rollTo: E2eSeries;
  /**
   * The middle strike, same maturities: quoted by the market maker (asks from its seeded inventory, bids) all run
   * long and touched by no other test, so the atomic roll meets the bot's own book.
   */
  atomicFrom: E2eSeries;
  atomicTo: E2eSeries;
  /** The end of the replay's window (unix seconds): from then on chain time runs at the wall clock's pace. */
  replayTo: string;
  /** The bots' accounts: the oracle bot's proposals and the market maker's fills come from these. */
  bots: { oracle: Address; marketMaker: Address; vaultKeeper: Address };
  deploymentPath: string;
  /** The replay's status file, served as /replay.json. */
  replayPath: string;
  /** The keepers' logs. */
  logsDir: string;
};

/**
 * Dev accounts on `npm start`'s devnet. The devnet itself uses 0 (deployer, grid upkeep, the vault's seed deposit),
 * 1 (oracle bot), 2 (market maker), 6 (vault keeper) and 7-9 (the oracle's committee); the tests use 3-5.
 */
export const START_BOTS = { oracle: 1, marketMaker: 2, vaultKeeper: 6 } as const;
export const START_ACCOUNTS = {
  /** Splits in the UI, then rolls that position by auction. */
  trader: 3,
  /** Holds P and N of `near` from the global setup; redeems them once the oracle bot has settled. */
  redeemer: 4,
  /**
   * Holds P and N of `atomicFrom` from the global setup; rolls P atomically into `atomicTo`. The redeemer's account:
   * the two tests touch different series.
   */
  roller: 4,
  /** The injected-wallet test's account; the bad-input test's too (it checks that nothing is sent). */
  wallet: 5,
} as const;

export const E2E_START_ENV = "PN_E2E_START";
export const E2E_ENV = "PN_E2E";
/** The dev account that holds a position in the near series before the run (the redeem test uses it). */
export const REDEEM_ACCOUNT = 4;
/** Holds P and N of `far` before the run: posts the roll auction the market rejects. */
export const ROLL_ACCOUNT = 8;
/** Holds P and N of `slowMid` before the run: settles and redeems them. */
export const SLOW_ACCOUNT = 2;

function readDescription<T>(env: string): T {
  const path = process.env[env];
  if (path === undefined) throw new Error(`${env} is not set: run the suite through playwright.config.ts.`);
  const parsed: T = JSON.parse(readFileSync(path, "utf8"));
  return parsed;
}

export function readE2eDevnet(): E2eDevnet {
  return readDescription<E2eDevnet>(E2E_ENV);
}

export function readE2eStartDevnet(): E2eStartDevnet {
  return readDescription<E2eStartDevnet>(E2E_START_ENV);
}

export function toE2eSeries(id: Hex, key: SeriesKey): E2eSeries {
  return { id, key: { ...key, strikeWad: key.strikeWad.toString(), maturity: key.maturity.toString() } };
}

export function seriesKey(series: E2eSeries): SeriesKey {
  return { ...series.key, strikeWad: BigInt(series.key.strikeWad), maturity: BigInt(series.key.maturity) };
}

export function devAccount(index: number): Account {
  return mnemonicToAccount(devMnemonic, { addressIndex: index });
}

export function devChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: "pn devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
