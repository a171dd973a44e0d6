// `npm start`'s devnet for the browser tests: spawns `node scripts/start.ts` (its own process group, free ports, its
// files under test-results/web-e2e-npm-start so a user's .devnet is never touched), waits for its ready line, the
// deployment file and the web app, adds the tests' fixtures on top (a position to redeem and one to roll atomically,
// on a dev account the bots do not use), and describes it all to the tests. The teardown is the Ctrl-C path: SIGINT to the whole process
// group, then it checks that start.ts exited 0 and that no anvil or keeper process and no port is left behind.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { indexIdFromTicker } from "@pn/core";
import { type ListedSeries, listSeries, parseDeployment, split } from "@pn/sdk";
import { freePort } from "@pn/sdk/testing";
import { createPublicClient, createWalletClient, http, parseEther, publicActions } from "viem";
import { READY_LINE } from "../../../scripts/devnet/options.ts";
import { repoRoot } from "../../../scripts/tools.ts";
import {
  devAccount,
  devChain,
  type E2eStartDevnet,
  START_ACCOUNTS,
  START_BOTS,
  toE2eSeries,
} from "./devnet.ts";

/**
 * The replayed window: February 2020 from Saturday the 1st, one simulated day every 3 s until the 15th (42 s of
 * replay), then chain time runs at wall-clock pace. The first weekly series (Friday the 7th) matures 18 s in and
 * the oracle bot proposes, finalizes and settles it a few seconds later. The vault's first scheduled roll opens on
 * the 14th (a week before its first series matures on the 21st): the vault keeper starts it within hours of chain
 * time, and the replay stops in the middle of its auction, so the market maker has wall-clock time to fill it.
 * The market maker quotes the series from three weeks out (the 28th, March's last Friday), live all run long: it
 * stops a day before maturity, and the run ends on the 15th (chain time) plus a few minutes of wall clock.
 */
export const START_WINDOW = { from: "2020-02-01", to: "2020-02-15", daySeconds: "3" } as const;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export type StartedDevnet = { devnet: E2eStartDevnet; stop: () => Promise<void> };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** True while any process of the group `pgid` is alive (zombies included until reaped). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes of group `pgid`, one "pid command" line each, from /proc. */
function groupProcesses(pgid: number): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      out.push(`${pid} ${cmd}`);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`npm start's devnet: ${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The USD series on the slow oracle maturing at `maturity` with the grid's `rank`-th strike (0 the lowest: 50% of
 * the index value at the start; 1 the middle: 65%).
 */
function pick(all: readonly ListedSeries[], oracle: string, maturity: string, rank = 0): ListedSeries {
  const usd = indexIdFromTicker("USD");
  const found = all
    .filter((s) => s.key.oracle === oracle && s.key.indexId === usd)
    .filter((s) => new Date(Number(s.key.maturity) * 1000).toISOString().startsWith(maturity))
    .sort((a, b) => (a.key.strikeWad < b.key.strikeWad ? -1 : 1))[rank];
  if (found === undefined)
    throw new Error(`npm start's devnet has no USD series maturing ${maturity} with strike #${rank + 1}`);
  return found;
}

/** Starts `npm start` for the tests; see the file comment. */
export async function startNpmDevnet(dir: string): Promise<StartedDevnet> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [port, webPort] = [await freePort(), await freePort()];
  const deploymentPath = join(dir, "deployment.json");
  const args = [
    ...["--port", String(port), "--web-port", String(webPort), "--out", deploymentPath],
    ...["--from", START_WINDOW.from, "--to", START_WINDOW.to, "--day-seconds", START_WINDOW.daySeconds],
  ];
  const log = createWriteStream(join(dir, "start.log"));
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, "scripts/start.ts"), ...args], {
    cwd: repoRoot,
    detached: true, // its own process group, as in a terminal: Ctrl-C reaches start.ts, anvil and the bots
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pgid = child.pid ?? 0;
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    log.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => log.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  // start.ts has its own process group, so a Ctrl-C of the test run does not reach it: should the runner end
  // without its teardown, the group goes with it.
  const orphanGuard = () => {
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  };
  process.once("exit", orphanGuard);
  void exited.then((code) => {
    exitCode = code;
  });

  const stop = async () => {
    process.off("exit", orphanGuard);
    if (exitCode === undefined) process.kill(-pgid, "SIGINT");
    const code = await Promise.race([
      exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), STOP_TIMEOUT_MS)),
    ]);
    const left = groupProcesses(pgid);
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    log.end();
    const problems: string[] = [];
    if (code === "timeout")
      problems.push(`start.ts did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGINT`);
    else if (code !== 0) problems.push(`start.ts exited with ${code}`);
    if (!stdout.includes("anvil stopped.")) problems.push('start.ts did not print "anvil stopped."');
    if (left.length > 0) problems.push(`processes left behind:\n  ${left.join("\n  ")}`);
    for (const [p, what] of [
      [port, "anvil"],
      [webPort, "web"],
    ] as const) {
      if (!(await portIsFree(p))) problems.push(`port ${p} (${what}) is still in use`);
    }
    if (problems.length > 0)
      throw new Error(
        `npm start did not stop cleanly on Ctrl-C (log: ${dir}/start.log):\n${problems.join("\n")}`,
      );
  };

  try {
    await until("no ready line", READY_TIMEOUT_MS, async () => {
      if (exitCode !== undefined) throw new Error(`start.ts exited with ${exitCode}:\n${stdout}`);
      return stdout.includes(READY_LINE) ? true : undefined;
    }).catch((error: unknown) => {
      if (exitCode !== undefined)
        throw new Error(`npm start exited with ${exitCode} before it was ready (log: ${dir}/start.log)`);
      throw error;
    });
    const deployment = parseDeployment(JSON.parse(readFileSync(deploymentPath, "utf8")), deploymentPath);
    const webUrl = `http://127.0.0.1:${webPort}/`;
    await until("the web app did not serve the deployment", 10_000, async () => {
      const [page, served] = await Promise.all([fetch(webUrl), fetch(`${webUrl}deployment.json`)]);
      if (!page.ok || !served.ok) return undefined;
      const json: { contracts?: { core?: string } } = await served.json();
      return json.contracts?.core === deployment.contracts.core ? true : undefined;
    });
    const { oracle, market, router } = deployment.contracts;
    const vault = deployment.contracts.vaults?.USD;
    if (oracle === undefined || market === undefined || router === undefined || vault === undefined)
      throw new Error("npm start's deployment names no slow oracle, market, router or USD vault");

    const chain = devChain(deployment.chainId, deployment.rpcUrl);
    const client = createPublicClient({ chain, transport: http(deployment.rpcUrl), pollingInterval: 50 });
    const all = await listSeries(client, { core: deployment.contracts.core, oracle });
    const near = pick(all, oracle, "2020-02-07");
    const rollFrom = pick(all, oracle, "2020-02-28");
    const rollTo = pick(all, oracle, "2020-03-27");
    const atomicFrom = pick(all, oracle, "2020-02-28", 1);
    const atomicTo = pick(all, oracle, "2020-03-27", 1);

    // The redeem test's position, split before the near series matures (18 s into the replay), and the atomic roll
    // test's, in a series the market maker quotes all run long.
    const positions = [
      [START_ACCOUNTS.redeemer, near, "1", "the redeem test"],
      [START_ACCOUNTS.roller, atomicFrom, "2", "the atomic roll test"],
    ] as const;
    for (const [index, series, eth, what] of positions) {
      const holder = createWalletClient({
        account: devAccount(index),
        chain,
        transport: http(deployment.rpcUrl),
        pollingInterval: 50,
      }).extend(publicActions);
      const hash = await split(holder, {
        core: deployment.contracts.core,
        key: series.key,
        amount: parseEther(eth),
        native: true,
      });
      const receipt = await holder.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${what}'s split on npm start's devnet failed`);
    }

    const devnet: E2eStartDevnet = {
      rpcUrl: deployment.rpcUrl,
      webUrl,
      chainId: deployment.chainId,
      core: deployment.contracts.core,
      slowOracle: oracle,
      market,
      router,
      vault,
      near: toE2eSeries(near.id, near.key),
      rollFrom: toE2eSeries(rollFrom.id, rollFrom.key),
      rollTo: toE2eSeries(rollTo.id, rollTo.key),
      atomicFrom: toE2eSeries(atomicFrom.id, atomicFrom.key),
      atomicTo: toE2eSeries(atomicTo.id, atomicTo.key),
      replayTo: String(Date.parse(`${START_WINDOW.to}T00:00:00Z`) / 1000),
      bots: {
        oracle: devAccount(START_BOTS.oracle).address,
        marketMaker: devAccount(START_BOTS.marketMaker).address,
        vaultKeeper: devAccount(START_BOTS.vaultKeeper).address,
      },
      deploymentPath,
      replayPath: join(dir, "replay.json"),
      logsDir: join(dir, "logs"),
    };
    return { devnet, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
