// The market maker's test devnet: anvil at 2025-10-01T00:00Z (inside the CSV price data), the protocol deployed
// from the SDK's bytecode (DevWETH, PNCore, SlowOracle, PNMarket, RollRouter), two WETH series on USD at strike
// 2000 (A: 3 days, B: 31 days), a funded bot, and the bot run either in process or as a real child process.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseWad, type SeriesKey, seriesId, WAD } from "@pn/core";
import { createSeries, deployMarket, getSeries, type PnWriteClient, split } from "@pn/sdk";
import { type Account, type Address, publicActions } from "viem";
import type { Intent } from "../src/framework/state.ts";
import { createMmRuntime } from "../src/mm/run.ts";
import { accounts, deployProtocol, KEEPER_KEY, never, startDevnet, USD } from "./helpers/devnet.ts";
import { csvSources, inProcessRuntime, spawnKeeperProcess, testKeeperBase } from "./helpers/keeper.ts";

/** 2025-10-01T00:00:00Z, inside the CSV price data (ETH ≈ $4,150). */
export const T0 = 1_759_276_800n;
export const DAY = 86_400n;
export const STRIKE = parseWad("2000");

export const bot = accounts[1] ?? never();
export const roller = accounts[2] ?? never();
export const holder = accounts[3] ?? never();

export type MarketNet = Awaited<ReturnType<typeof startMarketNet>>;

export async function startMarketNet() {
  const net = await startDevnet({ timestamp: T0 });
  const protocol = await deployProtocol(net);
  const deployer = net.wallet(accounts[0] ?? never());
  const { market, router } = await deployMarket({
    walletClient: deployer,
    publicClient: net.publicClient,
    core: protocol.core,
  });
  const client = (account: Account): PnWriteClient => net.wallet(account).extend(publicActions);
  const key = (days: bigint): SeriesKey => ({
    collateral: protocol.weth,
    oracle: protocol.oracle,
    indexId: USD,
    strikeWad: STRIKE,
    maturity: T0 + days * DAY,
  });
  const keyA = key(3n);
  const keyB = key(31n);
  for (const k of [keyA, keyB])
    await net.confirm((await createSeries(client(holder), { core: protocol.core, key: k })).hash);
  const [a, b] = await Promise.all([
    getSeries(net.publicClient, { core: protocol.core, key: keyA }),
    getSeries(net.publicClient, { core: protocol.core, key: keyB }),
  ]);
  const splitFor = async (who: Account, k: SeriesKey, amount: bigint) =>
    net.confirm(await split(client(who), { core: protocol.core, key: k, amount, native: true }));
  // The bot starts with 5 P and 5 N of each series (its target) and ETH; the holder and the roller hold A.
  for (const k of [keyA, keyB]) await splitFor(bot, k, 5n * WAD);
  await splitFor(holder, keyA, 10n * WAD);
  await splitFor(roller, keyA, 5n * WAD);
  return {
    net,
    ...protocol,
    market,
    router,
    client,
    keyA,
    keyB,
    idA: seriesId(keyA),
    idB: seriesId(keyB),
    tokens: { pA: a.pToken, nA: a.nToken, pB: b.pToken, nB: b.nToken },
  };
}

/** Writes the bot's config into `dir`; returns its path. */
export function writeMmConfig(m: MarketNet, dir: string, rpcUrl = m.net.anvil.rpcUrl): string {
  const config = {
    ...testKeeperBase(rpcUrl, KEEPER_KEY),
    mm: {
      core: m.core,
      market: m.market,
      fromBlock: Number(m.startBlock),
      sources: csvSources,
      minSources: 2,
      maxPriceAgeSeconds: 7200,
      volatility: 0.7,
      spreadBps: 200,
      requoteThresholdBps: 50,
      quoteSize: "2",
      quoteTtlSeconds: 21_600,
      stopBeforeMaturitySeconds: 86_400,
      inventory: { target: "5", limit: "10", skewBps: 100 },
      fills: { maxRestSeconds: 0 },
      series: [{ id: m.idA }, { id: m.idB }],
    },
  };
  const file = join(dir, "mm.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The bot in this process; the test ticks it. */
export function inProcessMm(
  configFile: string,
  options: { afterRecord?: (i: Intent) => void; dryRun?: boolean } = {},
) {
  return inProcessRuntime((o) => createMmRuntime(configFile, o), options);
}

type Line = Record<string, unknown>;

/** The bot as a child process (`node apps/keeper/src/main.ts mm …`); `lines` fills with its JSON log lines. */
export function spawnMm(configFile: string, args: readonly string[] = []) {
  return spawnKeeperProcess({
    command: "mm",
    configFile,
    args,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    label: "mm",
    timeoutMs: 20_000,
  });
}

export const keyStarts = (msg: string, prefix: string) => (l: Line) =>
  l.msg === msg && typeof l.key === "string" && l.key.startsWith(prefix);

export type { Address };
