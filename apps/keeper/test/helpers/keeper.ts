// Runs the oracle keeper in tests: a config file in a temp dir, then either an in-process runtime (ticked by the
// test) or a child process (`node apps/keeper/src/main.ts oracle ...`) whose JSON log lines the test reads.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseWad } from "@pn/core";
import type { Address, Hex } from "viem";
import { memoryLogger } from "../../src/framework/log.ts";
import {
  type ConfiguredRuntimeOptions,
  createConfiguredRuntime,
  type KeeperRuntime,
} from "../../src/framework/runtime.ts";
import type { Intent } from "../../src/framework/state.ts";
import { oracleConfigSchema } from "../../src/oracle/config.ts";
import { buildOracleJob } from "../../src/oracle/setup.ts";
import { KEEPER_KEY, repoRoot } from "./devnet.ts";

/** 2025-10-11T00:00:00Z, just after the 2025-10-10 crash. */
export const M = 1_760_140_800n;
/** The USD rules at M over the three sources below: median of 3829.72, 3840.9604 and 3843.0088. */
export const X_AT_M = parseWad("3840.9604");

const data = (file: string) => resolve(repoRoot, "data", file);

export const csvSources = [
  { type: "csv", name: "binance-1h", file: data("ethusdt_1h_binance.csv"), barSeconds: 3600 },
  { type: "csv", name: "yahoo-1h", file: data("eth_usd_1h_yahoo.csv"), barSeconds: 3600 },
  { type: "csv", name: "yahoo-1d", file: data("eth_usd_1d_yahoo.csv"), barSeconds: 86400 },
];

export function tempDir(prefix = "pn-keeper-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export type KeeperConfigParameters = {
  rpcUrl: string;
  oracle: Address;
  core: Address;
  fromBlock?: bigint;
  dir: string;
  maxBondEth?: string;
  extra?: Record<string, unknown>;
};

/** Writes a keeper config into `dir` and returns its path. */
export function writeKeeperConfig(p: KeeperConfigParameters): string {
  const config = {
    rpcUrl: p.rpcUrl,
    privateKey: KEEPER_KEY,
    stateFile: "./state.json",
    logLevel: "debug",
    pollIntervalSeconds: 0.1,
    actedCooldownSeconds: 0,
    itemRetry: { baseSeconds: 0.1, maxSeconds: 0.5 },
    rpc: { timeoutMs: 2000, retryCount: 0, outageBackoffBaseMs: 100, outageBackoffMaxMs: 400 },
    sender: { confirmTimeoutSeconds: 5, maxAttempts: 3 },
    oracle: {
      slowOracle: p.oracle,
      core: p.core,
      fromBlock: Number(p.fromBlock ?? 0n),
      maxRestSeconds: 0,
      indices: [{ ticker: "USD", toleranceBps: 10, maxBondEth: p.maxBondEth ?? "10", sources: csvSources }],
    },
    ...p.extra,
  };
  const file = join(p.dir, "keeper.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export type InProcessKeeper = InProcessRuntime;

/** Builds the keeper in this process; the test calls `keeper.tick()`. */
export async function inProcessKeeper(
  configFile: string,
  options: { dryRun?: boolean; afterRecord?: (intent: Intent) => void | Promise<void> } = {},
): Promise<InProcessKeeper> {
  return inProcessRuntime(
    (o) =>
      createConfiguredRuntime(
        configFile,
        oracleConfigSchema,
        (config, deps) => [buildOracleJob(config.oracle, deps)],
        o,
      ),
    options,
  );
}

/** A keeper child process; `lines` fills with its parsed JSON log lines. */
export type ChildKeeper = {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  /** Resolves with the first line matching `predicate` (seen before or after the call). */
  waitFor: (
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

export type KeeperProcessOptions = {
  /** The keeper command: oracle, mm or daemon. */
  command: string;
  configFile: string;
  args?: readonly string[];
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  /** Names the process in a timeout's message. */
  label: string;
  /** Default wait for a log line. */
  timeoutMs: number;
  /** Runs before the child is killed (e.g. to print its log when debugging). */
  beforeKill?: (lines: readonly Record<string, unknown>[]) => void;
};

/** Runs `node apps/keeper/src/main.ts <command> --config <file> …` and follows its JSON-line log. */
export function spawnKeeperProcess(o: KeeperProcessOptions): ChildKeeper {
  const child = spawn(
    process.execPath,
    [resolve(repoRoot, "apps/keeper/src/main.ts"), o.command, "--config", o.configFile, ...(o.args ?? [])],
    { env: o.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }[] = [];
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const text = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (text === "") continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const w of [...waiters]) {
        if (!w.predicate(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  return {
    child,
    lines,
    waitFor: (predicate, timeoutMs = o.timeoutMs) =>
      new Promise((res, rej) => {
        const seen = lines.find(predicate);
        if (seen !== undefined) return res(seen);
        const timer = setTimeout(
          () => rej(new Error(`${o.label} log line not seen in ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (l) => {
            clearTimeout(timer);
            res(l);
          },
        });
      }),
    kill: async (signal = "SIGKILL") => {
      o.beforeKill?.(lines);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** The oracle keeper as a child process. */
export function spawnKeeper(
  configFile: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): ChildKeeper {
  return spawnKeeperProcess({
    command: "oracle",
    configFile,
    args,
    env: { ...process.env, ...env },
    label: "keeper",
    timeoutMs: 15_000,
  });
}

export const msg = (text: string) => (line: Record<string, unknown>) => line.msg === text;
export const keyed = (text: string, key: string) => (line: Record<string, unknown>) =>
  line.msg === text && typeof line.key === "string" && line.key.startsWith(key);
export type { Hex };

/** The common fields of a test keeper's config: debug logs, fast polling, no rests, state next to the config. */
export function testKeeperBase(rpcUrl: string, privateKey: Hex, overrides: Record<string, unknown> = {}) {
  return {
    rpcUrl,
    privateKey,
    stateFile: "./state.json",
    logLevel: "debug" as const,
    pollIntervalSeconds: 0.1,
    actedCooldownSeconds: 0,
    itemRetry: { baseSeconds: 0.1, maxSeconds: 0.5 },
    rpc: { timeoutMs: 2000, retryCount: 0, outageBackoffBaseMs: 100, outageBackoffMaxMs: 400 },
    sender: { confirmTimeoutSeconds: 1, maxAttempts: 3 },
    ...overrides,
  };
}

export type InProcessRuntime<R extends KeeperRuntime = KeeperRuntime> = R & {
  lines: Record<string, unknown>[];
  stop: () => void;
};

/** A keeper built in this process by `create` (e.g. `createMmRuntime`) with a memory logger; the test ticks it. */
export async function inProcessRuntime<R extends KeeperRuntime>(
  create: (options: ConfiguredRuntimeOptions) => Promise<R>,
  options: { dryRun?: boolean; afterRecord?: (intent: Intent) => void | Promise<void> } = {},
): Promise<InProcessRuntime<R>> {
  const { log, lines } = memoryLogger("debug");
  const controller = new AbortController();
  const runtime = await create({
    dryRun: options.dryRun ?? false,
    log,
    env: {},
    signal: controller.signal,
    ...(options.afterRecord === undefined ? {} : { afterRecord: options.afterRecord }),
  });
  return {
    ...runtime,
    lines,
    stop: () => {
      controller.abort();
      runtime.close();
    },
  };
}
