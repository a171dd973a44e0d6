// Resolves a protocol command's settings from flags, the environment and a config file, in that precedence,
// validating each layer and reporting every problem at once, named by flag, variable or file field.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { z } from "zod";
import { ConfigError } from "../errors.ts";
import { REPO_ROOT } from "../paths.ts";
import { ENV, FLAGS, fileLayerSchema, type Layer, type SettingName, textLayerSchema } from "./schema.ts";

/** The local devnet's deployment file, written by `npm start`. */
export const DEFAULT_DEPLOYMENT = join(REPO_ROOT, ".devnet", "deployment.json");

export type Sourced<T> = { value: T; source: string };

export type SignerSetting =
  | { kind: "privateKey"; key: `0x${string}`; source: string }
  | { kind: "accountIndex"; index: number; source: string };

export type ResolvedConfig = {
  /** Undefined: use the deployment file's RPC URL. */
  rpcUrl: Sourced<string> | undefined;
  deployment: Sourced<string> & { isDefault: boolean };
  /** Undefined: nothing given (a dev account on a devnet, else read-only). */
  signer: SignerSetting | undefined;
};

/** The connection flags as commander hands them over. */
export type ConnectionFlags = {
  rpc?: string | undefined;
  privateKey?: string | undefined;
  accountIndex?: string | undefined;
  deployment?: string | undefined;
  config?: string | undefined;
};

type NamedLayer = { layer: Layer; name: (setting: SettingName) => string; baseDir: string };

function issuesOf(error: z.ZodError, name: (key: string) => string): string[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `${issue.keys.map(name).join(", ")}: unknown field (allowed: ${Object.keys(ENV).join(", ")})`;
    }
    return `${name(String(issue.path[0] ?? ""))}: ${issue.message}`;
  });
}

function readConfigFile(path: string, problems: string[]): unknown {
  if (!existsSync(path)) {
    problems.push(`--config: no file at ${path}`);
    return {};
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(
      `--config: ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
    return {};
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function layers(flags: ConnectionFlags, env: CliEnv, problems: string[]): NamedLayer[] {
  const cwd = process.cwd();
  const out: NamedLayer[] = [];
  const flagInput = {
    rpcUrl: flags.rpc,
    privateKey: flags.privateKey,
    accountIndex: flags.accountIndex,
    deployment: flags.deployment,
  };
  const flagResult = textLayerSchema.safeParse(flagInput);
  const flagName = (k: string) => FLAGS[k as SettingName] ?? k;
  if (flagResult.success) out.push({ layer: flagResult.data, name: flagName, baseDir: cwd });
  else problems.push(...issuesOf(flagResult.error, flagName));

  const envInput = Object.fromEntries(
    (Object.keys(ENV) as SettingName[]).map((k) => [k, nonEmpty(env[ENV[k]])]),
  );
  const envResult = textLayerSchema.safeParse(envInput);
  const envName = (k: string) => ENV[k as SettingName] ?? k;
  if (envResult.success) out.push({ layer: envResult.data, name: envName, baseDir: cwd });
  else problems.push(...issuesOf(envResult.error, envName));

  if (flags.config !== undefined) {
    const file = resolve(cwd, flags.config);
    const fileName = (k: string) => `${file} field "${k}"`;
    const fileResult = fileLayerSchema.safeParse(readConfigFile(file, problems));
    if (fileResult.success) out.push({ layer: fileResult.data, name: fileName, baseDir: dirname(file) });
    else problems.push(...issuesOf(fileResult.error, fileName));
  }
  return out;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

function signerOf(found: readonly NamedLayer[], problems: string[]): SignerSetting | undefined {
  for (const { layer, name } of found) {
    if (layer.privateKey !== undefined && layer.accountIndex !== undefined) {
      problems.push(`${name("privateKey")} and ${name("accountIndex")}: give one signer, not both`);
      return undefined;
    }
    if (layer.privateKey !== undefined)
      return { kind: "privateKey", key: layer.privateKey, source: name("privateKey") };
    if (layer.accountIndex !== undefined)
      return { kind: "accountIndex", index: layer.accountIndex, source: name("accountIndex") };
  }
  return undefined;
}

/**
 * The settings of one run: each from the first layer that sets it (flags, environment, config file). The signer
 * is one setting: the first layer with a private key or an account index decides it.
 */
export function resolveConfig(flags: ConnectionFlags, env: CliEnv): ResolvedConfig {
  const problems: string[] = [];
  const found = layers(flags, env, problems);
  const first = <K extends "rpcUrl" | "deployment">(key: K) => {
    for (const { layer, name, baseDir } of found) {
      const value = layer[key];
      if (value !== undefined) return { value, source: name(key), baseDir };
    }
    return undefined;
  };
  const signer = signerOf(found, problems);
  if (problems.length > 0) {
    throw new ConfigError({
      problems,
      fix: "Fix the values above. Flags beat environment variables, which beat the --config file (see `pn --help`).",
    });
  }
  const rpc = first("rpcUrl");
  const deployment = first("deployment");
  return {
    rpcUrl: rpc === undefined ? undefined : { value: rpc.value, source: rpc.source },
    deployment:
      deployment === undefined
        ? { value: DEFAULT_DEPLOYMENT, source: "the default (the local devnet's)", isDefault: true }
        : {
            value: resolve(deployment.baseDir, deployment.value),
            source: deployment.source,
            isDefault: false,
          },
    signer,
  };
}
