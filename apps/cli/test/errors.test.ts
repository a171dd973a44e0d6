// Bad input gets one clear message on stderr, exit code 1, and nothing sent: the signer's nonce is unchanged.
// Revert cases first, as in the contracts' integration tests.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createWalletClient, getAddress, type Hex, http, parseEther } from "viem";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/paths.ts";
import { account, type Chain, json, startChain } from "./harness.ts";

const SERIES = "USD-1500-20261231";
let chain: Chain;

beforeAll(async () => {
  chain = await startChain();
  json(await chain.pn(["series", "create", "--strike", "1500", "--maturity", "2026-12-31", "--json"]));
  json(await chain.pn(["split", SERIES, "1", "--eth", "--json"]));
});
afterAll(() => chain?.stop());

/** Runs `pn args`, expects exit 1 with `message` on stderr, nothing on stdout and no transaction sent. */
async function rejects(args: readonly string[], message: string | RegExp, env: Record<string, string> = {}) {
  const index = Number(env.PN_ACCOUNT_INDEX ?? 0);
  const signer = account(Number.isInteger(index) ? index : 0).address;
  const nonce = await chain.nonce(signer);
  const run = await chain.pn(args, env);
  expect(run.stderr).toMatch(typeof message === "string" ? new RegExp(escapeRegExp(message)) : message);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
  expect(await chain.nonce(signer)).toBe(nonce);
  return run;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("wrong amounts", () => {
  it.each([
    ["abc", 'amount "abc" is not a decimal number.'],
    ["-1", 'amount "-1" is negative.'],
    [
      "1.0000000000000000001",
      'amount "1.0000000000000000001" has 19 decimals; at most 18 are possible here.',
    ],
    ["0", 'amount "0" is zero.'],
    ["0.000", 'amount "0.000" is zero.'],
    ["1e18", 'amount "1e18" is not a decimal number.'],
  ])("split %s", async (amount, message) => {
    const run = await rejects(["split", SERIES, amount, "--eth"], message);
    expect(run.stderr).toContain("Pass a positive decimal such as 1.5");
  });

  it("merge and redeem check their amounts the same way", async () => {
    await rejects(["merge", SERIES, "-0.5"], 'amount "-0.5" is negative.');
    await rejects(["redeem", SERIES, "--p", "x"], '--p "x" is not a decimal number.');
  });
});

describe("unknown series, past maturity, unusable state", () => {
  it("an unknown series, by symbol or id", async () => {
    await rejects(["split", "USD-1500-20301231", "1", "--eth"], 'Unknown series "USD-1500-20301231"');
    await rejects(
      ["merge", `0x${"ab".repeat(32)}`, "1"],
      /Unknown series "0x(ab){32}".*\nRun `pn series list`/,
    );
  });

  it("a maturity in the past, or not a date", async () => {
    await rejects(
      ["series", "create", "--strike", "1500", "--maturity", "2020-01-01"],
      /Maturity 2020-01-01T00:00:00Z is in the past: chain time is 2026-09-2\dT/,
    );
    await rejects(
      ["series", "create", "--strike", "1500", "--maturity", "2026-02-30"],
      '--maturity "2026-02-30" is not a valid calendar date',
    );
    await rejects(["series", "create", "--strike", "0", "--maturity", "2027-01-01"], '--strike "0" is zero.');
  });

  it("an existing series, redeeming before settlement, --eth on a non-WETH series", async () => {
    await rejects(
      ["series", "create", "--strike", "1500", "--maturity", "2026-12-31"],
      `Series ${SERIES} already exists`,
    );
    await rejects(["redeem", SERIES], `Series ${SERIES} is not settled yet`);
    await rejects(
      ["settle", SERIES],
      /matures at 2026-12-31T00:00:00Z \(in \d+d \d+h \d+m\); it cannot settle before/,
    );
  });
});

describe("insufficient balance, checked before sending", () => {
  it("ETH for --eth", async () => {
    await rejects(
      ["split", SERIES, "20000", "--eth"],
      / holds 99\d\d\.\d+ ETH, but splitting needs 20000 ETH plus gas\./,
    );
  });

  it("WETH for the ERC-20 path (no approval is sent)", async () => {
    const run = await rejects(["split", SERIES, "1"], "holds 0 WETH", { PN_ACCOUNT_INDEX: "3" });
    expect(run.stderr).toContain(account(3).address);
    expect(run.stderr).toContain("Pass --eth to split native ETH instead, or wrap ETH into WETH first.");
  });

  it("P and N for merge and redeem", async () => {
    await rejects(
      ["merge", SERIES, "1.5"],
      `holds 1 P-${SERIES} and 1 N-${SERIES}, but merging needs 1.5 P and 1.5 N.`,
    );
  });
});

describe("configuration", () => {
  it("a missing deployment file says how to get one", async () => {
    const path = join(chain.dir, "nope.json");
    await rejects(["series", "list"], `Deployment file ${path}: not found (set by PN_DEPLOYMENT).`, {
      PN_DEPLOYMENT: path,
    });
    await rejects(["positions", "--deployment", path], "not found (set by --deployment)");
  });

  it("a wrong chain is one clear message", async () => {
    const other = chain.writeDeployment({ ...chain.deployment, chainId: 1 }, join(chain.dir, "mainnet.json"));
    await rejects(
      ["split", SERIES, "1", "--eth"],
      `Wrong chain: the RPC at ${chain.anvil.rpcUrl} is chain 31337, but the deployment ${other} is on chain 1.`,
      { PN_DEPLOYMENT: other },
    );
  });

  it("bad flags and environment values are all listed", async () => {
    const run = await rejects(
      ["split", SERIES, "1", "--private-key", "0x12"],
      "Invalid configuration (3 problems):",
      {
        PN_RPC_URL: "ftp://node",
        PN_ACCOUNT_INDEX: "first",
      },
    );
    expect(run.stderr).toContain("--private-key: must be 0x followed by 64 hex digits");
    expect(run.stderr).toContain("PN_RPC_URL: must be an http(s) URL");
    expect(run.stderr).toContain("PN_ACCOUNT_INDEX: must be a whole number from 0");
  });
});

describe("approval needed: the CLI approves exactly the amount, then splits", () => {
  const artifact = join(REPO_ROOT, "contracts/out/FeeOnTransferToken.sol/FeeOnTransferToken.json");

  it("says precisely that the approval went through when the split then fails", async () => {
    if (!existsSync(artifact))
      throw new Error(`${artifact} is missing: run \`npm run build:contracts\` first.`);
    const { abi, bytecode } = JSON.parse(readFileSync(artifact, "utf8")) as {
      abi: readonly object[];
      bytecode: { object: Hex };
    };
    const deployer = createWalletClient({
      account: account(0),
      chain: foundry,
      transport: http(chain.anvil.rpcUrl),
    });
    const hash = await deployer.deployContract({ abi, bytecode: bytecode.object });
    const token = getAddress(
      (await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress ?? "0x",
    );
    const mint = await deployer.writeContract({
      address: token,
      abi,
      functionName: "mint",
      args: [account(0).address, parseEther("5")],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash: mint });
    json(
      await chain.pn([
        "series",
        "create",
        "--strike",
        "1500",
        "--maturity",
        "2026-12-31",
        "--collateral",
        token,
        "--json",
      ]),
    );
    const name = "USD-1500-20261231";
    const id =
      json<{ series: { id: string; collateral: { address: string } }[] }>(
        await chain.pn(["series", "list", "--json"]),
      ).series.find((s) => s.collateral.address === token)?.id ?? "";

    await rejects(
      ["split", id, "1", "--eth"],
      `--eth works only for WETH-backed series; ${name} is backed by FEE`,
    );
    await rejects(
      ["split", name, "1"],
      /Series "USD-1500-20261231" is ambiguous: 2 series have that symbol\./,
    );

    const nonce = await chain.nonce();
    const run = await chain.pn(["split", id, "1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error: The approval of 1 FEE to the core went through \(tx 0x[0-9a-f]{64}\), but split failed: CollateralTransferMismatch\(/,
    );
    expect(run.stderr).toContain("the collateral moved 990000000000000000 instead of 1000000000000000000.");
    expect(run.stderr).toContain("Nothing was split and no FEE moved; the allowance of 1 FEE stays.");
    expect(await chain.nonce()).toBe(nonce + 1); // the approval only

    // Again: the allowance is there, so nothing is approved and the simulation stops the split.
    await rejects(
      ["split", id, "1"],
      /^error: split failed: CollateralTransferMismatch\(.*\): the collateral moved/m,
    );
  });
});
