// A PNVault for the Vault page's browser test, when its bytecode is available: from @pn/sdk once it exports
// `pnVaultBytecode`, or from a forge artifact named by PN_E2E_VAULT_ARTIFACT (e.g. built with
// `FOUNDRY_OUT=/tmp/out node scripts/forge.ts build src/vault/PNVault.sol`). Without either, the vault test is
// skipped and the suite checks the page of a deployment without vaults.
import { readFileSync } from "node:fs";
import type { SeriesKey } from "@pn/core";
import type { Abi, Account, Address, Chain, Hex, PublicActions, Transport, WalletClient } from "viem";
import { isHex, parseEther } from "viem";

type Wallet = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

export const VAULT_ARTIFACT_ENV = "PN_E2E_VAULT_ARTIFACT";

async function vaultCode(): Promise<{ abi: Abi; bytecode: Hex; source: string } | undefined> {
  const sdk: Record<string, unknown> = { ...(await import("@pn/sdk")) };
  const abi = sdk.pnVaultAbi;
  const bytecode = sdk.pnVaultBytecode;
  if (Array.isArray(abi) && typeof bytecode === "string" && isHex(bytecode)) {
    return { abi: abi as Abi, bytecode, source: "@pn/sdk" };
  }
  const path = process.env[VAULT_ARTIFACT_ENV];
  if (path === undefined || path === "") return undefined;
  const artifact = JSON.parse(readFileSync(path, "utf8")) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: artifact.abi, bytecode: artifact.bytecode.object, source: path };
}

const DAY = 86_400n;
const WAD = 10n ** 18n;

/** Deploys a vault on `oracle`'s USD index (S = x/2, 4-week series on `near`'s weekly grid), or undefined. */
export async function deployE2eVault(
  wallet: Wallet,
  { market, oracle, near }: { market: Address; oracle: Address; near: SeriesKey },
): Promise<{ vault: Address; source: string } | undefined> {
  const code = await vaultCode();
  if (code === undefined) return undefined;
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
    abi: code.abi,
    bytecode: code.bytecode,
    args: [market, rules, 2_500n * WAD, "pn USD e2e vault", "pnUSD"],
  });
  const { contractAddress, status } = await wallet.waitForTransactionReceipt({ hash });
  if (status !== "success" || !contractAddress) throw new Error(`the vault deployment ${hash} failed`);
  return { vault: contractAddress, source: code.source };
}
