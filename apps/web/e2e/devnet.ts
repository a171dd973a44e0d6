// The devnet the browser tests run against, as global-setup.ts describes it to the tests (a JSON file named by
// PN_E2E): the RPC, the web app's URL, the contracts and the series the tests use.
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
  /** Same strike, eight weeks after near: where the roll tests roll `far` into. */
  later: E2eSeries;
  /** USD 1500 on the slow oracle, a week after near: settled through a proposal and the challenge window. */
  slowMid: E2eSeries;
  deploymentPath: string;
  /** A PNVault on the slow oracle, named in the slow-oracle deployment file. */
  vault: Address;
  /** Where a test writes the replay's status for serveWeb's /replay.json (beside the deployment file). */
  replayPath: string;
};

export const E2E_ENV = "PN_E2E";
/** The dev account that holds a position in the near series before the run (the redeem test uses it). */
export const REDEEM_ACCOUNT = 4;
/** Holds P and N of `far` before the run: rolls them by auction and atomically. */
export const ROLL_ACCOUNT = 8;
/** The market maker of the roll tests (the deployer: plenty of ETH). */
export const MAKER_ACCOUNT = 0;
/** Holds P and N of `slowMid` before the run: settles and redeems them. */
export const SLOW_ACCOUNT = 2;

export function readE2eDevnet(): E2eDevnet {
  const path = process.env[E2E_ENV];
  if (path === undefined)
    throw new Error(`${E2E_ENV} is not set: run the suite through playwright.config.ts.`);
  const parsed: E2eDevnet = JSON.parse(readFileSync(path, "utf8"));
  return parsed;
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
