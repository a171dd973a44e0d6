// `pn-keeper vault`: loads the config, builds the runtime with the vault roll-trigger job and runs it. Also used by
// the tests to run the keeper in process.

import {
  type ConfiguredRuntimeOptions,
  createConfiguredRuntime,
  type KeeperRuntime,
  runToEnd,
} from "../framework/runtime.ts";
import { vaultConfigSchema } from "./config.ts";
import { buildVaultJob } from "./setup.ts";

/** Builds a keeper running the vault roll-trigger job from a config file. */
export function createVaultRuntime(
  configFile: string,
  options: ConfiguredRuntimeOptions,
): Promise<KeeperRuntime> {
  return createConfiguredRuntime(
    configFile,
    vaultConfigSchema,
    (config, deps) => [buildVaultJob(config.vault, deps)],
    options,
  );
}

/** Runs the vault roll trigger until `signal` aborts (or one tick with `once`). */
export async function runVault(cli: { config: string; dryRun: boolean; once: boolean }, signal: AbortSignal) {
  await runToEnd(await createVaultRuntime(cli.config, { dryRun: cli.dryRun, signal }), cli.once);
}
