// The devnet's USD vault: a PNVault on the slow oracle whose series sit on the devnet's weekly grid (Fridays 00:00
// UTC), seeded with a deposit so the replay shows its rolls; the vault keeper (apps/keeper `vault`) triggers them and
// the market maker fills their auctions.
import { indexIdFromTicker } from "@pn/core";
import { deployVault, depositToVault, type VaultRules, weeklyVaultRules } from "@pn/sdk";
import { type Address, parseEther, publicActions } from "viem";
import type { Clients } from "./stack.ts";

const HOUR = 3_600n;
const DAY = 24n * HOUR;
/** 1970-01-02 00:00 UTC, a Friday: the grid's weekly maturities (grid.ts) are `ORIGIN + n weeks`. */
const ORIGIN = DAY;

/**
 * The SDK's weekly preset (docs/vault.md's defaults) on the devnet's grid, but for a two-week series (rolled a week
 * before it matures: one roll a week, lively at a replayed day every few seconds) and roll auctions from 101% to 95%
 * of the strike ratio (over a day, then a day at the floor: 20 s of replay at 10 s a day, time for the market maker
 * to split, approve and fill). So: strike half the reference price on two significant digits (the grid's 50%
 * strikes), a signal roll when the price hint falls below 1.5·S (at most every 3 days).
 */
export function devnetVaultRules(oracle: Address): VaultRules {
  return weeklyVaultRules({
    oracle,
    indexId: indexIdFromTicker("USD"),
    origin: ORIGIN,
    tenor: 14n * DAY,
    rollStartBps: 10_100n,
    rollFloorBps: 9_500n,
  });
}

/** Deploys the USD vault on `market`, its first strike half of `refPriceWad` (the USD index value now). */
export async function deployDevnetVault(
  clients: Clients,
  p: { market: Address; oracle: Address; refPriceWad: bigint },
): Promise<Address> {
  const { vault } = await deployVault({
    ...clients,
    market: p.market,
    rules: devnetVaultRules(p.oracle),
    refPriceWad: p.refPriceWad,
    name: "pn USD, 50% strike, 2-week roll",
    symbol: "pnUSD",
  });
  return vault;
}

/** Deposits `eth` into the vault from the clients' account (shares and N to it). */
export async function seedVault(clients: Clients, vault: Address, eth: string): Promise<void> {
  const client = clients.walletClient.extend(publicActions);
  const { hash } = await depositToVault(client, { vault, amount: parseEther(eth) });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the vault's seed deposit ${hash} failed`);
}
