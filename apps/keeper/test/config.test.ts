// Config validation: every problem listed at once, each naming its field and what to do; env overrides.

import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseWad } from "@pn/core";
import { describe, expect, it, vi } from "vitest";
import { ENV_PRIVATE_KEY, ENV_RPC_URL, loadConfig } from "../src/framework/config.ts";
import { ConfigError } from "../src/framework/errors.ts";
import { main } from "../src/main.ts";
import { oracleConfigSchema } from "../src/oracle/config.ts";
import { csvSources, tempDir } from "./helpers/keeper.ts";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ORACLE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const valid = {
  rpcUrl: "http://127.0.0.1:8545",
  privateKey: KEY,
  stateFile: "./state.json",
  oracle: {
    slowOracle: ORACLE,
    core: ORACLE,
    indices: [{ ticker: "USD", maxBondEth: "1.5", sources: csvSources }],
  },
};

function write(config: unknown): string {
  const file = join(tempDir(), "keeper.json");
  writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  return file;
}

function issuesOf(config: unknown, env: Record<string, string> = {}): string[] {
  try {
    loadConfig(write(config), oracleConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.problem}`);
    throw error;
  }
  return [];
}

describe("config", () => {
  it("parses a minimal config and fills the defaults; paths resolve against the config file", () => {
    const file = write(valid);
    const { config, resolvePath, dir } = loadConfig(file, oracleConfigSchema, {});
    expect(config.pollIntervalSeconds).toBe(15);
    expect(config.sender).toEqual({ confirmTimeoutSeconds: 60, maxAttempts: 3 });
    expect(config.oracle.indices[0]).toMatchObject({
      toleranceBps: 25,
      minSources: 3,
      maxBondEth: parseWad("1.5"),
    });
    expect(config.oracle).toMatchObject({
      settleSeries: true,
      withdrawCredits: true,
      fromBlock: 0,
      questions: [],
    });
    expect(resolvePath(config.stateFile)).toBe(join(dir, "state.json"));
  });

  it("accepts the example configs in apps/keeper/examples", () => {
    for (const name of ["oracle.replay.json", "oracle.live.json"]) {
      const env = { [ENV_PRIVATE_KEY]: KEY };
      const { config } = loadConfig(
        resolve(import.meta.dirname, "../examples", name),
        oracleConfigSchema,
        env,
      );
      expect(config.oracle.indices.length).toBeGreaterThan(0);
    }
  });

  it("lets the environment override the RPC URL and the key", () => {
    const { privateKey: _, ...withoutKey } = valid;
    const env = { [ENV_RPC_URL]: "http://10.0.0.1:8545", [ENV_PRIVATE_KEY]: KEY };
    const { config } = loadConfig(write(withoutKey), oracleConfigSchema, env);
    expect(config).toMatchObject({ rpcUrl: "http://10.0.0.1:8545", privateKey: KEY });
    expect(issuesOf(valid, { [ENV_PRIVATE_KEY]: "0x1234" })).toEqual([
      "privateKey: must be a 0x-prefixed 32-byte private key (64 hex digits)",
    ]);
  });

  it("lists every problem with its field path and what to do", () => {
    const bad = {
      privateKey: "0xnope",
      stateFile: "./s.json",
      pollInterval: 5,
      oracle: {
        slowOracle: "0x123",
        indices: [
          {
            ticker: "EUR",
            maxBondEth: 1,
            minSources: 5,
            sources: [
              { type: "csv", name: "k", file: "k.csv" },
              { type: "ftp", name: "x" },
            ],
          },
        ],
      },
    };
    expect(issuesOf(bad)).toEqual([
      "rpcUrl: is missing: add it (a string)",
      "privateKey: must be a 0x-prefixed 32-byte private key (64 hex digits)",
      "oracle.slowOracle: must be a 0x-prefixed address (40 hex digits)",
      'oracle.indices.0.maxBondEth: must be an ETH amount as a decimal string, e.g. "0.5"',
      "oracle.indices.0.sources.1.type: Invalid discriminator value. Expected 'csv' | 'http-json' | 'pool': check its \"type\" and the fields that type needs",
      "pollInterval: unknown field: remove it or fix its spelling (see apps/keeper/README.md)",
    ]);
  });

  it("checks what one field implies for another", () => {
    const eur = {
      ...valid,
      oracle: {
        ...valid.oracle,
        indices: [{ ticker: "EUR", maxBondEth: "1", minSources: 4, sources: csvSources }],
      },
    };
    expect(issuesOf(eur)).toEqual([
      "oracle.indices.0.ecbFile: is required for EUR: the ECB rates CSV",
      "oracle.indices.0.minSources: is 4 but only 3 sources are configured: add sources or lower it",
    ]);
    const { core: _, ...noCore } = valid.oracle;
    expect(issuesOf({ ...valid, oracle: noCore })).toEqual([
      "oracle.core: is required when settleSeries is true (the default)",
    ]);
  });

  it("reports a missing file or broken JSON, and the CLI exits 2 on a bad config or usage", async () => {
    expect(() => loadConfig(join(tempDir(), "nope.json"), oracleConfigSchema, {})).toThrow(/does not exist/);
    expect(issuesOf("{ oops")[0]).toMatch(/^\(file\): is not valid JSON/);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["oracle", "--config", write({})], new AbortController().signal)).toBe(2);
      expect(await main(["launch"], new AbortController().signal)).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(
        /rpcUrl: is missing[\s\S]*Unknown command launch/,
      );
    } finally {
      stderr.mockRestore();
    }
  });
});
