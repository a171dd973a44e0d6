// The real program as a child process (`node apps/cli/src/main.ts …`), to prove its exit codes, and `pn deploy`
// to a fresh node and to a chain that is not a devnet.

import { join } from "node:path";
import { type Anvil, startAnvil } from "@pn/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chain, json, runPn, runPnProcess, startChain } from "./harness.ts";

let chain: Chain;
let other: Anvil;

beforeAll(async () => {
  [chain, other] = await Promise.all([startChain(), startAnvil({ chainId: 5 })]);
});
afterAll(async () => {
  await Promise.all([chain?.stop(), other?.stop()]);
});

describe("exit codes of the real process", () => {
  it("0 with JSON on stdout; 1 with one message on stderr for bad input, a wrong chain, a missing file", async () => {
    const [ok, bad, wrong, missing] = await Promise.all([
      runPnProcess(["series", "list", "--json"], chain.env),
      runPnProcess(["split", "USD-1500-20261231", "abc"], chain.env),
      runPnProcess(["series", "list", "--rpc", other.rpcUrl], chain.env),
      runPnProcess(["positions"], { PN_DEPLOYMENT: join(chain.dir, "missing.json") }),
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ chainId: 31337, series: [] });
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toBe(
      'error: amount "abc" is not a decimal number.\nPass a positive decimal such as 1.5 (no sign, no exponent, at most 18 decimals).\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^error: Wrong chain: the RPC at http:\/\/127\.0\.0\.1:\d+ is chain 5, but the deployment .* is on chain 31337\./,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: Deployment file .*missing\.json: not found \(set by PN_DEPLOYMENT\)\./,
    );
  });
});

describe("pn deploy", () => {
  it("deploys the core stack to a node and writes a deployment file the other commands use", async () => {
    const fresh = await startAnvil();
    try {
      const out = join(chain.dir, "fresh.json");
      const deployed = json<{
        chainId: number;
        contracts: { core: string; weth: string; devOracle: string };
        file: string;
      }>(await runPn(["deploy", "--rpc", fresh.rpcUrl, "--dev-oracle", "--out", out, "--json"]));
      expect(deployed).toMatchObject({
        chainId: 31337,
        file: out,
        contracts: { devOracle: expect.any(String) },
      });
      const created = await runPn([
        "series",
        "create",
        "--strike",
        "2000",
        "--maturity",
        "2099-01-01T08:00Z",
        "--deployment",
        out,
      ]);
      expect(created.stdout).toContain("Created series USD-2000-20990101T0800");
      const again = await runPn(["deploy", "--rpc", fresh.rpcUrl, "--out", out]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        `${out} already exists.\nPass --out <another file>, or --force to overwrite it.`,
      );
    } finally {
      await fresh.stop();
    }
  });

  it("off devnets: needs a private key and the chain's WETH", async () => {
    const noKey = await runPnProcess(["deploy", "--rpc", other.rpcUrl]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("no signer is set for chain 5");
    const devAccount = await runPn(["deploy", "--rpc", other.rpcUrl, "--account-index", "1"]);
    expect(devAccount.stderr).toContain(
      "--account-index selects a dev account, but chain 5 is not a local devnet",
    );
    const noWeth = await runPn(["deploy", "--rpc", other.rpcUrl], { PN_PRIVATE_KEY: `0x${"11".repeat(32)}` });
    expect(noWeth.code).toBe(1);
    expect(noWeth.stderr).toContain("Chain 5 is not a local devnet, and no --weth is given.");
  });
});
