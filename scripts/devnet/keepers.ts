// Starts the devnet's keeper processes (apps/keeper) with generated configs, logs to .devnet/logs/.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import { repoRoot } from "../tools.ts";

const data = (file: string) => join(repoRoot, "data", file);
/** The hourly ETH/USD candles of Binance and Kraken (data/PROVENANCE.md). */
const hourlySources = [
  { type: "csv", name: "binance-1h", file: data("ethusdt_1h_binance.csv"), barSeconds: 3600 },
  { type: "csv", name: "kraken-1h", file: data("eth_usd_1h_kraken.csv"), barSeconds: 3600 },
];

/**
 * The oracle bot's config for the replay: three sources per index from the project's data (Binance and Kraken
 * hourly, the daily composite), answering every question on the devnet's series.
 */
export function oracleKeeperConfig(p: { rpcUrl: string; oracle: Address; core: Address; stateFile: string }) {
  const sources = [
    ...hourlySources,
    { type: "csv", name: "composite-1d", file: data("eth_usd_1d_composite.csv"), barSeconds: 86400 },
  ];
  const index = (ticker: string) => ({
    ticker,
    rulesFile: join(repoRoot, "docs", "indices", `${ticker}.txt`),
    maxBondEth: "2",
    minSources: 2,
    sources,
    ...(ticker === "EUR" ? { ecbFile: data("eurusd_daily_ecb.csv") } : {}),
    ...(ticker === "CPI-U" ? { cpiFile: data("us_cpi_u_monthly.csv") } : {}),
  });
  return {
    rpcUrl: p.rpcUrl,
    stateFile: p.stateFile,
    logLevel: "info",
    pollIntervalSeconds: 1,
    oracle: {
      slowOracle: p.oracle,
      core: p.core,
      fromBlock: 0,
      // Chain time runs a day every few seconds: re-check waiting questions every second of real time.
      maxRestSeconds: 1,
      indices: ["USD", "EUR", "CPI-U"].map(index),
    },
  };
}

/**
 * The market maker's config for the devnet: quotes P and N of `series` around Black-76 at 70% volatility with a
 * 200 bps spread, fills roll auctions that cross its price, and takes x from the same historical sources. Series
 * created on `oracle` after it starts (the grid's new maturities, the vault's next series) are discovered: it fills
 * auctions on them (the vault's rolls) without quoting them.
 */
export function mmKeeperConfig(p: {
  rpcUrl: string;
  core: Address;
  market: Address;
  oracle: Address;
  series: readonly Hex[];
  stateFile: string;
}) {
  return {
    rpcUrl: p.rpcUrl,
    stateFile: p.stateFile,
    logLevel: "info",
    pollIntervalSeconds: 2,
    actedCooldownSeconds: 1,
    mm: {
      core: p.core,
      market: p.market,
      fromBlock: 0,
      sources: hourlySources,
      minSources: 1,
      // A simulated day passes every few seconds: prices are read at chain time, whatever their wall-clock age.
      maxPriceAgeSeconds: 86_400,
      volatility: 0.7,
      spreadBps: 200,
      requoteThresholdBps: 100,
      quoteSize: "2",
      quoteTtlSeconds: 86_400,
      stopBeforeMaturitySeconds: 86_400,
      // The replay jumps chain time by hours each second: a quote must outlive a few jumps to be mined in time.
      minQuoteLifeSeconds: 43_200,
      // Starts each quoted series at its inventory target, so the book has asks (and atomic rolls a seller) from the start.
      inventory: { target: "5", limit: "20", skewBps: 100, seedSplit: "5" },
      ethReserve: "1",
      fills: { enabled: true, maxFill: "20", splitForFills: true, maxRestSeconds: 1 },
      // Only USD series: its sources measure ETH/USD, never EUR or CPI-U.
      discover: { enabled: true, oracle: p.oracle, indices: ["USD"] },
      series: p.series.map((id) => ({ id })),
    },
  };
}

/**
 * The vault keeper's config for the devnet: closes, re-enters and triggers the rolls of `vaults` (scheduled, or on
 * its price hint from the hourly sources), with the oracle's final values as references; no reward-versus-gas
 * check. Chain time runs a day every few seconds: it re-checks every second of real time.
 */
export function vaultKeeperConfig(p: { rpcUrl: string; vaults: readonly Address[]; stateFile: string }) {
  return {
    rpcUrl: p.rpcUrl,
    stateFile: p.stateFile,
    logLevel: "info",
    pollIntervalSeconds: 1,
    actedCooldownSeconds: 1,
    itemRetry: { baseSeconds: 1, maxSeconds: 10 },
    vault: {
      vaults: p.vaults,
      sources: hourlySources,
      minSources: 1,
      fromBlock: 0,
      maxRestSeconds: 1,
      // A scheduled roll opens as the old series matures: wait up to half a day of chain time (a few replay ticks)
      // for the oracle's answer at that instant, the reference that lets the strike rise.
      referenceWaitSeconds: 43_200,
    },
  };
}

export type KeeperProcess = { name: string; stop: () => Promise<void> };

/** Writes `config` to .devnet/<name>.json and runs `node apps/keeper/src/main.ts <command> --config …`. */
export function startKeeper(p: {
  name: string;
  command: string;
  config: object;
  privateKey: Hex;
  dir: string;
}) {
  const logs = join(p.dir, "logs");
  mkdirSync(logs, { recursive: true });
  const configPath = join(p.dir, `${p.name}.json`);
  writeFileSync(configPath, `${JSON.stringify(p.config, null, 2)}\n`);
  const log = createWriteStream(join(logs, `${p.name}.log`), { flags: "a" });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, "apps/keeper/src/main.ts"), p.command, "--config", configPath],
    {
      cwd: repoRoot,
      env: { ...process.env, PN_KEEPER_PRIVATE_KEY: p.privateKey },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    log.end();
  };
  return { name: p.name, stop } satisfies KeeperProcess;
}
