// A thin viem layer over a local anvil: anvil's unlocked accounts send every transaction, one block each.
import {
  type Abi,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  type Hash,
  type Hex,
  http,
  type PublicClient,
} from "viem";
import type { Artifact } from "./artifacts.ts";
import { executionGas, intrinsicGas } from "./intrinsic.ts";

export type Measurement = {
  gasUsed: bigint;
  intrinsicGas: bigint;
  executionGas: bigint;
  calldataBytes: number;
  txHash: Hash;
};

export type BenchChain = {
  publicClient: PublicClient;
  accounts: Address[];
  chain: Chain;
  rpcUrl: string;
  deploy: (from: Address, artifact: Artifact, args?: readonly unknown[]) => Promise<Address>;
  send: (
    from: Address,
    to: Address,
    abi: Abi,
    fn: string,
    args?: readonly unknown[],
    value?: bigint,
  ) => Promise<Hash>;
  measure: (
    from: Address,
    to: Address,
    abi: Abi,
    fn: string,
    args?: readonly unknown[],
  ) => Promise<Measurement>;
};

export async function connect(rpcUrl: string): Promise<BenchChain> {
  const bare = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await bare.getChainId();
  const chain = defineChain({
    id: chainId,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
  const wallet = createWalletClient({ chain, transport: http(rpcUrl) });
  const accounts = await wallet.getAddresses();

  const confirmed = async (hash: Hash, what: string) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`${what} reverted (tx ${hash})`);
    return receipt;
  };

  const deploy = async (from: Address, artifact: Artifact, args: readonly unknown[] = []) => {
    const hash = await wallet.deployContract({
      account: from,
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args,
    } as Parameters<typeof wallet.deployContract>[0]);
    const receipt = await confirmed(hash, `deploy ${artifact.name}`);
    if (receipt.contractAddress == null) throw new Error(`deploy ${artifact.name}: no contract address`);
    return receipt.contractAddress;
  };

  const send = async (
    from: Address,
    to: Address,
    abi: Abi,
    fn: string,
    args: readonly unknown[] = [],
    value?: bigint,
  ) => {
    const data = encodeFunctionData({ abi, functionName: fn, args });
    const hash = await wallet.sendTransaction({
      account: from,
      to,
      data,
      ...(value === undefined ? {} : { value }),
    });
    await confirmed(hash, fn);
    return hash;
  };

  const measure = async (from: Address, to: Address, abi: Abi, fn: string, args: readonly unknown[] = []) => {
    const txHash = await send(from, to, abi, fn, args);
    const [tx, receipt] = await Promise.all([
      publicClient.getTransaction({ hash: txHash }),
      publicClient.getTransactionReceipt({ hash: txHash }),
    ]);
    if ((tx.accessList?.length ?? 0) > 0) throw new Error(`${fn}: unexpected access list`);
    const input: Hex = tx.input;
    return {
      gasUsed: receipt.gasUsed,
      intrinsicGas: intrinsicGas(input),
      executionGas: executionGas(receipt.gasUsed, input),
      calldataBytes: (input.length - 2) / 2,
      txHash,
    };
  };

  return { publicClient, accounts, chain, rpcUrl, deploy, send, measure };
}

/** anvil's node info (hardfork, version), when the node reports it. */
export async function nodeInfo(rpcUrl: string): Promise<{ hardFork?: string }> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_nodeInfo", params: [] }),
    });
    const body = (await res.json()) as { result?: { hardFork?: string } };
    return body.result ?? {};
  } catch {
    return {};
  }
}
