// Typed errors of the keeper. Each carries a one-line `shortMessage`, optional context lines and a `fix` that
// says what to do; `message` joins them so a log line or a crash report reads like an instruction.

import type { DecodedRevert } from "./revert.ts";

export type KeeperErrorOptions = {
  metaMessages?: readonly string[];
  fix?: string;
  cause?: unknown;
};

/** Base class of every error the keeper throws on purpose. */
export class KeeperError extends Error {
  override name = "KeeperError";
  readonly shortMessage: string;
  readonly metaMessages: readonly string[];
  readonly fix: string | undefined;

  constructor(shortMessage: string, options: KeeperErrorOptions = {}) {
    const lines = [shortMessage, ...(options.metaMessages ?? [])];
    if (options.fix !== undefined) lines.push(options.fix);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.metaMessages = options.metaMessages ?? [];
    this.fix = options.fix;
  }
}

/** One problem in the config file: the field's dotted path and what is wrong with it. */
export type ConfigIssue = { path: string; problem: string };

/** The config file is missing, is not JSON, or does not match the schema. Lists every problem at once. */
export class ConfigError extends KeeperError {
  override name = "ConfigError";
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor({ file, issues, fix }: { file: string; issues: readonly ConfigIssue[]; fix?: string }) {
    super(`Config ${file} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}).`, {
      metaMessages: issues.map((i) => `  - ${i.path}: ${i.problem}`),
      fix: fix ?? "Fix the fields above; apps/keeper/README.md documents every field with an example.",
    });
    this.file = file;
    this.issues = issues;
  }
}

/** The state file cannot be read, parsed or written. */
export class StateFileError extends KeeperError {
  override name = "StateFileError";
  readonly file: string;

  constructor({
    file,
    problem,
    fix,
    cause,
  }: { file: string; problem: string; fix: string; cause?: unknown }) {
    super(`State file ${file}: ${problem}.`, { fix, cause });
    this.file = file;
  }
}

/** Another keeper process holds the state file's lock. */
export class StateLockedError extends KeeperError {
  override name = "StateLockedError";

  constructor({ file, pid }: { file: string; pid: number }) {
    super(`State file ${file} is locked by running process ${pid}.`, {
      fix: "Run one keeper per state file (and per key): stop the other process, or give this one its own stateFile.",
    });
  }
}

/** The RPC endpoint did not answer (connection refused, reset, timeout, 5xx). The loop retries with backoff. */
export class RpcUnavailableError extends KeeperError {
  override name = "RpcUnavailableError";

  constructor({ cause }: { cause: unknown }) {
    super("The RPC endpoint is unreachable.", {
      metaMessages: [`  ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`],
      fix: "The keeper keeps retrying with backoff; check rpcUrl (or PN_KEEPER_RPC_URL) and the node's health.",
      cause,
    });
  }
}

/** A transaction's simulation (eth_call) reverted; nothing was sent. */
export class SimulationRevertedError extends KeeperError {
  override name = "SimulationRevertedError";
  readonly key: string;
  readonly errorName: string | undefined;
  readonly errorArgs: readonly unknown[];
  /** The decoded revert (revert.ts): error name, arguments, reason and, for the protocol's errors, hint and fix. */
  readonly revert: DecodedRevert;

  constructor({ key, revert, cause }: { key: string; revert: DecodedRevert; cause: unknown }) {
    super(`Simulating ${key} reverted: ${revert.reason}. Nothing was sent.`, {
      fix:
        revert.fix ??
        "The chain state changed or the action is not allowed yet; the keeper re-reads the state next tick.",
      cause,
    });
    this.key = key;
    this.errorName = revert.errorName;
    this.errorArgs = revert.errorArgs;
    this.revert = revert;
  }
}

/** An action kept failing on chain; the sender stops retrying it so it does not burn gas forever. */
export class ActionGaveUpError extends KeeperError {
  override name = "ActionGaveUpError";

  constructor({ key, attempts }: { key: string; attempts: number }) {
    super(`Gave up on ${key} after ${attempts} failed on-chain attempts.`, {
      fix: "Inspect the reverted transactions in the state file's intent; delete the intent to let the keeper try again.",
    });
  }
}

/** A price source could not deliver a price. The index is then computed from the other sources, if enough. */
export class SourceError extends KeeperError {
  override name = "SourceError";
  readonly source: string;

  constructor({
    source,
    problem,
    fix,
    cause,
  }: { source: string; problem: string; fix: string; cause?: unknown }) {
    super(`Price source ${source}: ${problem}.`, { fix, cause });
    this.source = source;
  }
}

/** The command line is wrong. */
export class UsageError extends KeeperError {
  override name = "UsageError";
}
