// Test harness: a real anvil with the real contracts (deployed through @pn/sdk), a deployment file, and the CLI
// run in-process with captured stdout/stderr and exit code, or as a real child process.

import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEPLOYMENT_VERSION,
  type Deployment,
  type DeploymentContracts,
  deployCore,
  deployDevOracle,
  devOracleAbi,
  devWethAbi,
} from "@pn/sdk";
import { type Anvil, startAnvil } from "@pn/sdk/testing";
import {
  type Account,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { runCli } from "../src/index.ts";

export const MNEMONIC = "test test test test test test test test test test test junk";
/** 2026-09-21T14:13:20Z: series maturing 2026-12-31 are ~100 days out. */
export const START = 1_790_000_000n;
export const account = (index: number): Account => mnemonicToAccount(MNEMONIC, { addressIndex: index });

export type Chain = Awaited<ReturnType<typeof startChain>>;

/** Starts anvil and deploys WETH, PNCore and a DevOracle with dev account 0; writes the deployment file. */
export async function startChain(extra: Partial<DeploymentContracts> = {}) {
  const anvil: Anvil = await startAnvil({ timestamp: START });
  const deployer = account(0);
  const walletClient = createWalletClient({
    account: deployer,
    chain: foundry,
    transport: http(anvil.rpcUrl),
  });
  const publicClient = createPublicClient({
    chain: foundry,
    transport: http(anvil.rpcUrl),
    pollingInterval: 50,
  });
  const wallet = walletClient.extend(publicActions);
  const testClient = createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.rpcUrl) });
  const startBlock = await publicClient.getBlockNumber();
  const { core, weth } = await deployCore({ walletClient, publicClient });
  const { oracle: devOracle } = await deployDevOracle({ walletClient, publicClient });
  const dir = mkdtempSync(join(tmpdir(), "pn-cli-"));
  const deploymentPath = join(dir, "deployment.json");
  const deployment: Deployment = {
    version: DEPLOYMENT_VERSION,
    chainId: foundry.id,
    rpcUrl: anvil.rpcUrl,
    startBlock: startBlock.toString(),
    contracts: { weth, core, devOracle, ...extra },
  };
  const writeDeployment = (d: Deployment, path = deploymentPath) => {
    writeFileSync(path, JSON.stringify(d, null, 2));
    return path;
  };
  writeDeployment(deployment);
  const env = { PN_DEPLOYMENT: deploymentPath };

  return {
    anvil,
    dir,
    deployment,
    deploymentPath,
    writeDeployment,
    publicClient,
    wallet,
    testClient,
    weth,
    core,
    devOracle,
    env,
    /** Runs `pn …` in-process with PN_DEPLOYMENT set (plus `moreEnv`). */
    pn: (args: readonly string[], moreEnv: Record<string, string> = {}) =>
      runPn(args, { ...env, ...moreEnv }),
    nonce: (address: Address = deployer.address) => publicClient.getTransactionCount({ address }),
    /** Moves the chain's clock to `timestamp` and mines a block there. */
    async warp(timestamp: bigint) {
      await testClient.setNextBlockTimestamp({ timestamp });
      await testClient.mine({ blocks: 1 });
    },
    /** Wraps `amount` ETH into WETH for `who`. */
    async wrap(who: Account, amount: bigint) {
      const client = createWalletClient({ account: who, chain: foundry, transport: http(anvil.rpcUrl) });
      const hash = await client.writeContract({
        address: weth,
        abi: devWethAbi,
        functionName: "deposit",
        value: amount,
      });
      await publicClient.waitForTransactionReceipt({ hash });
    },
    /** The DevOracle's reporter posts x for (indexId, timestamp). */
    async report(indexId: Hex, timestamp: bigint, xWad: bigint) {
      const hash = await wallet.writeContract({
        address: devOracle,
        abi: devOracleAbi,
        functionName: "report",
        args: [indexId, timestamp, xWad],
      });
      await publicClient.waitForTransactionReceipt({ hash });
    },
    stop: () => anvil.stop(),
  };
}

export type Run = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with its own stdout, stderr and environment. */
export async function runPn(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** Runs `node apps/cli/src/main.ts …` as a child process (to check real exit codes). */
export function runPnProcess(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Parses a run's JSON output. */
export function json<T>(run: Run): T {
  if (run.code !== 0) throw new Error(`pn exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
