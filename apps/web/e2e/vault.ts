// A PNVault for the fixture devnet's Vault page test: the SDK's weekly preset (docs/vault.md's defaults: four-week
// series, auctions from 102% to 98%) on `near`'s grid, with one-day signal rolls, 6-hour auctions, a 50% strike step
// and no reference-raised strikes.
import type { SeriesKey } from "@pn/core";
import { deployVault, weeklyVaultRules } from "@pn/sdk";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";

const DAY = 86_400n;
const WAD = 10n ** 18n;

/** Deploys a vault on `oracle`'s USD index (S = x/2 of a 2,500 reference, 4-week series on `near`'s grid). */
export async function deployE2eVault(
  clients: { walletClient: WalletClient<Transport, Chain, Account>; publicClient: PublicClient },
  { market, oracle, near }: { market: Address; oracle: Address; near: SeriesKey },
): Promise<Address> {
  const rules = weeklyVaultRules({
    oracle,
    indexId: near.indexId,
    origin: near.maturity,
    minStrikeStepBps: 5_000n,
    maxRefAge: 0n,
    minRollInterval: DAY,
    auctionDuration: 6n * 3_600n,
  });
  const { vault } = await deployVault({
    ...clients,
    market,
    rules,
    refPriceWad: 2_500n * WAD,
    name: "pn USD e2e vault",
    symbol: "pnUSD",
  });
  return vault;
}
