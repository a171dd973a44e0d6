// CLI errors. Each is a PnError (from @pn/core): a one-line short message, optional context lines, and a last
// line that says what to do. `runCli` prints the message on stderr and exits 1. Library errors (PnError) pass
// through with their own instructive messages.

import { PnError } from "@pn/core";

/** A bad option value of a simulation command. */
export class CliUsageError extends PnError {
  override name = "CliUsageError";
  constructor({ problems, command }: { problems: readonly string[]; command: string }) {
    super(`Invalid options for \`pn ${command}\`.`, {
      metaMessages: problems.map((p) => `  ${p}`),
      fix: `Run \`pn ${command} --help\` for the options and their ranges.`,
    });
  }
}

/** A command-line argument or option that cannot be used: names it, says why and what to pass instead. */
export class InvalidArgumentError extends PnError {
  override name = "InvalidArgumentError";
  readonly argument: string;

  constructor({
    argument,
    value,
    problem,
    fix,
  }: { argument: string; value: string; problem: string; fix: string }) {
    super(`${argument} ${JSON.stringify(value)} ${problem}.`, { fix });
    this.argument = argument;
  }
}

/** Flags, environment variables or the config file hold values that cannot be used. Lists every problem. */
export class ConfigError extends PnError {
  override name = "ConfigError";
  constructor({ problems, fix }: { problems: readonly string[]; fix: string }) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):`, {
      metaMessages: problems.map((p) => `  ${p}`),
      fix,
    });
  }
}

/** The deployment file is missing or unusable. */
export class DeploymentError extends PnError {
  override name = "DeploymentError";
  constructor({ path, problem, fix }: { path: string; problem: string; fix: string }) {
    super(`Deployment file ${path}: ${problem}.`, { fix });
  }
}

/** The RPC does not answer. */
export class RpcUnreachableError extends PnError {
  override name = "RpcUnreachableError";
  constructor({ rpcUrl, source, reason }: { rpcUrl: string; source: string; reason: string }) {
    super(`Cannot reach the RPC at ${rpcUrl} (from ${source}): ${reason}.`, {
      fix: "Is the node running? For the local devnet run `npm start`; otherwise pass --rpc <url> or set PN_RPC_URL.",
    });
  }
}

/** The RPC serves another chain than the deployment file was written for. */
export class WrongChainError extends PnError {
  override name = "WrongChainError";
  readonly expected: number;
  readonly actual: number;

  constructor({
    rpcUrl,
    actual,
    expected,
    path,
  }: { rpcUrl: string; actual: number; expected: number; path: string }) {
    super(
      `Wrong chain: the RPC at ${rpcUrl} is chain ${actual}, but the deployment ${path} is on chain ${expected}.`,
      {
        fix: "Point --rpc (or PN_RPC_URL) at the deployment's chain, or pass the deployment file of this chain with --deployment (or PN_DEPLOYMENT).",
      },
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** Nothing to sign with, or a signer that cannot be used on this chain. */
export class SignerError extends PnError {
  override name = "SignerError";
  constructor({ problem, fix }: { problem: string; fix: string }) {
    super(problem, { fix });
  }
}

/** No series matches the name, or more than one does. */
export class UnknownSeriesError extends PnError {
  override name = "UnknownSeriesError";
  constructor({ name, candidates = [] }: { name: string; candidates?: readonly string[] }) {
    const ambiguous = candidates.length > 1;
    super(
      ambiguous
        ? `Series "${name}" is ambiguous: ${candidates.length} series have that symbol.`
        : `Unknown series "${name}": no series of this deployment has that symbol or id.`,
      {
        metaMessages: candidates.map((c) => `  ${c}`),
        fix: ambiguous
          ? "Name the series by its id (0x…), from the list above."
          : "Run `pn series list` for the series of this deployment, or create it with `pn series create`.",
      },
    );
  }
}

/** The account holds less than the action needs; checked before anything is sent. */
export class InsufficientBalanceError extends PnError {
  override name = "InsufficientBalanceError";
  constructor({ holder, holds, needs, fix }: { holder: string; holds: string; needs: string; fix: string }) {
    super(`Insufficient balance: ${holder} holds ${holds}, but ${needs}.`, { fix });
  }
}

/** The state of the chain rules the action out (e.g. not matured yet); checked before anything is sent. */
export class PreconditionError extends PnError {
  override name = "PreconditionError";
  constructor({ problem, fix }: { problem: string; fix: string }) {
    super(problem, { fix });
  }
}

/** A transaction was rejected in simulation or reverted; nothing of this action went through. */
export class TransactionFailedError extends PnError {
  override name = "TransactionFailedError";
  readonly action: string;
  readonly errorName: string | undefined;
  readonly fix: string;

  constructor({
    action,
    reason,
    fix,
    errorName,
    cause,
  }: { action: string; reason: string; fix: string; errorName?: string; cause?: unknown }) {
    super(`${action} failed: ${reason}`, { fix, ...(cause === undefined ? {} : { cause }) });
    this.action = action;
    this.errorName = errorName;
    this.fix = fix;
  }
}

/** A multi-step action stopped after its first step went through: says exactly what did and did not happen. */
export class PartialActionError extends PnError {
  override name = "PartialActionError";
  constructor({ done, failed, fix }: { done: string; failed: TransactionFailedError; fix: string }) {
    super(`${done}, but ${failed.shortMessage}`, { metaMessages: [`  ${failed.fix}`], fix, cause: failed });
  }
}
