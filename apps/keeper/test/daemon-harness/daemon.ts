// Runs the daemon in the tests: a config file in a temp dir, then either in process (the test ticks it) or as a
// real child process (`node apps/keeper/src/main.ts daemon …`) whose JSON log lines the test watches.
// DAEMON_DEBUG=1 prints a daemon's log lines (info and up) to stderr when it is stopped or killed.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDaemonRuntime, type DaemonRuntime } from "../../src/daemon/run.ts";
import type { Intent } from "../../src/framework/state.ts";
import { type ChildKeeper, inProcessRuntime, spawnKeeperProcess } from "../helpers/keeper.ts";
import { DAEMON_KEY, type World } from "./world.ts";

export const repoRoot = resolve(import.meta.dirname, "../../../..");
export const SEED = `0x${"5e".repeat(32)}` as const;

export const tempDir = (prefix = "pn-daemon-") => mkdtempSync(join(tmpdir(), prefix));

export type Line = Record<string, unknown>;

/** Writes the daemon's config into `dir`; `daemon` overrides fields of the daemon section. */
export function writeDaemonConfig(
  world: World,
  p: { dir: string; sources: unknown[]; rpcUrl?: string; daemon?: Record<string, unknown> },
): string {
  const config = {
    rpcUrl: p.rpcUrl ?? world.chain.rpcUrl,
    privateKey: DAEMON_KEY,
    stateFile: "./daemon.sqlite",
    logLevel: "debug",
    pollIntervalSeconds: 0.1,
    actedCooldownSeconds: 0,
    itemRetry: { baseSeconds: 0.1, maxSeconds: 0.5 },
    rpc: { timeoutMs: 1_000, retryCount: 0, outageBackoffBaseMs: 100, outageBackoffMaxMs: 400 },
    sender: { confirmTimeoutSeconds: 2, maxAttempts: 3 },
    daemon: {
      core: world.core,
      market: world.market,
      router: world.router,
      fromBlock: 0,
      series: world.idA,
      sources: p.sources,
      minSources: 2,
      maxPriceAgeSeconds: 3_600,
      volatility: 0.7,
      seed: SEED,
      policy: { maxDelaySeconds: 600 },
      auction: { durationSeconds: 3_600, graceSeconds: 600 },
      confirmations: 1,
      ...p.daemon,
    },
  };
  const file = join(p.dir, "daemon.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export type InProcessDaemon = DaemonRuntime & { lines: Line[]; tick: () => Promise<void>; stop: () => void };

export async function inProcessDaemon(
  configFile: string,
  options: { dryRun?: boolean; afterRecord?: (intent: Intent) => void | Promise<void> } = {},
): Promise<InProcessDaemon> {
  const runtime = await inProcessRuntime((o) => createDaemonRuntime(configFile, o), options);
  return {
    ...runtime,
    tick: async () => {
      await runtime.keeper.tick();
    },
    stop: () => {
      if (process.env.DAEMON_DEBUG !== undefined)
        for (const l of runtime.lines)
          if (l.level !== "debug") process.stderr.write(`${JSON.stringify(l)}\n`);
      runtime.stop();
    },
  };
}

export type ChildDaemon = ChildKeeper;

/** The daemon as a real process. */
export function spawnDaemon(configFile: string, args: readonly string[] = []): ChildDaemon {
  return spawnKeeperProcess({
    command: "daemon",
    configFile,
    args,
    env: { ...process.env, PN_KEEPER_PRIVATE_KEY: "", PN_KEEPER_RPC_URL: "" },
    label: "daemon",
    timeoutMs: 20_000,
    beforeKill: (lines) => {
      if (process.env.DAEMON_DEBUG !== undefined)
        for (const l of lines) if (l.level !== "debug") process.stderr.write(`${JSON.stringify(l)}\n`);
    },
  });
}

export const msg = (text: string) => (line: Line) => line.msg === text;
export const keyed = (text: string, key: string) => (line: Line) =>
  line.msg === text && typeof line.key === "string" && line.key.startsWith(key);
