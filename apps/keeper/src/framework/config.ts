// The keeper's one config file (JSON). The framework owns the common fields; each job adds its own section
// (`oracle`, later `marketMaker`, `roll`). Validation reports every problem at once, naming the field and what
// to do. Two environment variables override the file, so secrets need not live in it:
//   PN_KEEPER_RPC_URL      → rpcUrl
//   PN_KEEPER_PRIVATE_KEY  → privateKey

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { ConfigError, type ConfigIssue } from "./errors.ts";
import { LOG_LEVELS } from "./log.ts";

export const ENV_RPC_URL = "PN_KEEPER_RPC_URL";
export const ENV_PRIVATE_KEY = "PN_KEEPER_PRIVATE_KEY";

export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed address (40 hex digits)")
  .transform((s) => s as `0x${string}`);
export const privateKeySchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key (64 hex digits)")
  .transform((s) => s as `0x${string}`);
const seconds = (fallback: number) =>
  z.number().positive("must be a positive number of seconds").default(fallback);

/** Fields every keeper has. Job sections are added with `withJobs`. */
export const baseConfigShape = {
  rpcUrl: z.url("must be an http(s) URL such as http://127.0.0.1:8545"),
  /** Signs the keeper's transactions. Optional only in a dry run, where `account` is enough. */
  privateKey: privateKeySchema.optional(),
  /** Address to simulate from in a dry run without a key. */
  account: addressSchema.optional(),
  /** Checked against the node's chain id at start. */
  chainId: z.number().int().positive().optional(),
  /** The state file (intents, cursors); relative paths are relative to the config file. */
  stateFile: z.string().min(1, "must name a file, e.g. ./keeper-state.json"),
  logLevel: z.enum(LOG_LEVELS).default("info"),
  pollIntervalSeconds: seconds(15),
  /** Rest for an item after it acted. */
  actedCooldownSeconds: z.number().nonnegative().default(5),
  itemRetry: z.strictObject({ baseSeconds: seconds(15), maxSeconds: seconds(600) }).prefault({}),
  rpc: z
    .strictObject({
      timeoutMs: z.number().int().positive().default(10_000),
      retryCount: z.number().int().nonnegative().default(1),
      outageBackoffBaseMs: z.number().int().positive().default(1_000),
      outageBackoffMaxMs: z.number().int().positive().default(60_000),
    })
    .prefault({}),
  sender: z
    .strictObject({
      confirmTimeoutSeconds: seconds(60),
      maxAttempts: z.number().int().positive().default(3),
    })
    .prefault({}),
};

export const baseConfigSchema = z.strictObject(baseConfigShape);
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** A loaded config: the parsed data and the directory relative paths are resolved against. */
export type Loaded<T> = { config: T; file: string; dir: string; resolvePath: (path: string) => string };

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const step of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Reflect.get(value, step);
  }
  return value;
}

/** Turns zod issues into `path: problem` lines that say what to do. `raw` is the validated input. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): ConfigIssue[] {
  return issues.flatMap((issue): ConfigIssue[] => {
    const path = issue.path.map(String).join(".") || "(root)";
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: path === "(root)" ? key : `${path}.${key}`,
        problem: "unknown field: remove it or fix its spelling (see apps/keeper/README.md)",
      }));
    }
    if (valueAt(raw, issue.path) === undefined && issue.code !== "custom") {
      const expected = issue.code === "invalid_type" ? `a ${issue.expected}` : issue.message;
      return [{ path, problem: `is missing: add it (${expected})` }];
    }
    if (issue.code === "invalid_union") {
      return [{ path, problem: `${issue.message}: check its "type" and the fields that type needs` }];
    }
    return [{ path, problem: issue.message }];
  });
}

function readJson(file: string): unknown {
  if (!existsSync(file)) {
    throw new ConfigError({
      file,
      issues: [{ path: "(file)", problem: "does not exist" }],
      fix: "Pass --config <file>; apps/keeper/README.md has a complete example to start from.",
    });
  }
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    const problem = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError({ file, issues: [{ path: "(file)", problem: `is not valid JSON: ${problem}` }] });
  }
}

/** Applies the environment overrides to the raw file contents. */
export function applyEnv(raw: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...raw };
  const rpcUrl = env[ENV_RPC_URL];
  const privateKey = env[ENV_PRIVATE_KEY];
  if (rpcUrl !== undefined && rpcUrl !== "") out.rpcUrl = rpcUrl;
  if (privateKey !== undefined && privateKey !== "") out.privateKey = privateKey;
  return out;
}

/**
 * Reads, overrides from the environment and validates a config file with `schema` (built from
 * `baseConfigShape` plus job sections). Throws one `ConfigError` listing every problem.
 *
 * @example
 * const { config } = loadConfig("keeper.json", z.strictObject({ ...baseConfigShape, oracle: oracleSection }));
 */
export function loadConfig<T>(
  file: string,
  schema: z.ZodType<T>,
  env: Record<string, string | undefined> = process.env,
): Loaded<T> {
  const path = resolve(file);
  const raw = applyEnv(readJson(path), env);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError({ file: path, issues: formatIssues(parsed.error.issues, raw) });
  const dir = dirname(path);
  return { config: parsed.data, file: path, dir, resolvePath: (p) => resolve(dir, p) };
}
