// deployVault on a real anvil: the vault is wired to the market's core and WETH, keeps its rules, strikes its first
// series at k × the reference price on the first grid date a tenor out, and an invalid rule is a decoded revert.
import { indexIdFromTicker } from "@pn/core";
import { createPublicClient, createWalletClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DeployParameters,
  decodePnError,
  deployCore,
  deployDevOracle,
  deployMarket,
  deployVault,
  fromAbiKey,
  getSeries,
  pnVaultAbi,
  type VaultRules,
  weeklyVaultRules,
} from "../src/index.ts";
import { type Anvil, startAnvil } from "../src/testing/index.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const START = 1_790_000_000n;
/** A Friday 00:00 UTC after START: the weekly maturity grid's origin. */
const ORIGIN = 1_790_380_800n;
const DAY = 86_400n;
const WAD = 10n ** 18n;
let anvil: Anvil;
let deploy: DeployParameters;
let market: `0x${string}`;
let core: `0x${string}`;
let weth: `0x${string}`;
let rules: VaultRules;

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
  const transport = http(anvil.rpcUrl);
  const walletClient = createWalletClient({
    account: mnemonicToAccount(MNEMONIC),
    chain: foundry,
    transport,
  });
  deploy = { walletClient, publicClient: createPublicClient({ chain: foundry, transport }) };
  ({ core, weth } = await deployCore(deploy));
  const { oracle } = await deployDevOracle(deploy);
  ({ market } = await deployMarket({ ...deploy, core }));
  rules = weeklyVaultRules({ oracle, indexId: indexIdFromTicker("USD"), origin: ORIGIN });
});
afterAll(() => anvil?.stop());

describe("deployVault", () => {
  it("deploys a vault on the market's core with its rules and its first series", async () => {
    const { vault } = await deployVault({
      ...deploy,
      market,
      rules,
      refPriceWad: 2_468n * WAD,
      name: "pn USD vault",
      symbol: "pnUSD",
    });
    const read = { address: vault, abi: pnVaultAbi } as const;
    const client = deploy.publicClient;
    const [name, symbol, vaultMarket, vaultCore, collateral, stored, state, key] = await Promise.all([
      client.readContract({ ...read, functionName: "name" }),
      client.readContract({ ...read, functionName: "symbol" }),
      client.readContract({ ...read, functionName: "market" }),
      client.readContract({ ...read, functionName: "core" }),
      client.readContract({ ...read, functionName: "collateral" }),
      client.readContract({ ...read, functionName: "rules" }),
      client.readContract({ ...read, functionName: "state" }),
      client.readContract({ ...read, functionName: "currentSeries" }),
    ]);
    expect([name, symbol, vaultMarket, vaultCore, collateral]).toEqual([
      "pn USD vault",
      "pnUSD",
      market,
      core,
      weth,
    ]);
    expect(stored).toEqual(rules);
    // k × 2,468 = 1,234 → 1,200 (two significant digits); the first Friday on the grid at least 28 days out.
    expect(state.strikeWad).toBe(1_200n * WAD);
    expect(state.maturity).toBe(Number(ORIGIN + 28n * DAY));
    expect(state.phase).toBe(0);
    expect(key).toMatchObject({ collateral: weth, oracle: rules.oracle, strikeWad: 1_200n * WAD });
    const series = await getSeries(client, { core, key: fromAbiKey(key) });
    expect(series.exists).toBe(true);
  });

  it("rejects an invalid rule with the decoded InvalidRule", async () => {
    const failure = await deployVault({
      ...deploy,
      market,
      rules: { ...rules, strikeFractionBps: 0n },
      refPriceWad: 2_000n * WAD,
      name: "bad",
      symbol: "BAD",
    }).catch((err: unknown) => err);
    const decoded = decodePnError(failure);
    expect(decoded?.errorName).toBe("InvalidRule");
  });
});
