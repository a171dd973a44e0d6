// pn vault deposit / withdraw / status on anvil against a real PNVault (on the core, the market and a DevOracle).
import { indexIdFromTicker } from "@pn/core";
import { deployMarket, pnVaultAbi, pnVaultBytecode, weeklyVaultRules } from "@pn/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chain, json, START, startChain } from "./harness.ts";

const DAY = 86_400n;
const WAD = 10n ** 18n;
/** A Friday 00:00 UTC after START: the vault's maturity grid starts here, weekly. */
const ORIGIN = 1_790_380_800n; // 2026-09-25
let chain: Chain;
let vault: Address;

beforeAll(async () => {
  chain = await startChain();
  const { market } = await deployMarket({
    walletClient: chain.wallet,
    publicClient: chain.publicClient,
    core: chain.core,
  });
  const rules = weeklyVaultRules({
    oracle: chain.devOracle,
    indexId: indexIdFromTicker("USD"),
    origin: ORIGIN,
    minStrikeStepBps: 5_000n,
    maxRefAge: 0n,
    minRollInterval: DAY,
    auctionDuration: 6n * 3_600n,
  });
  const hash = await chain.wallet.deployContract({
    abi: pnVaultAbi,
    bytecode: pnVaultBytecode,
    args: [market, rules, 2_500n * WAD, "pn USD vault", "pnUSD"],
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  vault = receipt.contractAddress as Address;
  chain.writeDeployment({
    ...chain.deployment,
    contracts: { ...chain.deployment.contracts, market, vaults: { pnUSD: vault } },
  });
  expect(START).toBeLessThan(ORIGIN);
});
afterAll(() => chain?.stop());

type Status = { totalSupply: string; position?: { shares: string; currentP: string } };

describe("pn vault", () => {
  it("deposits ETH for shares and shows the position", async () => {
    const deposited = json<{ shares: string }>(await chain.pn(["vault", "deposit", "pnUSD", "2", "--json"]));
    expect(Number(deposited.shares)).toBeGreaterThan(0);
    const status = json<Status>(await chain.pn(["vault", "status", "pnUSD", "--json"]));
    expect(status.position?.shares).toBe(deposited.shares);
    expect(status.totalSupply).toBe(deposited.shares);
    expect(Number(status.position?.currentP)).toBeGreaterThan(0);
  });

  it("refuses to withdraw more shares than held, sending nothing", async () => {
    const before = await chain.nonce();
    const run = await chain.pn(["vault", "withdraw", "pnUSD", "1000000"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Insufficient balance: .* holds .* shares of pnUSD, but withdrawing needs 1000000/,
    );
    expect(await chain.nonce()).toBe(before);
  });

  it("names the known vaults when the name is unknown", async () => {
    const run = await chain.pn(["vault", "status", "pnEUR"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No vault named pnEUR in this deployment[\s\S]*pnUSD/);
  });

  it("withdraws every share, pro rata in kind", async () => {
    const status = json<Status>(await chain.pn(["vault", "status", "pnUSD", "--json"]));
    const shares = status.position?.shares ?? "0";
    const run = await chain.pn(["vault", "withdraw", "pnUSD", shares, "--json"]);
    expect(run.code).toBe(0);
    const after = json<Status>(await chain.pn(["vault", "status", "pnUSD", "--json"]));
    expect(after.position?.shares).toBe("0");
  });
});
