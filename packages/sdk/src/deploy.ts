// Deploys pn-protocol: the core (with a DevWETH when no WETH is given), a rules-only vault and, for devnets, a
// DevOracle.
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  getAddress,
  type Hash,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { devOracleAbi, devWethAbi, pnCoreAbi, pnVaultAbi } from "./generated/abis.ts";
import { devOracleBytecode, devWethBytecode, pnCoreBytecode, pnVaultBytecode } from "./generated/bytecode.ts";
import type { VaultRules } from "./vaultRules.ts";

/** A wallet client with its account and chain set: it signs and sends every deployment. */
export type DeployWalletClient = WalletClient<Transport, Chain, Account>;

export type DeployParameters = {
  walletClient: DeployWalletClient;
  /** Waits for the receipts. */
  publicClient: PublicClient<Transport, Chain | undefined>;
};

export type DeployCoreParameters = DeployParameters & {
  /** The chain's WETH. When omitted, a fresh DevWETH is deployed (devnets and tests only). */
  weth?: Address;
};

export type DeployCoreReturnType = { core: Address; weth: Address };
export type DeployDevOracleReturnType = { oracle: Address };
export type DeployErrorType = DeploymentFailedError;

/** A deployment transaction reverted or created no contract. */
export class DeploymentFailedError extends BaseError {
  readonly contract: string;
  readonly hash: Hash;

  constructor({ contract, hash, status }: { contract: string; hash: Hash; status: string }) {
    super(
      `Deploying ${contract} failed: the transaction ${status === "success" ? "created no contract" : "reverted"}.`,
      {
        metaMessages: [`Transaction: ${hash}`],
        details: "Check that the chain is the one intended and that the deployer has enough ETH for gas.",
        name: "DeploymentFailedError",
      },
    );
    this.contract = contract;
    this.hash = hash;
  }
}

/** Waits for a deployment's receipt and returns the new contract's address. */
export async function confirmDeployment(
  publicClient: DeployParameters["publicClient"],
  contract: string,
  hash: Hash,
): Promise<Address> {
  const receipt = await waitForTransactionReceipt(publicClient, { hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new DeploymentFailedError({ contract, hash, status: receipt.status });
  }
  return getAddress(receipt.contractAddress);
}

/**
 * Deploys `PNCore(weth)`, first deploying a DevWETH when `weth` is omitted.
 *
 * @example
 * const { core, weth } = await deployCore({ walletClient, publicClient });
 */
export async function deployCore(parameters: DeployCoreParameters): Promise<DeployCoreReturnType> {
  const { walletClient, publicClient } = parameters;
  const weth =
    parameters.weth ??
    (await confirmDeployment(
      publicClient,
      "DevWETH",
      await deployContract(walletClient, { abi: devWethAbi, bytecode: devWethBytecode }),
    ));
  const hash = await deployContract(walletClient, { abi: pnCoreAbi, bytecode: pnCoreBytecode, args: [weth] });
  return { core: await confirmDeployment(publicClient, "PNCore", hash), weth };
}

/**
 * Deploys a DevOracle whose reporter is the wallet client's account. Devnets and tests only: its values are
 * whatever the reporter posts.
 *
 * @example
 * const { oracle } = await deployDevOracle({ walletClient, publicClient });
 */
export async function deployDevOracle(parameters: DeployParameters): Promise<DeployDevOracleReturnType> {
  const { walletClient, publicClient } = parameters;
  const hash = await deployContract(walletClient, { abi: devOracleAbi, bytecode: devOracleBytecode });
  return { oracle: await confirmDeployment(publicClient, "DevOracle", hash) };
}

export type DeployVaultParameters = DeployParameters & {
  /** The market the vault's auctions run on; the vault uses its core and the core's WETH. */
  market: Address;
  /** The policy (validated by the constructor: `InvalidRule(rule, value)`). */
  rules: VaultRules;
  /** The index price at deployment: the first strike is `k × refPriceWad` on the strike grid. */
  refPriceWad: bigint;
  /** The share's name, at most 31 bytes. */
  name: string;
  /** The share's symbol, at most 31 bytes. */
  symbol: string;
};
export type DeployVaultReturnType = { vault: Address };

/**
 * Deploys a `PNVault` (which deploys its engine and creates its first series, struck at
 * `rules.strikeFractionBps × refPriceWad`, maturing on the first grid date `rules.tenor` out).
 *
 * @example
 * const { vault } = await deployVault({ walletClient, publicClient, market, rules, refPriceWad, name, symbol });
 */
export async function deployVault(parameters: DeployVaultParameters): Promise<DeployVaultReturnType> {
  const { walletClient, publicClient, market, rules, refPriceWad, name, symbol } = parameters;
  const hash = await deployContract(walletClient, {
    abi: pnVaultAbi,
    bytecode: pnVaultBytecode,
    args: [market, rules, refPriceWad, name, symbol],
  });
  return { vault: await confirmDeployment(publicClient, "PNVault", hash) };
}
