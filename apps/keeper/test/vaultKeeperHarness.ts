// The vault keeper's in-process test devnet: the market maker's devnet (mmHarness) plus a USD vault on the crash
// scenario's rules, shortened (hour-long auctions, a daily signal limit, no reference age) on a weekly Friday grid
// from 2025-10-03, with 3 ETH deposited by the holder; the keeper (account 8) run in this process.

import { deployVault, pnVaultAbi } from "@pn/sdk";
import { type Address, parseEther } from "viem";
import { writeContract } from "viem/actions";
import type { Intent } from "../src/framework/state.ts";
import { createVaultRuntime } from "../src/vault/run.ts";
import { accounts, never } from "./helpers/devnet.ts";
import { inProcessRuntime, tempDir } from "./helpers/keeper.ts";
import { holder, type MarketNet, startMarketNet } from "./mmHarness.ts";
import { account, crashRules, DAY, HOUR, writeVaultConfig } from "./vaultHarness.ts";

/** 2025-10-03 08:00 UTC, a Friday: the vault's weekly grid. */
export const ORIGIN = 1_759_478_400n;
export const keeper = account(8);

export const inProcessVaultKeeper = (
  configFile: string,
  options: { dryRun?: boolean; afterRecord?: (i: Intent) => void | Promise<void> } = {},
) => inProcessRuntime((o) => createVaultRuntime(configFile, o), options);

export type VaultKeeperNet = { m: MarketNet; vault: Address; dir: string; config: string };

/** The devnet, the vault (3 ETH deposited) and the keeper's config file (in `dir`, next to its state file). */
export async function startVaultKeeperNet(): Promise<VaultKeeperNet> {
  const m = await startMarketNet();
  const rules = {
    ...crashRules(m.oracle),
    maxRefAge: 0n,
    minRollInterval: DAY,
    maturityOrigin: ORIGIN,
    auctionDuration: HOUR,
    auctionPatience: HOUR,
  };
  const { vault } = await deployVault({
    walletClient: m.net.wallet(accounts[0] ?? never()),
    publicClient: m.net.publicClient,
    market: m.market,
    rules,
    refPriceWad: parseEther("4000"),
    name: "pn USD keeper test",
    symbol: "pnUSD",
  });
  await m.net.confirm(
    await writeContract(m.net.wallet(holder), {
      address: vault,
      abi: pnVaultAbi,
      functionName: "deposit",
      args: [holder.address],
      value: parseEther("3"),
    }),
  );
  const dir = tempDir("pn-vault-keeper-");
  const config = writeVaultConfig(dir, m.net.anvil.rpcUrl, keeper.key, {
    core: m.core,
    market: m.market,
    oracle: m.oracle,
    vault,
    fromBlock: m.startBlock,
  });
  return { m, vault, dir, config };
}
