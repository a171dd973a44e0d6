// `pn-keeper mm`: loads the config, builds the runtime with the market-maker job and runs it. Also used by the
// tests to run the bot in process.

import { loadConfig } from "../framework/config.ts";
import { createLogger, type Logger } from "../framework/log.ts";
import { createRuntime, type KeeperRuntime } from "../framework/runtime.ts";
import type { Intent } from "../framework/state.ts";
import { mmConfigSchema } from "./config.ts";
import { buildMmJob } from "./setup.ts";

export type MmRuntimeOptions = {
  dryRun: boolean;
  signal?: AbortSignal;
  /** Defaults to JSON lines on stdout at the config's level. */
  log?: Logger;
  env?: Record<string, string | undefined>;
  /** Test seam, passed to the sender (runs after an intent is recorded, before it is broadcast). */
  afterRecord?: (intent: Intent) => void | Promise<void>;
};

/** Builds a keeper running the market-maker job from a config file. */
export async function createMmRuntime(configFile: string, options: MmRuntimeOptions): Promise<KeeperRuntime> {
  const loaded = loadConfig(configFile, mmConfigSchema, options.env ?? process.env);
  const { config } = loaded;
  const log = options.log ?? createLogger({ level: config.logLevel, fields: { app: "pn-keeper" } });
  return createRuntime({
    config,
    resolvePath: loaded.resolvePath,
    log,
    dryRun: options.dryRun,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.afterRecord === undefined ? {} : { afterRecord: options.afterRecord }),
    jobs: ({ publicClient }) => [buildMmJob(config.mm, { publicClient, resolvePath: loaded.resolvePath })],
  });
}

/** Runs the market maker until `signal` aborts (or one tick with `once`). */
export async function runMm(
  cli: { config: string; dryRun: boolean; once: boolean },
  signal: AbortSignal,
): Promise<void> {
  const runtime = await createMmRuntime(cli.config, { dryRun: cli.dryRun, signal });
  try {
    await runtime.keeper.run({ once: cli.once });
  } finally {
    runtime.close();
  }
}
