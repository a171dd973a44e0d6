// A PNVault for the Vault page's browser test, deployed from @pn/sdk's ABI and bytecode.
import type { SeriesKey } from "@pn/core";
import { pnVaultAbi, pnVaultBytecode } from "@pn/sdk";
import type { Account, Address, Chain, PublicActions, Transport, WalletClient } from "viem";
import { parseEther } from "viem";

type Wallet = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

const DAY = 86_400n;
const WAD = 10n ** 18n;

/** Deploys a vault on `oracle`'s USD index (S = x/2, 4-week series on `near`'s weekly grid). */
export async function deployE2eVault(
  wallet: Wallet,
  { market, oracle, near }: { market: Address; oracle: Address; near: SeriesKey },
): Promise<Address> {
  const rules = {
    oracle,
    indexId: near.indexId,
    strikeFractionBps: 5_000n,
    strikeSigFigs: 2n,
    minStrikeStepBps: 5_000n,
    maxRefAge: 0n,
    triggerBps: 15_000n,
    minRollInterval: DAY,
    tenor: 28n * DAY,
    maturityOrigin: near.maturity,
    maturityPeriod: 7n * DAY,
    rollLead: 7n * DAY,
    auctionDuration: 6n * 3_600n,
    auctionHalfLife: 0n,
    auctionPatience: DAY,
    rollStartBps: 10_200n,
    rollFloorBps: 9_800n,
    saleStartBps: 12_000n,
    saleFloorBps: 8_000n,
    rewardBps: 1n,
    rewardCap: parseEther("0.01"),
  };
  const hash = await wallet.deployContract({
    abi: pnVaultAbi,
    bytecode: pnVaultBytecode,
    args: [market, rules, 2_500n * WAD, "pn USD e2e vault", "pnUSD"],
  });
  const { contractAddress, status } = await wallet.waitForTransactionReceipt({ hash });
  if (status !== "success" || !contractAddress) throw new Error(`the vault deployment ${hash} failed`);
  return contractAddress;
}
