// A connection to a pn-protocol deployment: the deployment file, an RPC checked to serve the deployment's chain,
// a reading client, and the signer. Every protocol command starts here; later ones (orders, rolls, vaults) read
// their contracts with `requireContract`.

import { existsSync } from "node:fs";
import type { Deployment, DeploymentContracts, PnWriteClient } from "@pn/sdk";
import { readDeployment } from "@pn/sdk/node";
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import type { ResolvedConfig } from "../config/load.ts";
import { isDevChain, missingSignerError, resolveAccount } from "../config/signer.ts";
import { DeploymentError, RpcUnreachableError, WrongChainError } from "../errors.ts";
import type { CliIo } from "../io.ts";

export type Rpc = { rpcUrl: string; chain: Chain; client: PublicClient<Transport, Chain>; isDevnet: boolean };

export type Context = Rpc & {
  io: CliIo;
  deployment: Deployment;
  deploymentPath: string;
  /** Event scans start at the deployment's first block. */
  startBlock: bigint;
  /** Undefined when no signer is set on a non-dev chain: the command can only read. */
  account: Account | undefined;
  /** A client that signs; throws a SignerError when no signer is set. */
  wallet(): PnWriteClient;
  /** The chain's clock: the latest block's timestamp. */
  now(): Promise<bigint>;
  /** A contract of the deployment, or an error saying the deployment has none. */
  requireContract(name: Exclude<keyof DeploymentContracts, "vaults">, what: string): Address;
};

function reasonOf(error: unknown): string {
  if (error instanceof BaseError) return error.details || error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/** Connects to an RPC and reads its chain id. `expectedChainId`, when given, must match. */
export async function connectRpc(params: {
  rpcUrl: string;
  source: string;
  expected?: { chainId: number; path: string };
}): Promise<Rpc> {
  const { rpcUrl, source, expected } = params;
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (error) {
    throw new RpcUnreachableError({ rpcUrl, source, reason: reasonOf(error) });
  }
  if (expected !== undefined && expected.chainId !== chainId) {
    throw new WrongChainError({ rpcUrl, actual: chainId, expected: expected.chainId, path: expected.path });
  }
  const isDevnet = isDevChain(chainId);
  const chain = defineChain({
    id: chainId,
    name: isDevnet ? "pn devnet" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  // Local nodes mine at once: poll for receipts every 100 ms rather than viem's default 4 s.
  const client = createPublicClient({
    chain,
    transport: http(rpcUrl, { retryCount: 1, timeout: 30_000 }),
    pollingInterval: isDevnet ? 100 : 1_000,
  });
  return { rpcUrl, chain, client, isDevnet };
}

function loadDeployment(config: ResolvedConfig): Deployment {
  const { value: path, source, isDefault } = config.deployment;
  if (!existsSync(path)) {
    throw new DeploymentError({
      path,
      problem: isDefault ? "not found (the local devnet writes it)" : `not found (set by ${source})`,
      fix: isDefault
        ? "Start the local devnet with `npm start` (it writes this file), or pass --deployment <file> (or set PN_DEPLOYMENT) for another deployment."
        : "Check the path, or write a deployment file with `pn deploy` (or `npm start` for the local devnet).",
    });
  }
  try {
    return readDeployment(path);
  } catch (error) {
    throw new DeploymentError({
      path,
      problem: error instanceof BaseError ? error.shortMessage.replace(/\.$/, "") : String(error),
      fix: "Rewrite it with `pn deploy` or `npm start`; the format is @pn/sdk's `Deployment`.",
    });
  }
}

/** Loads the deployment, connects to its chain (checking the chain id and the core's code) and sets the signer. */
export async function connect(config: ResolvedConfig, io: CliIo): Promise<Context> {
  const deployment = loadDeployment(config);
  const path = config.deployment.value;
  const rpc = await connectRpc({
    rpcUrl: config.rpcUrl?.value ?? deployment.rpcUrl,
    source: config.rpcUrl?.source ?? `the deployment file ${path}`,
    expected: { chainId: deployment.chainId, path },
  });
  const code = await rpc.client.getCode({ address: deployment.contracts.core });
  if (code === undefined || code === "0x") {
    throw new DeploymentError({
      path,
      problem: `there is no contract at its core address ${deployment.contracts.core} on chain ${rpc.chain.id}`,
      fix: "The file is stale (was the devnet restarted?). Run `npm start` again, or pass the right --deployment / --rpc.",
    });
  }
  // A signer that cannot be used only matters to commands that send: `wallet()` throws its error.
  let account: Account | undefined;
  let signerError: unknown;
  try {
    account = resolveAccount(config.signer, rpc.chain.id);
  } catch (error) {
    signerError = error;
  }
  let wallet: PnWriteClient | undefined;
  return {
    ...rpc,
    io,
    deployment,
    deploymentPath: path,
    startBlock: BigInt(deployment.startBlock),
    account,
    wallet() {
      if (signerError !== undefined) throw signerError;
      if (account === undefined) throw missingSignerError(rpc.chain.id);
      wallet ??= createWalletClient({
        account,
        chain: rpc.chain,
        transport: http(rpc.rpcUrl, { retryCount: 1, timeout: 30_000 }),
        pollingInterval: rpc.isDevnet ? 100 : 1_000,
      }).extend(publicActions);
      return wallet;
    },
    async now() {
      return (await rpc.client.getBlock({ blockTag: "latest" })).timestamp;
    },
    requireContract(name, what) {
      const address = deployment.contracts[name];
      if (address === undefined) {
        throw new DeploymentError({
          path,
          problem: `it has no ${name} contract, which ${what} needs`,
          fix: `Add contracts.${name} to the deployment file, or deploy it first.`,
        });
      }
      return address;
    },
  };
}
