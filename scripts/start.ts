// `npm start`: the whole system on a local devnet. Starts anvil at the start of a historical window, deploys the
// core, the slow oracle (USD, EUR and CPI-U registered; a 2-of-3 committee of dev accounts as arbiter), the market
// and its router, the USD vault (seeded with a deposit), creates the series grid, starts the oracle bot, the market
// maker and the vault's roll keeper on the project's historical data, serves the web app, and replays ETH price
// history at accelerated time. Ctrl-C stops everything. See scripts/devnet/options.ts and docs/devnet.md.
//   --rpc <url> [--private-key <key>]   deploys the protocol to any EVM RPC instead, and exits.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative } from "node:path";
import { indexIdFromTicker, seriesId } from "@pn/core";
import { fromAbiKey, listSeries, pnVaultAbi } from "@pn/sdk";
import { type Anvil, AnvilStartError, startAnvil } from "@pn/sdk/testing";
import { BaseError, createPublicClient, createTestClient, type Hex, http } from "viem";
import { type Account, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { serveWeb, WebServeError } from "../apps/web/scripts/serve.ts";
import { roundStrike } from "./devnet/grid.ts";
import { mmKeeperConfig, oracleKeeperConfig, startKeeper, vaultKeeperConfig } from "./devnet/keepers.ts";
import { parseStartOptions, READY_LINE, StartError, type StartOptions } from "./devnet/options.ts";
import { iso, startReplay } from "./devnet/replay.ts";
import { loadReplayData } from "./devnet/replayData.ts";
import { type Clients, deployStack, ensureGrid } from "./devnet/stack.ts";
import { deployDevnetVault, seedVault } from "./devnet/vault.ts";
import {
  deployDevnet,
  devAccounts,
  devMnemonic,
  devnetClients,
  formatDevnet,
  toDeployment,
} from "./lib/devnet.ts";
import { repoRoot } from "./tools.ts";

/** Ctrl-C reaches anvil and the bots too (one process group): once it arrives, in-flight failures are expected. */
let shuttingDown = false;
const report = (line: string) => {
  if (!shuttingDown) console.log(line);
};

function assertPortFree(port: number, what: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () =>
      reject(
        new StartError(
          `Port ${port} (${what}) is already in use: stop what is using it, or pass ${flag} <n>.`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** Deploys everything and writes the deployment file. */
async function deployAll(rpcUrl: string, account: Account, out: string) {
  const data = loadReplayData();
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const { timestamp } = await probe.getBlock();
  const exampleStrikeWad = roundStrike(data.ethUsdAt(timestamp) / 2n);
  const devnet = await deployDevnet({ rpcUrl, account, exampleStrikeWad });
  const clients: Clients = devnetClients({ rpcUrl, chainId: devnet.chainId, account });
  const stack = await deployStack(clients, devnet.core);
  const known = new Set<string>();
  const grid = { core: devnet.core, weth: devnet.weth, oracle: stack.oracle };
  const values = data.valuesAt(timestamp);
  await ensureGrid(clients, { ...grid, now: timestamp, values }, known);
  const vault = await deployDevnetVault(clients, {
    market: stack.market,
    oracle: stack.oracle,
    refPriceWad: values.get("USD") ?? data.ethUsdAt(timestamp),
  });
  const deployment = toDeployment(devnet);
  deployment.contracts = { ...deployment.contracts, ...stack, vaults: { USD: vault } };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(deployment, null, 2)}\n`);
  return { devnet, stack: { ...stack, vault }, clients, data, known, grid };
}

/**
 * The USD series on the slow oracle maturing at least three weeks after the start, and the vault's series: the
 * market maker's book. It discovers the series created later (the vault's next ones among them) by itself.
 */
async function marketMadeSeries(all: Awaited<ReturnType<typeof deployAll>>): Promise<Hex[]> {
  const { timestamp } = await all.clients.publicClient.getBlock();
  const listed = await listSeries(all.clients.publicClient, {
    core: all.devnet.core,
    oracle: all.stack.oracle,
  });
  const current = await all.clients.publicClient.readContract({
    address: all.stack.vault,
    abi: pnVaultAbi,
    functionName: "currentSeries",
  });
  const later = listed.filter(
    (s) => s.key.indexId === indexIdFromTicker("USD") && s.key.maturity >= timestamp + 21n * 86_400n,
  );
  // The vault's first series is often one of the grid's (same strike and Friday): listed once.
  return [...new Set([...later.map((s) => s.id), seriesId(fromAbiKey(current))])];
}

function untilSignal(): Promise<void> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  return new Promise((resolve) => {
    const done = () => {
      shuttingDown = true;
      clearInterval(keepAlive);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}

/** The bots, one dev account each: 1 the oracle, 2 the market maker, 6 the vault's roll trigger. */
const BOTS = { oracle: 1, marketMaker: 2, vault: 6 } as const;
/** The vault's first deposit, so that the replay shows its rolls. */
const VAULT_SEED_ETH = "10";

/** Starts the oracle bot, the market maker and the vault keeper; returns their stops. */
async function startKeepers(
  all: Awaited<ReturnType<typeof deployAll>>,
  rpcUrl: string,
  dir: string,
): Promise<(() => Promise<void>)[]> {
  const keyOf = (index: number) => devAccounts(index + 1)[index]?.privateKey ?? "0x";
  const stateFile = (name: string) => join(dir, "state", `${name}.json`);
  const logOf = (name: string) => `${relative(repoRoot, dir) || "."}/logs/${name}.log`;
  const { oracle, market, vault } = all.stack;
  const core = all.devnet.core;
  const oracleBot = startKeeper({
    name: "oracle-keeper",
    command: "oracle",
    config: oracleKeeperConfig({ rpcUrl, oracle, core, stateFile: stateFile("oracle-keeper") }),
    privateKey: keyOf(BOTS.oracle),
    dir,
  });
  console.log(`Oracle bot (dev account ${BOTS.oracle}) running; logs in ${logOf("oracle-keeper")}`);
  const made = await marketMadeSeries(all);
  const mm = startKeeper({
    name: "mm-keeper",
    command: "mm",
    config: mmKeeperConfig({ rpcUrl, core, market, oracle, series: made, stateFile: stateFile("mm-keeper") }),
    privateKey: keyOf(BOTS.marketMaker),
    dir,
  });
  console.log(
    `Market maker (dev account ${BOTS.marketMaker}) quoting ${made.length} series; logs in ${logOf("mm-keeper")}`,
  );
  const vaultKeeper = startKeeper({
    name: "vault-keeper",
    command: "vault",
    config: vaultKeeperConfig({ rpcUrl, vaults: [vault], stateFile: stateFile("vault-keeper") }),
    privateKey: keyOf(BOTS.vault),
    dir,
  });
  console.log(`Vault roll keeper (dev account ${BOTS.vault}) running; logs in ${logOf("vault-keeper")}`);
  return [oracleBot.stop, mm.stop, vaultKeeper.stop];
}

async function runLocal(opts: StartOptions): Promise<void> {
  await assertPortFree(opts.port, "anvil", "--port");
  if (opts.web && !opts.once) await assertPortFree(opts.webPort, "web app", "--web-port");
  // Keeper configs, state and logs live beside the deployment file (.devnet/ by default; --out moves them too).
  const dir = dirname(opts.out);
  rmSync(join(dir, "replay.json"), { force: true }); // a previous run's replay time is stale
  rmSync(join(dir, "state"), { recursive: true, force: true }); // the keepers' records of a previous chain
  const anvil: Anvil = await startAnvil({ port: opts.port, timestamp: opts.from });
  const stops: (() => Promise<void>)[] = [() => anvil.stop()];
  try {
    const all = await deployAll(anvil.rpcUrl, mnemonicToAccount(devMnemonic), opts.out);
    await seedVault(all.clients, all.stack.vault, VAULT_SEED_ETH);
    console.log(formatDevnet(all.devnet, devAccounts(), all.stack));
    console.log(`\nDeployment written to ${relative(repoRoot, opts.out)}`);
    console.log(`Vault seeded with ${VAULT_SEED_ETH} ETH by dev account 0.`);
    if (opts.once) return;
    if (opts.keepers) stops.unshift(...(await startKeepers(all, anvil.rpcUrl, dir)));
    if (opts.web) {
      const web = await serveWeb({
        port: opts.webPort,
        deploymentPath: opts.out,
        log: (l) => console.log(l),
      });
      stops.unshift(web.close);
      console.log(`Web app: ${web.url}`);
    }
    if (opts.replay) {
      const testClient = createTestClient({ mode: "anvil", transport: http(anvil.rpcUrl) });
      const replay = startReplay({
        testClient,
        from: opts.from,
        to: opts.to,
        daySeconds: opts.daySeconds,
        statusFile: join(dirname(opts.out), "replay.json"),
        ethUsdAt: all.data.ethUsdAt,
        log: report,
        onTick: async (t) => {
          const created = await ensureGrid(
            all.clients,
            { ...all.grid, now: t, values: all.data.valuesAt(t) },
            all.known,
          );
          if (created > 0)
            console.log(`${iso(t)}  ETH/USD ${all.data.ethUsdAt(t) / 10n ** 18n}: ${created} new series`);
        },
      });
      stops.unshift(replay.stop);
      console.log(`Replaying ${iso(opts.from)} → ${iso(opts.to)}, one day every ${opts.daySeconds} s.`);
    }
    console.log(`\n${READY_LINE}: everything is up. Press Ctrl-C to stop.`);
    await untilSignal();
  } finally {
    for (const stop of stops) await stop().catch(() => {});
    console.log("anvil stopped.");
  }
}

async function main(): Promise<void> {
  const opts = parseStartOptions(process.argv.slice(2));
  if (opts.rpc === undefined) return runLocal(opts);
  const account = opts.key ? privateKeyToAccount(opts.key) : mnemonicToAccount(devMnemonic);
  const all = await deployAll(opts.rpc, account, opts.out);
  console.log(formatDevnet(all.devnet, [], all.stack));
  console.log(`\nDeployment written to ${relative(repoRoot, opts.out)}`);
}

main().catch((err: unknown) => {
  if (err instanceof StartError || err instanceof AnvilStartError || err instanceof WebServeError) {
    console.error(`start: ${err.message}`);
  } else if (err instanceof BaseError) {
    console.error(`start: ${err.shortMessage}${err.details ? ` (${err.details})` : ""}`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
