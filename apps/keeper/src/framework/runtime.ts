// Wires a keeper from its config: account, chain connection (waiting out an RPC that is down at start), state
// store, sender, job context and loop. Jobs are built by a factory that receives the clients.

import type { Account, Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { z } from "zod";
import { type BaseConfig, loadConfig } from "./config.ts";
import { KeeperError } from "./errors.ts";
import type { Job, JobContext } from "./job.ts";
import { createLogger, type Logger } from "./log.ts";
import { Keeper } from "./loop.ts";
import { connectChain, createClients, type KeeperPublicClient, retryWhileUnavailable } from "./rpc.ts";
import { TxSender } from "./sender.ts";
import type { Intent } from "./state.ts";
import { StateStore } from "./state.ts";

/** What a job factory gets. */
export type JobDeps = { publicClient: KeeperPublicClient; account: Address };

export type RuntimeParameters = {
  config: BaseConfig;
  /** Resolves paths in the config (relative to the config file). */
  resolvePath: (path: string) => string;
  log: Logger;
  dryRun: boolean;
  jobs: (deps: JobDeps) => readonly Job<unknown>[];
  signal?: AbortSignal;
  /** Test seam, passed to the sender. */
  afterRecord?: (intent: Intent) => void | Promise<void>;
  /** Opens the state at `stateFile` (resolved); the JSON-file store by default. */
  openState?: (file: string) => StateStore;
};

export type KeeperRuntime = {
  keeper: Keeper;
  ctx: JobContext;
  state: StateStore;
  sender: TxSender;
  close: () => void;
};

export class MissingKeyError extends KeeperError {
  override name = "MissingKeyError";

  constructor() {
    super("No private key: the keeper cannot sign.", {
      fix: "Set PN_KEEPER_PRIVATE_KEY (or privateKey in the config); for a dry run, `account` (an address) is enough.",
    });
  }
}

function accountOf(config: BaseConfig, dryRun: boolean): Account {
  if (config.privateKey !== undefined) return privateKeyToAccount(config.privateKey);
  if (dryRun && config.account !== undefined) return { address: config.account, type: "json-rpc" };
  throw new MissingKeyError();
}

/** Builds everything a keeper needs; call `keeper.run()` next and `close()` at the end. */
export async function createRuntime(p: RuntimeParameters): Promise<KeeperRuntime> {
  const { config, log } = p;
  const signal = p.signal ?? new AbortController().signal;
  const account = accountOf(config, p.dryRun);
  const rpc = { rpcUrl: config.rpcUrl, timeoutMs: config.rpc.timeoutMs, retryCount: config.rpc.retryCount };
  const chain = await retryWhileUnavailable(
    () =>
      connectChain({ ...rpc, ...(config.chainId === undefined ? {} : { expectedChainId: config.chainId }) }),
    {
      baseMs: config.rpc.outageBackoffBaseMs,
      maxMs: config.rpc.outageBackoffMaxMs,
      signal,
      onRetry: (error, delayMs) => log.warn("rpc unavailable at start; retrying", { delayMs, error }),
    },
  );
  const { publicClient, walletClient } = createClients({ ...rpc, chain, account });
  const stateFile = p.resolvePath(config.stateFile);
  const state = p.openState?.(stateFile) ?? StateStore.open({ file: stateFile });
  const sender = new TxSender({
    publicClient,
    walletClient,
    state,
    log,
    dryRun: p.dryRun,
    confirmTimeoutMs: config.sender.confirmTimeoutSeconds * 1000,
    maxAttempts: config.sender.maxAttempts,
    ...(p.afterRecord === undefined ? {} : { afterRecord: p.afterRecord }),
  });
  const ctx: JobContext = {
    log,
    state,
    sender,
    publicClient,
    account: account.address,
    dryRun: p.dryRun,
    signal,
  };
  const keeper = new Keeper({
    ctx,
    jobs: p.jobs({ publicClient, account: account.address }),
    options: {
      pollIntervalMs: config.pollIntervalSeconds * 1000,
      actedCooldownMs: config.actedCooldownSeconds * 1000,
      itemFailureBaseMs: config.itemRetry.baseSeconds * 1000,
      itemFailureMaxMs: config.itemRetry.maxSeconds * 1000,
      rpcRetryBaseMs: config.rpc.outageBackoffBaseMs,
      rpcRetryMaxMs: config.rpc.outageBackoffMaxMs,
    },
  });
  log.info("runtime ready", {
    chainId: chain.id,
    account: account.address,
    stateFile: state.file,
    dryRun: p.dryRun,
  });
  return { keeper, ctx, state, sender, close: () => state.close() };
}

export type ConfiguredRuntimeOptions = {
  dryRun: boolean;
  signal?: AbortSignal;
  /** Defaults to JSON lines on stdout at the config's level. */
  log?: Logger;
  env?: Record<string, string | undefined>;
  /** Test seam, passed to the sender (runs after an intent is recorded, before it is broadcast). */
  afterRecord?: (intent: Intent) => void | Promise<void>;
};

/**
 * Loads a config file with `schema` and builds a runtime whose jobs `jobs` makes from the parsed config (the
 * `mm` and `vault` commands; also used by the tests to run a job in process).
 */
export async function createConfiguredRuntime<T extends BaseConfig>(
  configFile: string,
  schema: z.ZodType<T>,
  jobs: (config: T, deps: JobDeps & { resolvePath: (path: string) => string }) => readonly Job<unknown>[],
  options: ConfiguredRuntimeOptions,
): Promise<KeeperRuntime> {
  const loaded = loadConfig(configFile, schema, options.env ?? process.env);
  const { config } = loaded;
  const log = options.log ?? createLogger({ level: config.logLevel, fields: { app: "pn-keeper" } });
  return createRuntime({
    config,
    resolvePath: loaded.resolvePath,
    log,
    dryRun: options.dryRun,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.afterRecord === undefined ? {} : { afterRecord: options.afterRecord }),
    jobs: (deps) => jobs(config, { ...deps, resolvePath: loaded.resolvePath }),
  });
}

/** Runs a runtime until its signal aborts (or one tick with `once`), then closes it. */
export async function runToEnd(runtime: KeeperRuntime, once: boolean): Promise<void> {
  try {
    await runtime.keeper.run({ once });
  } finally {
    runtime.close();
  }
}
