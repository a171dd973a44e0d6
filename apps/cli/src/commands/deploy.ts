// `pn deploy --rpc <url> --private-key <key>`: deploys the core stack to any RPC with @pn/sdk's deployCore
// (plus a DevWETH on devnets or when asked, and a DevOracle with --dev-oracle) and writes a deployment file.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DEPLOYMENT_VERSION, type Deployment, deployCore, deployDevOracle } from "@pn/sdk";
import type { Command } from "commander";
import { type Account, type Address, createWalletClient, http } from "viem";
import { connectRpc, type Rpc } from "../chain/context.ts";
import { describeFailure } from "../chain/revert.ts";
import { resolveConfig } from "../config/load.ts";
import { missingSignerError, resolveAccount } from "../config/signer.ts";
import { ConfigError, PreconditionError } from "../errors.ts";
import { emitResult } from "../format.ts";
import { parseAddress } from "../inputs.ts";
import { type CliIo, progress } from "../io.ts";

type Options = {
  rpc?: string;
  privateKey?: string;
  accountIndex?: string;
  config?: string;
  weth?: string;
  devWeth?: boolean;
  devOracle?: boolean;
  oracle?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
};

export function registerDeploy(program: Command, io: CliIo): void {
  program
    .command("deploy")
    .description("Deploy PNCore (and test contracts on request) to any RPC and write a deployment file.")
    .option("--rpc <url>", "JSON-RPC URL of the target chain (env PN_RPC_URL)")
    .option("--private-key <key>", "deployer's private key, 0x + 64 hex (env PN_PRIVATE_KEY)")
    .option("--account-index <n>", "devnet only: deploy from this dev account (env PN_ACCOUNT_INDEX)")
    .option("--config <file>", "JSON config file with rpcUrl, privateKey, accountIndex")
    .option("--weth <address>", "the chain's WETH (required off devnets unless --dev-weth)")
    .option("--dev-weth", "deploy a DevWETH as collateral (the default on devnets without --weth)")
    .option("--dev-oracle", "also deploy a DevOracle whose deployer reports values (devnets and tests only)")
    .option("--oracle <address>", "record an existing SlowOracle in the deployment file")
    .option("--out <file>", "where to write the deployment file (default: ./deployment.<chainId>.json)")
    .option("--force", "overwrite an existing deployment file")
    .option("--json", "print JSON on stdout instead of text")
    .action((options: Options) => deployAction(io, options));
}

async function requireCode(rpc: Rpc, address: Address, what: string): Promise<void> {
  const code = await rpc.client.getCode({ address });
  if (code === undefined || code === "0x") {
    throw new PreconditionError({
      problem: `${what} ${address} has no code on chain ${rpc.chain.id}.`,
      fix: `Pass the address of a deployed ${what}.`,
    });
  }
}

type Plan = {
  rpc: Rpc;
  account: Account;
  weth: Address | undefined;
  oracle: Address | undefined;
  out: string;
};

/** Checks everything before the first transaction: RPC, signer, WETH, oracle and the output file. */
async function plan(io: CliIo, options: Options): Promise<Plan> {
  const config = resolveConfig({ ...options, deployment: undefined }, io.env);
  if (config.rpcUrl === undefined) {
    throw new ConfigError({
      problems: ["--rpc: missing"],
      fix: "Pass --rpc <url> of the chain to deploy to (or set PN_RPC_URL).",
    });
  }
  const weth = options.weth === undefined ? undefined : parseAddress("--weth", options.weth);
  const oracle = options.oracle === undefined ? undefined : parseAddress("--oracle", options.oracle);
  const rpc = await connectRpc({ rpcUrl: config.rpcUrl.value, source: config.rpcUrl.source });
  const account = resolveAccount(config.signer, rpc.chain.id);
  if (account === undefined) throw missingSignerError(rpc.chain.id);
  if (weth === undefined && options.devWeth !== true && !rpc.isDevnet) {
    throw new PreconditionError({
      problem: `Chain ${rpc.chain.id} is not a local devnet, and no --weth is given.`,
      fix: "Pass --weth <the chain's WETH address>, or --dev-weth to deploy a test WETH.",
    });
  }
  if (weth !== undefined) await requireCode(rpc, weth, "WETH");
  if (oracle !== undefined) await requireCode(rpc, oracle, "SlowOracle");
  const out = resolve(options.out ?? `deployment.${rpc.chain.id}.json`);
  if (existsSync(out) && options.force !== true) {
    throw new PreconditionError({
      problem: `${out} already exists.`,
      fix: "Pass --out <another file>, or --force to overwrite it.",
    });
  }
  return { rpc, account, weth, oracle, out };
}

async function deployContracts(io: CliIo, p: Plan, devOracle: boolean): Promise<Deployment> {
  const { rpc, account, weth } = p;
  const walletClient = createWalletClient({
    account,
    chain: rpc.chain,
    transport: http(rpc.rpcUrl),
    pollingInterval: rpc.isDevnet ? 100 : 1_000,
  });
  const publicClient = rpc.client;
  const startBlock = await publicClient.getBlockNumber();
  let contracts: Deployment["contracts"];
  try {
    const what = `${weth === undefined ? "DevWETH and " : ""}PNCore`;
    progress(io, `deploying ${what} from ${account.address}, waiting for confirmations…`);
    contracts = {
      ...(await deployCore({ walletClient, publicClient, ...(weth === undefined ? {} : { weth }) })),
    };
    if (devOracle) {
      progress(io, "deploying DevOracle, waiting for confirmation…");
      contracts.devOracle = (await deployDevOracle({ walletClient, publicClient })).oracle;
    }
  } catch (error) {
    throw describeFailure("deploy", error);
  }
  if (p.oracle !== undefined) contracts.oracle = p.oracle;
  return {
    version: DEPLOYMENT_VERSION,
    chainId: rpc.chain.id,
    rpcUrl: rpc.rpcUrl,
    startBlock: startBlock.toString(),
    contracts,
  };
}

async function deployAction(io: CliIo, options: Options): Promise<void> {
  const p = await plan(io, options);
  const deployment = await deployContracts(io, p, options.devOracle === true);
  mkdirSync(dirname(p.out), { recursive: true });
  writeFileSync(p.out, `${JSON.stringify(deployment, null, 2)}\n`);
  progress(io, `deployment written to ${p.out}`);
  const data = { ...deployment, file: p.out, deployer: p.account.address };
  emitResult(io, options.json === true, data, () =>
    [
      `Deployed to chain ${deployment.chainId} from ${p.account.address}; deployment file ${p.out}`,
      ...Object.entries(deployment.contracts).map(
        ([name, address]) => `  ${name.padEnd(10)} ${String(address)}`,
      ),
      `Use it: pn series list --deployment ${p.out}   (or export PN_DEPLOYMENT=${p.out})`,
    ].join("\n"),
  );
}
