// Wires a keeper from its config: account, chain connection (waiting out an RPC that is down at start), state
// store, sender, job context and loop. Jobs are built by a factory that receives the clients.

import type { Account, Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { BaseConfig } from "./config.ts";
import { KeeperError } from "./errors.ts";
import type { Job, JobContext } from "./job.ts";
import type { Logger } from "./log.ts";
import { Keeper } from "./loop.ts";
import { connectChain, createClients, type KeeperPublicClient, retryWhileUnavailable } from "./rpc.ts";
import { TxSender } from "./sender.ts";
import type { Intent } from "./state.ts";
import { StateStore } from "./state.ts";

export type RuntimeParameters = {
  config: BaseConfig;
  /** Resolves paths in the config (relative to the config file). */
  resolvePath: (path: string) => string;
  log: Logger;
  dryRun: boolean;
  jobs: (deps: { publicClient: KeeperPublicClient; account: Address }) => readonly Job<unknown>[];
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
