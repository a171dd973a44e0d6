// The devnet's USD vault: a PNVault on the slow oracle whose series sit on the devnet's weekly grid (Fridays 00:00
// UTC), seeded with a deposit so the replay shows its rolls; the vault keeper (apps/keeper `vault`) triggers them and
// the market maker fills their auctions.
import { indexIdFromTicker } from "@pn/core";
import { deployVault, depositToVault, type VaultRules } from "@pn/sdk";
import { type Address, parseEther, publicActions } from "viem";
import type { Clients } from "./stack.ts";

const HOUR = 3_600n;
const DAY = 24n * HOUR;
/** 1970-01-02 00:00 UTC, a Friday: the grid's weekly maturities (grid.ts) are `ORIGIN + n weeks`. */
const ORIGIN = DAY;

/**
 * Strike half the reference price on two significant digits (the grid's 50% strikes), a two-week series on the
 * weekly Friday grid rolled a week before it matures (one roll a week: lively at a replayed day every few seconds),
 * a signal roll when the price hint falls below 1.5·S (at most every 3 days), roll auctions from 101% to 95% of the
 * strike ratio over a day, then a day at the floor (20 s of replay at 10 s a day: time for the market maker to split,
 * approve and fill); otherwise docs/vault.md's defaults.
 */
export function devnetVaultRules(oracle: Address): VaultRules {
  return {
    oracle,
    indexId: indexIdFromTicker("USD"),
    strikeFractionBps: 5_000n,
    strikeSigFigs: 2n,
    minStrikeStepBps: 2_500n,
    maxRefAge: DAY,
    triggerBps: 15_000n,
    minRollInterval: 3n * DAY,
    tenor: 14n * DAY,
    maturityOrigin: ORIGIN,
    maturityPeriod: 7n * DAY,
    rollLead: 7n * DAY,
    auctionDuration: DAY,
    auctionHalfLife: 0n,
    auctionPatience: DAY,
    rollStartBps: 10_100n,
    rollFloorBps: 9_500n,
    saleStartBps: 12_000n,
    saleFloorBps: 8_000n,
    rewardBps: 1n,
    rewardCap: parseEther("0.01"),
  };
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
