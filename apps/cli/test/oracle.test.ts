// pn oracle status|propose|dispute against a deployed SlowOracle (USD registered with the SDK's reference
// settings: 0.1 ETH bond, 2-hour window, 4 rounds) and a CommitteeArbiter, then settlement from its answer.

import { indexIdFromTicker } from "@pn/core";
import {
  committeeArbiterAbi,
  committeeArbiterBytecode,
  propose,
  slowOracleAbi,
  slowOracleBytecode,
} from "@pn/sdk";
import { referenceIndex } from "@pn/sdk/node";
import { type Address, getAddress, type Hash, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeFailure } from "../src/chain/revert.ts";
import { account, type Chain, json, startChain } from "./harness.ts";

const MATURITY = 1_790_812_800n; // 2026-10-01T00:00:00Z
const SERIES = "USD-1500-20261001";
let chain: Chain;
let oracle: Address;

async function deployed(hash: Hash): Promise<Address> {
  return getAddress((await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress ?? "0x");
}

beforeAll(async () => {
  chain = await startChain();
  const { wallet } = chain;
  oracle = await deployed(
    await wallet.deployContract({
      abi: slowOracleAbi,
      bytecode: slowOracleBytecode,
      args: [account(9).address],
    }),
  );
  const members = [5, 6, 7].map((i) => account(i).address);
  const arbiter = await deployed(
    await wallet.deployContract({
      abi: committeeArbiterAbi,
      bytecode: committeeArbiterBytecode,
      args: [oracle, members, 2n],
    }),
  );
  const usd = referenceIndex("USD", arbiter);
  await chain.publicClient.waitForTransactionReceipt({
    hash: await wallet.writeContract({
      address: oracle,
      abi: slowOracleAbi,
      functionName: "registerIndex",
      args: [usd.indexId, usd.config],
    }),
  });
  chain.writeDeployment({ ...chain.deployment, contracts: { ...chain.deployment.contracts, oracle } });
  json(await chain.pn(["series", "create", "--strike", "1500", "--maturity", "2026-10-01", "--json"]));
});
afterAll(() => chain?.stop());

type Question = {
  index: string;
  time: string;
  state: string;
  value: string | null;
  round: number;
  maxRounds: number;
  finalInSeconds: string | null;
  nextDisputeBond: string | null;
  finality: string | null;
};
const status = async (...args: string[]) =>
  json<{ oracle: string; questions: Question[] }>(await chain.pn(["oracle", "status", "--json", ...args]))
    .questions;

async function rejects(args: readonly string[], message: string | RegExp, signer = 0) {
  const nonce = await chain.nonce(account(signer).address);
  const run = await chain.pn(args);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe("");
  expect(await chain.nonce(account(signer).address)).toBe(nonce);
}

describe("pn oracle", () => {
  it("series on the deployment's slow oracle; status before maturity; proposals too early are refused", async () => {
    const [series] = json<{ series: { oracle: string }[] }>(
      await chain.pn(["series", "list", "--json"]),
    ).series;
    expect(series?.oracle).toBe(oracle);
    expect(await status()).toEqual([
      expect.objectContaining({
        index: "USD",
        time: "2026-10-01T00:00:00Z",
        state: "upcoming",
        value: null,
        round: 0,
        maxRounds: 4,
      }),
    ]);
    const text = await chain.pn(["oracle", "status"]);
    expect(text.stdout).toMatch(/USD\s+2026-10-01T00:00:00Z\s+upcoming\s+-\s+0\/4\s+opens in \d+d \d+h \d+m/);
    await rejects(
      ["oracle", "propose", "USD", "2026-10-01", "2400"],
      /Too early: the question about USD at 2026-10-01T00:00:00Z opens only after that instant/,
    );
  });

  it("refuses bad proposals before sending", async () => {
    await chain.warp(MATURITY + 60n);
    expect((await status())[0]?.state).toBe("awaiting proposal");
    await rejects(
      ["oracle", "propose", "USD", "2026-10-01", "0.5"],
      /value "0.5" is outside the index's bounds \[1, 10000000\]/,
    );
    await rejects(["oracle", "propose", "USD", "2026-10-01", "abc"], /value "abc" is not a decimal number/);
    await rejects(
      ["oracle", "propose", "EUR", "2026-10-01", "2400"],
      /Index EUR is not registered on the oracle 0x/,
    );
    await rejects(
      ["oracle", "dispute", "USD", "2026-10-01", "2400"],
      /cannot be disputed: nobody has proposed an answer yet\.\nUse `pn oracle propose` instead\./,
    );
    await rejects(["oracle", "propose", "USD", "yesterday", "2400"], /timestamp "yesterday" is not a date/);
  });

  it("proposes with the base bond, then a dispute doubles it", async () => {
    const proposed = json<Question & { bond: string }>(
      await chain.pn(["oracle", "propose", "USD", "2026-10-01", "2400", "--json"]),
    );
    expect(proposed).toMatchObject({
      state: "challenge window open",
      value: "2400",
      round: 0,
      bond: "0.1",
      nextDisputeBond: "0.2",
    });
    expect(proposed.finalInSeconds).toBe("7200");

    await rejects(
      ["oracle", "propose", "USD", "2026-10-01", "2500"],
      /already has an answer: x = 2400\.\nTo disagree, use `pn oracle dispute`/,
    );
    await rejects(
      ["oracle", "dispute", "USD", "2026-10-01", "2400"],
      /The latest answer about USD at 2026-10-01T00:00:00Z already is 2400\./,
    );

    const disputed = await chain.pn([
      "oracle",
      "dispute",
      "USD",
      "2026-10-01",
      "2450.5",
      "--account-index",
      "1",
    ]);
    expect(disputed.code).toBe(0);
    expect(disputed.stdout).toContain(
      "Disputed with x = 2450.5 for USD at 2026-10-01T00:00:00Z, bond 0.2 ETH (round 1/4).",
    );
    expect(disputed.stdout).toMatch(/challenge window open: final in 2h 0m \(2026-10-01T\d\d:\d\d:\d\dZ\)/);
    expect(disputed.stdout).toContain("next dispute bond: 0.4 ETH");

    const [q] = await status("--index", "usd", "--timestamp", "2026-10-01T00:00Z");
    expect(q).toMatchObject({
      value: "2450.5",
      round: 1,
      nextDisputeBond: "0.4",
      state: "challenge window open",
    });
  });

  it("settles from the final answer once the window has passed", async () => {
    await rejects(["settle", SERIES], /settle failed: OracleNotFinal\(/);
    expect((await status())[0]?.state).toBe("challenge window open");
    await chain.warp(MATURITY + 60n + 7200n + 60n);
    expect(await status()).toEqual([
      expect.objectContaining({
        state: "final",
        finality: "window passed",
        value: "2450.5",
        nextDisputeBond: null,
      }),
    ]);
    await rejects(
      ["oracle", "dispute", "USD", "2026-10-01", "2400"],
      /cannot be disputed: its answer is final \(x = 2450\.5\)/,
    );
    expect(json<{ settlement: string }>(await chain.pn(["settle", SERIES, "--json"])).settlement).toBe(
      "2450.5",
    );
  });

  it("oracle reverts that slip past the checks are named and explained", async () => {
    const call = {
      oracle,
      indexId: indexIdFromTicker("USD"),
      timestamp: MATURITY + 1n,
      valueWad: parseEther("2400"),
    };
    const wrongBond = await propose(chain.wallet, { ...call, bond: 1n }).catch((e: unknown) => e);
    const failure = describeFailure("propose", wrongBond);
    expect(failure.errorName).toBe("WrongBond");
    expect(failure.message).toBe(
      "propose failed: WrongBond(1, 100000000000000000): the bond sent (1 wei) is not the required 100000000000000000 wei.\n" +
        "Read the bond (nextDisputeBond for a dispute) just before sending, and send exactly that.",
    );
  });

  it("a deployment without a slow oracle says so", async () => {
    const path = chain.writeDeployment(chain.deployment, `${chain.dir}/no-oracle.json`);
    const run = await chain.pn(["oracle", "status"], { PN_DEPLOYMENT: path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`has no slow oracle (only a DevOracle at ${chain.devOracle}`);
    expect(run.stderr).toContain("Pass --oracle <address> of a SlowOracle");
    const named = await chain.pn(["oracle", "status", "--oracle", oracle, "--index", "USD"], {
      PN_DEPLOYMENT: path,
    });
    expect(named.code).toBe(0);
  });
});
