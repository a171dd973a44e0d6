// `pn daemon`: the user's own rebalancer, which lives in apps/keeper. This command runs it as a child process
// (`node apps/keeper/src/main.ts daemon …`), passes its JSON-line logs through, forwards SIGINT/SIGTERM and exits
// with its code. PN_PRIVATE_KEY / PN_RPC_URL stand in for PN_KEEPER_PRIVATE_KEY / PN_KEEPER_RPC_URL when those
// are unset, so the daemon signs as the `pn` user does.

import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { type Command, CommanderError } from "commander";
import type { CliIo } from "../io.ts";

export const KEEPER_MAIN = resolve(import.meta.dirname, "../../../keeper/src/main.ts");

type DaemonOptions = { config: string; dryRun?: boolean; once?: boolean };

export function registerDaemon(program: Command, io: CliIo): void {
  program
    .command("daemon")
    .description(
      "Run your own rebalancer: hold P, roll it by patient auctions before the strike or maturity (atomically when close), with private jittered thresholds and your own price sources. See apps/keeper/README.md (daemon).",
    )
    .requiredOption("--config <file>", "the daemon's config (e.g. apps/keeper/examples/daemon.json)")
    .option("--dry-run", "decide and simulate, send and record nothing")
    .option("--once", "run one tick and exit")
    .action((options: DaemonOptions) => daemonAction(io, options));
}

function childEnv(env: CliIo["env"]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...process.env, ...env };
  out.PN_KEEPER_PRIVATE_KEY ??= env.PN_PRIVATE_KEY;
  out.PN_KEEPER_RPC_URL ??= env.PN_RPC_URL;
  return out;
}

async function daemonAction(io: CliIo, options: DaemonOptions): Promise<void> {
  const args = [KEEPER_MAIN, "daemon", "--config", options.config];
  if (options.dryRun === true) args.push("--dry-run");
  if (options.once === true) args.push("--once");
  const child = spawn(process.execPath, args, { env: childEnv(io.env), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => io.stdout.write(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  const code = await new Promise<number>((res) => {
    child.once("error", (error) => {
      io.stderr.write(`error: cannot start the daemon (${error.message})\n`);
      res(1);
    });
    child.once("exit", (exitCode, signal) => res(exitCode ?? (signal === null ? 1 : 0)));
  });
  process.off("SIGINT", onInt);
  process.off("SIGTERM", onTerm);
  if (code !== 0) throw new CommanderError(code, "pn.daemon", `the daemon exited with code ${code}`);
}
