// Config resolution without a chain: flags beat environment variables, which beat the --config file; the
// deployment defaults to the devnet's; the signer is one setting taken from the first layer that sets it.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DEPLOYMENT, resolveConfig } from "../src/config/load.ts";
import { isDevChain, resolveAccount } from "../src/config/signer.ts";
import { ConfigError, SignerError } from "../src/errors.ts";
import { account } from "./harness.ts";

const KEY_A = `0x${"11".repeat(32)}` as const;
const KEY_B = `0x${"22".repeat(32)}` as const;

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "pn-config-"));
  const path = join(dir, "pn.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("resolveConfig", () => {
  it("defaults: the devnet's deployment file, its RPC, no signer", () => {
    expect(resolveConfig({}, {})).toEqual({
      rpcUrl: undefined,
      deployment: { value: DEFAULT_DEPLOYMENT, source: "the default (the local devnet's)", isDefault: true },
      signer: undefined,
    });
  });

  it("flags > environment > config file, per setting", () => {
    const file = configFile({ rpcUrl: "http://file:1", deployment: "deployments/x.json", privateKey: KEY_A });
    const env = { PN_RPC_URL: "http://env:2", PN_DEPLOYMENT: "" };
    const fromAll = resolveConfig({ config: file, rpc: "http://flag:3" }, env);
    expect(fromAll.rpcUrl).toEqual({ value: "http://flag:3", source: "--rpc" });
    // An empty variable is unset; the file's relative path is relative to the file.
    expect(fromAll.deployment).toMatchObject({
      value: join(file, "..", "deployments/x.json"),
      isDefault: false,
    });
    expect(fromAll.signer).toMatchObject({ kind: "privateKey", key: KEY_A });
    expect(resolveConfig({ config: file }, env).rpcUrl).toEqual({
      value: "http://env:2",
      source: "PN_RPC_URL",
    });
  });

  it("the signer comes whole from the first layer that sets one", () => {
    const env = { PN_PRIVATE_KEY: KEY_B };
    expect(resolveConfig({ accountIndex: "3" }, env).signer).toEqual({
      kind: "accountIndex",
      index: 3,
      source: "--account-index",
    });
    expect(resolveConfig({}, env).signer).toEqual({
      kind: "privateKey",
      key: KEY_B,
      source: "PN_PRIVATE_KEY",
    });
    expect(() => resolveConfig({}, { PN_PRIVATE_KEY: KEY_B, PN_ACCOUNT_INDEX: "1" })).toThrow(
      /PN_PRIVATE_KEY and PN_ACCOUNT_INDEX: give one signer, not both/,
    );
  });

  it("reports every problem, named by flag, variable or file field", () => {
    const file = configFile({ rpcUrl: "localhost", accountIndex: -1, extra: true });
    let error: unknown;
    try {
      resolveConfig({ config: file, privateKey: "0xabc" }, { PN_ACCOUNT_INDEX: "1.5" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("--private-key: must be 0x followed by 64 hex digits");
    expect(message).toContain("PN_ACCOUNT_INDEX: must be a whole number from 0");
    expect(message).toContain(`${file} field "rpcUrl": must be an http(s) URL`);
    expect(message).toContain(`${file} field "accountIndex": must be a whole number from 0`);
    expect(message).toContain(`${file} field "extra": unknown field`);
    expect(() => resolveConfig({ config: "/no/such/pn.json" }, {})).toThrow(
      /--config: no file at \/no\/such\/pn\.json/,
    );
  });
});

describe("signer", () => {
  it("dev accounts only on devnets; a private key anywhere", () => {
    expect(isDevChain(31337)).toBe(true);
    expect(isDevChain(1)).toBe(false);
    expect(resolveAccount(undefined, 31337)?.address).toBe(account(0).address);
    expect(
      resolveAccount({ kind: "accountIndex", index: 2, source: "--account-index" }, 31337)?.address,
    ).toBe(account(2).address);
    expect(resolveAccount(undefined, 1)).toBeUndefined();
    expect(resolveAccount({ kind: "privateKey", key: KEY_A, source: "--private-key" }, 1)).toBeDefined();
    expect(() => resolveAccount({ kind: "accountIndex", index: 2, source: "PN_ACCOUNT_INDEX" }, 1)).toThrow(
      SignerError,
    );
  });
});
