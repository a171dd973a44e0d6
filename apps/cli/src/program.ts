// The `pn` program: one file per command under commands/, registered here. To add a command, write
// commands/NAME.ts exporting `registerNAME(program, io)` and add it to COMMANDS. Protocol commands take their
// connection options from commands/protocol.ts and open a Context (chain/context.ts); later groups (order, roll,
// vault) slot in the same way, reading their contracts with `ctx.requireContract("market", …)`.

import { PnError } from "@pn/core";
import { Command, CommanderError } from "commander";
import { BaseError } from "viem";
import { registerBacktest } from "./commands/backtest.ts";
import { registerCrash } from "./commands/crash.ts";
import { registerDaemon } from "./commands/daemon.ts";
import { registerDeploy } from "./commands/deploy.ts";
import { registerMerge } from "./commands/merge.ts";
import { registerMonteCarlo } from "./commands/montecarlo.ts";
import { registerOracle } from "./commands/oracle.ts";
import { registerOrder } from "./commands/order.ts";
import { registerPositions } from "./commands/positions.ts";
import { registerQuote } from "./commands/quote.ts";
import { registerRedeem } from "./commands/redeem.ts";
import { registerRoll } from "./commands/roll.ts";
import { registerSeries } from "./commands/series.ts";
import { registerSettle } from "./commands/settle.ts";
import { registerSplit } from "./commands/split.ts";
import { registerVault } from "./commands/vault.ts";
import { type CliIo, processIo } from "./io.ts";

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerBacktest,
  registerMonteCarlo,
  registerCrash,
  registerSeries,
  registerSplit,
  registerMerge,
  registerRedeem,
  registerSettle,
  registerQuote,
  registerPositions,
  registerOracle,
  registerOrder,
  registerRoll,
  registerVault,
  registerDeploy,
  registerDaemon,
];

const CONFIG_HELP = `
Protocol commands read their settings from flags, then environment variables (PN_RPC_URL, PN_PRIVATE_KEY,
PN_DEPLOYMENT, PN_ACCOUNT_INDEX), then a JSON file given with --config; the deployment file defaults to the
local devnet's (.devnet/deployment.json, written by \`npm start\`) and the RPC to the one it names. On a devnet
an unset signer is dev account 0 of the "test … junk" mnemonic.`;

export function buildProgram(io: CliIo = processIo()): Command {
  const program = new Command("pn")
    .description("pn-protocol: series, split/merge/redeem, quotes, positions, the slow oracle; simulations.")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError("(run with --help for the options)")
    .addHelpText("after", CONFIG_HELP)
    .exitOverride();
  for (const register of COMMANDS) register(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function printError(io: CliIo, error: unknown): boolean {
  if (error instanceof PnError) {
    io.stderr.write(`error: ${error.message}\n`);
    return true;
  }
  if (error instanceof BaseError) {
    const details = error.details && error.details !== error.shortMessage ? `\n${error.details}` : "";
    io.stderr.write(`error: ${error.shortMessage}${details}\n`);
    return true;
  }
  return false;
}

/** Runs the CLI; returns the exit code (0 ok, 1 error). Errors go to stderr as their instructive message. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (printError(io, error)) return 1;
    throw error;
  }
}
