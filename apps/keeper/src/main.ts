#!/usr/bin/env node
// pn-keeper command line.
//   node apps/keeper/src/main.ts oracle --config <file> [--dry-run] [--once]
//   node apps/keeper/src/main.ts mm --config <file> [--dry-run] [--once]
//   node apps/keeper/src/main.ts daemon --config <file> [--dry-run] [--once]
//   node apps/keeper/src/main.ts vault --config <file> [--dry-run] [--once]
// Logs are JSON lines on stdout. Exit codes: 0 stopped cleanly, 1 error, 2 bad usage or config.

import { parseArgs } from "node:util";
import { runDaemon } from "./daemon/run.ts";
import { loadConfig } from "./framework/config.ts";
import { ConfigError, KeeperError, UsageError } from "./framework/errors.ts";
import { createLogger, type Logger } from "./framework/log.ts";
import { createRuntime } from "./framework/runtime.ts";
import { runMm } from "./mm/run.ts";
import { oracleConfigSchema } from "./oracle/config.ts";
import { buildOracleJob } from "./oracle/setup.ts";
import { runVault } from "./vault/run.ts";

const USAGE = `Usage: node apps/keeper/src/main.ts <oracle|mm|daemon|vault> --config <file> [--dry-run] [--once]

Commands:
  oracle   propose, dispute, finalize, settle and withdraw on a SlowOracle
  mm       market maker: quote P and N around a Black-76 model, fill roll auctions that cross its price
  daemon   the user's own rebalancer: hold P, roll it by patient auctions (atomically near the strike), with
           private jittered thresholds and a private median price; state in SQLite
  vault    a PNVault's roll trigger: closeAuction when its auction is done, reenter after a settlement,
           triggerRoll when scheduled or on its price signal (permissionless; the vault pays a small reward)

Options:
  --config <file>  the keeper config (JSON; see apps/keeper/README.md)
  --dry-run        compute and log every action, send nothing
  --once           run one tick and exit

Environment: PN_KEEPER_RPC_URL and PN_KEEPER_PRIVATE_KEY override rpcUrl and privateKey.`;

type Cli = { command: "oracle" | "mm" | "daemon" | "vault"; config: string; dryRun: boolean; once: boolean };

function parseCli(argv: readonly string[]): Cli {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { fix: USAGE });
  }
  const [command] = parsed.positionals;
  if (command !== "oracle" && command !== "mm" && command !== "daemon" && command !== "vault")
    throw new UsageError(`Unknown command ${command ?? "(none)"}.`, { fix: USAGE });
  if (parsed.values.config === undefined)
    throw new UsageError("--config <file> is required.", { fix: USAGE });
  return {
    command,
    config: parsed.values.config,
    dryRun: parsed.values["dry-run"],
    once: parsed.values.once,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      once: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}

async function runOracle(cli: Cli, signal: AbortSignal): Promise<void> {
  const loaded = loadConfig(cli.config, oracleConfigSchema);
  const { config } = loaded;
  const log = createLogger({ level: config.logLevel, fields: { app: "pn-keeper" } });
  const runtime = await createRuntime({
    config,
    resolvePath: loaded.resolvePath,
    log,
    dryRun: cli.dryRun,
    signal,
    jobs: ({ publicClient }) => [
      buildOracleJob(config.oracle, {
        publicClient,
        resolvePath: loaded.resolvePath,
      }),
    ],
  });
  try {
    await runtime.keeper.run({ once: cli.once });
  } finally {
    runtime.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const fallbackLog: Logger = createLogger({ fields: { app: "pn-keeper" } });
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const cli = parseCli(argv);
    const run = { daemon: runDaemon, mm: runMm, vault: runVault, oracle: runOracle }[cli.command];
    await run(cli, signal);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    fallbackLog.error(error instanceof KeeperError ? error.shortMessage : "keeper crashed", { error });
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  const controller = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => controller.abort());
  process.exitCode = await main(process.argv.slice(2), controller.signal);
}
