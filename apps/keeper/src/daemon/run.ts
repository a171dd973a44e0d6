// `pn-keeper daemon`: loads the config, opens the SQLite state (which also holds the sender's intents), builds
// the runtime with the daemon job and runs it. Also used by the tests to run the daemon in process.

import { loadConfig } from "../framework/config.ts";
import { KeeperError } from "../framework/errors.ts";
import { createLogger } from "../framework/log.ts";
import { type ConfiguredRuntimeOptions, createRuntime, type KeeperRuntime } from "../framework/runtime.ts";
import { daemonConfigSchema } from "./config.ts";
import { createDaemonJob } from "./job.ts";
import { DaemonStore } from "./store.ts";

/** The runtime's options, as for every job (`ConfiguredRuntimeOptions`). */
export type DaemonRuntimeOptions = ConfiguredRuntimeOptions;

export type DaemonRuntime = KeeperRuntime & { store: DaemonStore };

export async function createDaemonRuntime(
  configFile: string,
  options: DaemonRuntimeOptions,
): Promise<DaemonRuntime> {
  const loaded = loadConfig(configFile, daemonConfigSchema, options.env ?? process.env);
  const { config } = loaded;
  const log = options.log ?? createLogger({ level: config.logLevel, fields: { app: "pn-daemon" } });
  let store: DaemonStore | undefined;
  const opened = (): DaemonStore => {
    if (store === undefined)
      throw new KeeperError("The daemon's state is not open.", { fix: "Build it with createDaemonRuntime." });
    return store;
  };
  const runtime = await createRuntime({
    config,
    resolvePath: loaded.resolvePath,
    log,
    dryRun: options.dryRun,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.afterRecord === undefined ? {} : { afterRecord: options.afterRecord }),
    openState: (file) => {
      store = DaemonStore.open({ file });
      return store;
    },
    jobs: ({ publicClient }) => [
      createDaemonJob({
        section: config.daemon,
        store: opened,
        publicClient,
        resolvePath: loaded.resolvePath,
      }),
    ],
  });
  return { ...runtime, store: opened() };
}

/** Runs the daemon until `signal` aborts (or one tick with `once`). */
export async function runDaemon(
  cli: { config: string; dryRun: boolean; once: boolean },
  signal: AbortSignal,
): Promise<void> {
  const runtime = await createDaemonRuntime(cli.config, { dryRun: cli.dryRun, signal });
  try {
    await runtime.keeper.run({ once: cli.once });
  } finally {
    runtime.close();
  }
}
