// The crash run's devnet and keepers: the vault's rules (the Foundry crash scenario's policy), the price sources of
// 2020 (Binance and Kraken hourly, the composite daily), one account per keeper, and the configs of the oracle bot,
// the market-maker bot and the vault roll keeper, each run as a real child process (`node apps/keeper/src/main.ts`).

import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { lowerMedian } from "@pn/core";
import { pnVaultAbi, type VaultRules, weeklyVaultRules } from "@pn/sdk";
import { type Address, type Hex, type PublicClient, toHex } from "viem";
import { type HDAccount, mnemonicToAccount } from "viem/accounts";
import { getContractEvents } from "viem/actions";
import { CsvReplaySource } from "../src/sources/csvReplay.ts";
import type { VaultConfigInput } from "../src/vault/config.ts";
import { MNEMONIC, repoRoot, USD } from "./helpers/devnet.ts";
import { spawnKeeperProcess, testKeeperBase } from "./helpers/keeper.ts";

export const HOUR = 3_600n;
export const DAY = 86_400n;
/** 2020-01-03 08:00 UTC, a Friday: the weekly maturity grid. */
export const ORIGIN = 1_578_038_400n;

/** A funded anvil account by index, with its private key (each keeper signs with its own). */
export function account(index: number): { address: Address; key: Hex; account: HDAccount } {
  const a = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  const key = a.getHdKey().privateKey;
  if (key === null) throw new Error(`no private key for account ${index}`);
  return { address: a.address, key: toHex(key), account: a };
}

const data = (file: string) => resolve(repoRoot, "data", file);
/** Hourly sources that cover 2020 (data/PROVENANCE.md). */
export const hourlySources = [
  { type: "csv", name: "binance-1h", file: data("ethusdt_1h_binance.csv"), barSeconds: 3600 },
  { type: "csv", name: "kraken-1h", file: data("eth_usd_1h_kraken.csv"), barSeconds: 3600 },
] as const;
/** The oracle's three: the hourly two and the composite daily (used at 00:00 UTC only). */
export const oracleSources = [
  ...hourlySources,
  { type: "csv", name: "composite-1d", file: data("eth_usd_1d_composite.csv"), barSeconds: 86400 },
] as const;

/** The lower median of the hourly sources' latest candles at `t`: the price the keepers see. */
export async function priceAt(t: bigint): Promise<bigint> {
  const sources = hourlySources.map(
    (s) => new CsvReplaySource({ name: s.name, file: s.file, barSeconds: BigInt(s.barSeconds) }),
  );
  const prices = await Promise.all(sources.map((s) => s.priceAt(t)));
  return lowerMedian(prices.flatMap((p) => (p === undefined ? [] : [p.priceWad])));
}

/**
 * The crash scenario's policy (contracts/test/vault/scenario/CrashMarch2020.t.sol): strike half the price on two
 * significant digits, signal roll below 1.5·S at most every 3 days, 4-week tenor on the weekly Friday 08:00 grid,
 * scheduled roll a week ahead (a reference at most a day old may raise the strike), 12-hour linear auctions from 101%
 * to 95% of the strike ratio and 12 hours at the floor; re-entry sales from 120% to 80%; reward 1 bp, at most 0.01.
 */
export function crashRules(oracle: Address): VaultRules {
  return weeklyVaultRules({
    oracle,
    indexId: USD,
    origin: ORIGIN,
    auctionDuration: 12n * HOUR,
    auctionPatience: 12n * HOUR,
    rollStartBps: 10_100n,
    rollFloorBps: 9_500n,
  });
}

/** The fields every keeper of the run shares: the test defaults, polling faster, waiting longer on a busy node. */
const base = (rpcUrl: string, key: Hex) =>
  testKeeperBase(rpcUrl, key, {
    pollIntervalSeconds: 0.05,
    rpc: { timeoutMs: 10_000, retryCount: 0, outageBackoffBaseMs: 100, outageBackoffMaxMs: 400 },
    sender: { confirmTimeoutSeconds: 20, maxAttempts: 3 },
  });

const write = (dir: string, name: string, config: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
};

export type RunAddresses = {
  core: Address;
  market: Address;
  oracle: Address;
  vault: Address;
  fromBlock: bigint;
};

/** The oracle bot: answers every maturity of the core's series on the slow oracle from the 2020 data. */
export function writeOracleConfig(dir: string, rpcUrl: string, key: Hex, a: RunAddresses): string {
  return write(dir, "oracle.json", {
    ...base(rpcUrl, key),
    oracle: {
      slowOracle: a.oracle,
      core: a.core,
      fromBlock: Number(a.fromBlock),
      maxRestSeconds: 0,
      indices: [{ ticker: "USD", toleranceBps: 10, maxBondEth: "1", minSources: 3, sources: oracleSources }],
    },
  });
}

/** The market maker: fills roll auctions and re-entry sales on every USD series of the oracle (discovered). */
export function writeMmConfig(dir: string, rpcUrl: string, key: Hex, a: RunAddresses): string {
  return write(dir, "mm.json", {
    ...base(rpcUrl, key),
    mm: {
      core: a.core,
      market: a.market,
      fromBlock: Number(a.fromBlock),
      sources: hourlySources,
      minSources: 1,
      maxPriceAgeSeconds: 7200,
      volatility: 1.0,
      quoteSize: "1",
      inventory: { target: "0", limit: "100000" },
      fills: { maxFill: "100000", maxRestSeconds: 0 },
      discover: { enabled: true, oracle: a.oracle, indices: ["USD"] },
    },
  });
}

/**
 * The vault roll keeper (no profitability check, as on a devnet). It waits up to a day (the rules' `maxRefAge`)
 * after the scheduled roll opens for the oracle's answer at the last maturity, so the run's coarse steps still let
 * that reference raise the strike.
 */
export function writeVaultConfig(dir: string, rpcUrl: string, key: Hex, a: RunAddresses): string {
  const config: VaultConfigInput = {
    ...base(rpcUrl, key),
    vault: {
      vaults: [a.vault],
      sources: [...hourlySources],
      minSources: 1,
      maxPriceAgeSeconds: 7200,
      fromBlock: Number(a.fromBlock),
      referenceWaitSeconds: 86_400,
      maxRestSeconds: 0,
    },
  };
  return write(dir, "vault.json", config);
}

export type Keeper = ReturnType<typeof spawnKeeper>;

export function spawnKeeper(
  command: "oracle" | "mm" | "vault",
  configFile: string,
  args: readonly string[] = [],
) {
  return spawnKeeperProcess({
    command,
    configFile,
    args,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    label: command,
    timeoutMs: 60_000,
  });
}

const counted = new WeakMap<Keeper, { seen: number; ticks: number }>();

/** Ticks the keeper has completed (one "tick" log line per job per tick), counted incrementally. */
export function ticks(k: Keeper): number {
  const c = counted.get(k) ?? { seen: 0, ticks: 0 };
  for (; c.seen < k.lines.length; c.seen++) if (k.lines[c.seen]?.msg === "tick") c.ticks++;
  counted.set(k, c);
  return c.ticks;
}

/** Waits until every keeper has completed `n` more ticks (so each has seen the latest block). */
export async function settle(keepers: readonly Keeper[], n = 2, timeoutMs = 60_000): Promise<void> {
  const target = keepers.map((k) => ticks(k) + n);
  const end = Date.now() + timeoutMs;
  while (keepers.some((k, i) => ticks(k) < (target[i] ?? 0))) {
    for (const k of keepers) {
      if (k.child.exitCode !== null) throw new Error(`a keeper exited with code ${k.child.exitCode}`);
    }
    if (Date.now() > end) throw new Error(`keepers did not tick ${n} times within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type VaultEventName = "RollStarted" | "AuctionClosed" | "Reentered";

/** A vault's events of one kind since `fromBlock`. */
export function vaultEvents<N extends VaultEventName>(
  client: PublicClient,
  p: { vault: Address; eventName: N; fromBlock: bigint },
) {
  return getContractEvents(client, {
    address: p.vault,
    abi: pnVaultAbi,
    eventName: p.eventName,
    fromBlock: p.fromBlock,
    strict: true,
  });
}
