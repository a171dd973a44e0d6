// `npm start`: the whole system on a local devnet. Starts anvil at the start of a historical window, deploys the
// core, the slow oracle (USD, EUR and CPI-U registered; a 2-of-3 committee of dev accounts as arbiter), the market
// and its router, creates the series grid, starts the oracle bot on the project's historical data, serves the web
// app, and replays ETH price history at accelerated time. Ctrl-C stops everything. See scripts/devnet/options.ts.
//   --rpc <url> [--private-key <key>]   deploys the protocol to any EVM RPC instead, and exits.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative } from "node:path";
import { indexIdFromTicker } from "@pn/core";
import { listSeries } from "@pn/sdk";
import { type Anvil, AnvilStartError, startAnvil } from "@pn/sdk/testing";
import { BaseError, createPublicClient, createTestClient, type Hex, http } from "viem";
import { type Account, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { serveWeb, WebServeError } from "../apps/web/scripts/serve.ts";
import { roundStrike } from "./devnet/grid.ts";
import { type KeeperProcess, mmKeeperConfig, oracleKeeperConfig, startKeeper } from "./devnet/keepers.ts";
import { parseStartOptions, READY_LINE, StartError, type StartOptions } from "./devnet/options.ts";
import { iso, startReplay } from "./devnet/replay.ts";
import { loadReplayData } from "./devnet/replayData.ts";
import { type Clients, deployStack, ensureGrid } from "./devnet/stack.ts";
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
  await ensureGrid(clients, { ...grid, now: timestamp, values: data.valuesAt(timestamp) }, known);
  const deployment = toDeployment(devnet);
  deployment.contracts = { ...deployment.contracts, ...stack };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(deployment, null, 2)}\n`);
  return { devnet, stack, clients, data, known, grid };
}

/** The USD series on the slow oracle maturing at least three weeks after the start: the market maker's book. */
async function marketMadeSeries(all: Awaited<ReturnType<typeof deployAll>>): Promise<Hex[]> {
  const { timestamp } = await all.clients.publicClient.getBlock();
  const listed = await listSeries(all.clients.publicClient, {
    core: all.devnet.core,
    oracle: all.stack.oracle,
  });
  return listed
    .filter((s) => s.key.indexId === indexIdFromTicker("USD") && s.key.maturity >= timestamp + 21n * 86_400n)
    .map((s) => s.id);
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

async function runLocal(opts: StartOptions): Promise<void> {
  await assertPortFree(opts.port, "anvil", "--port");
  if (opts.web && !opts.once) await assertPortFree(opts.webPort, "web app", "--web-port");
  // Keeper configs, state and logs live beside the deployment file (.devnet/ by default; --out moves them too).
  const dir = dirname(opts.out);
  const shown = relative(repoRoot, dir) || ".";
  rmSync(join(dir, "replay.json"), { force: true }); // a previous run's replay time is stale
  rmSync(join(dir, "state"), { recursive: true, force: true }); // the keepers' records of a previous chain
  const anvil: Anvil = await startAnvil({ port: opts.port, timestamp: opts.from });
  const stops: (() => Promise<void>)[] = [() => anvil.stop()];
  try {
    const all = await deployAll(anvil.rpcUrl, mnemonicToAccount(devMnemonic), opts.out);
    console.log(formatDevnet(all.devnet, devAccounts(), all.stack));
    console.log(`\nDeployment written to ${relative(repoRoot, opts.out)}`);
    if (opts.once) return;
    if (opts.keepers) {
      const config = oracleKeeperConfig({
        rpcUrl: anvil.rpcUrl,
        oracle: all.stack.oracle,
        core: all.devnet.core,
        stateFile: join(dir, "state", "oracle-keeper.json"),
      });
      const key = devAccounts(2)[1]?.privateKey ?? "0x";
      const keeper: KeeperProcess = startKeeper({
        name: "oracle-keeper",
        command: "oracle",
        config,
        privateKey: key,
        dir,
      });
      stops.unshift(keeper.stop);
      console.log(`Oracle bot (dev account 1) running; logs in ${shown}/logs/oracle-keeper.log`);
      const made = await marketMadeSeries(all);
      const mmConfig = mmKeeperConfig({
        rpcUrl: anvil.rpcUrl,
        core: all.devnet.core,
        market: all.stack.market,
        series: made,
        stateFile: join(dir, "state", "mm-keeper.json"),
      });
      const mmKey = devAccounts(3)[2]?.privateKey ?? "0x";
      const mm = startKeeper({
        name: "mm-keeper",
        command: "mm",
        config: mmConfig,
        privateKey: mmKey,
        dir,
      });
      stops.unshift(mm.stop);
      console.log(
        `Market maker (dev account 2) quoting ${made.length} series; logs in ${shown}/logs/mm-keeper.log`,
      );
    }
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
