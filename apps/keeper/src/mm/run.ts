// `pn-keeper mm`: loads the config, builds the runtime with the market-maker job and runs it. Also used by the
// tests to run the bot in process.

import {
  type ConfiguredRuntimeOptions,
  createConfiguredRuntime,
  type KeeperRuntime,
  runToEnd,
} from "../framework/runtime.ts";
import { mmConfigSchema } from "./config.ts";
import { buildMmJob } from "./setup.ts";

export type MmRuntimeOptions = ConfiguredRuntimeOptions;

/** Builds a keeper running the market-maker job from a config file. */
export function createMmRuntime(configFile: string, options: MmRuntimeOptions): Promise<KeeperRuntime> {
  return createConfiguredRuntime(
    configFile,
    mmConfigSchema,
    (config, deps) => [buildMmJob(config.mm, deps)],
    options,
  );
}

/** Runs the market maker until `signal` aborts (or one tick with `once`). */
export async function runMm(cli: { config: string; dryRun: boolean; once: boolean }, signal: AbortSignal) {
  await runToEnd(await createMmRuntime(cli.config, { dryRun: cli.dryRun, signal }), cli.once);
}
