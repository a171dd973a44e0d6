// The `pn` program: one file per command under commands/, registered here. To add a command, write
// commands/NAME.ts exporting `registerNAME(program)` and add it to COMMANDS.

import { PnError } from "@pn/core";
import { Command, CommanderError } from "commander";
import { registerBacktest } from "./commands/backtest.ts";
import { registerCrash } from "./commands/crash.ts";
import { registerMonteCarlo } from "./commands/montecarlo.ts";

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerBacktest, registerMonteCarlo, registerCrash];

export function buildProgram(): Command {
  const program = new Command("pn")
    .description("pn-protocol tools: simulate, backtest and replay P/N positions.")
    .showHelpAfterError("(run with --help for the options)")
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 error). Errors go to stderr as their instructive message. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof PnError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
