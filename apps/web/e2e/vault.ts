// A PNVault for the fixture devnet's Vault page test: npm start's vault rules (scripts/devnet/vault.ts) with a
// four-week series on `near`'s weekly grid, one-day signal rolls and 6-hour auctions from 102% to 98%.
import type { SeriesKey } from "@pn/core";
import { deployVault } from "@pn/sdk";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { devnetVaultRules } from "../../../scripts/devnet/vault.ts";

const DAY = 86_400n;
const WAD = 10n ** 18n;

/** Deploys a vault on `oracle`'s USD index (S = x/2 of a 2,500 reference, 4-week series on `near`'s grid). */
export async function deployE2eVault(
  clients: { walletClient: WalletClient<Transport, Chain, Account>; publicClient: PublicClient },
  { market, oracle, near }: { market: Address; oracle: Address; near: SeriesKey },
): Promise<Address> {
  const rules = {
    ...devnetVaultRules(oracle),
    indexId: near.indexId,
    minStrikeStepBps: 5_000n,
    maxRefAge: 0n,
    minRollInterval: DAY,
    tenor: 28n * DAY,
    maturityOrigin: near.maturity,
    auctionDuration: 6n * 3_600n,
    auctionPatience: DAY,
    rollStartBps: 10_200n,
    rollFloorBps: 9_800n,
  };
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
