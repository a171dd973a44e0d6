// The parity test's chain side: anvil with the real contracts, one wallet client per actor, each operation sent
// through the SDK's actions where one exists (else simulate + write), and reverts decoded to error names.

import type { SeriesKey } from "@pn/core";
import {
  createSeries,
  decodePnError,
  devOracleAbi,
  devWethAbi,
  merge,
  type PnWriteClient,
  pnCoreAbi,
  pnTokenAbi,
  redeem,
  settle,
  split,
  toAbiKey,
} from "@pn/sdk";
import {
  type Abi,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hash,
  type Hex,
} from "viem";
import type { CoreOperation } from "../src/handlers/index.ts";

/** What an operation did: success, or the revert's error name and arguments (normalised for comparison). */
export type Outcome = { ok: true } | { ok: false; name: string; args: readonly string[] };

/** Errors that are not in the protocol ABI: the DevOracle's, and Solady SafeTransferLib's selector-only ones. */
const extraErrorAbi = [
  ...devOracleAbi.filter((e) => e.type === "error"),
  { type: "error", name: "TransferFromFailed", inputs: [] },
  { type: "error", name: "TransferFailed", inputs: [] },
  { type: "error", name: "ETHTransferFailed", inputs: [] },
] as const satisfies Abi;

/** Arguments as comparable strings: numbers in decimal, hex and addresses in lowercase. */
export const normaliseArgs = (args: readonly unknown[]): string[] =>
  args.map((a) =>
    typeof a === "bigint" || typeof a === "number" ? BigInt(a).toString() : String(a).toLowerCase(),
  );

function decodeChainError(error: unknown): Outcome {
  const decoded = decodePnError(error);
  if (decoded !== undefined) return { ok: false, name: decoded.errorName, args: normaliseArgs(decoded.args) };
  const reverted =
    error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  const raw = reverted instanceof ContractFunctionRevertedError ? reverted.raw : undefined;
  if (raw !== undefined) {
    try {
      const { errorName, args } = decodeErrorResult({ abi: extraErrorAbi, data: raw });
      return { ok: false, name: errorName, args: normaliseArgs(args ?? []) };
    } catch {
      return { ok: false, name: `undecoded ${raw}`, args: [] };
    }
  }
  throw error; // not a revert: a broken test setup, not a parity result
}

export type ChainEnv = {
  core: Address;
  weth: Address;
  clients: ReadonlyMap<string, PnWriteClient>;
};

async function mined(client: PnWriteClient, hash: Hash): Promise<void> {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== "success")
    throw new Error(`transaction ${hash} reverted after a successful simulation`);
}

async function tokenOf(
  client: PnWriteClient,
  core: Address,
  key: SeriesKey,
  side: "P" | "N",
): Promise<Address> {
  const [p, n] = await client.readContract({
    address: core,
    abi: pnCoreAbi,
    functionName: "tokensOf",
    args: [toAbiKey(key)],
  });
  return side === "P" ? p : n;
}

async function send(env: ChainEnv, client: PnWriteClient, op: CoreOperation): Promise<Hash> {
  const { core } = env;
  switch (op.type) {
    case "createSeries":
      return (await createSeries(client, { core, key: op.key })).hash;
    case "split": {
      if (op.value === 0n || op.value === op.amount) {
        return split(client, { core, key: op.key, amount: op.amount, to: op.to, native: op.value !== 0n });
      }
      const args = [toAbiKey(op.key), op.amount, op.to] as const;
      const { request } = await client.simulateContract({
        address: core,
        abi: pnCoreAbi,
        functionName: "split",
        args,
        value: op.value,
      });
      return client.writeContract(request);
    }
    case "merge":
      return merge(client, { core, key: op.key, amount: op.amount, to: op.to, native: op.asETH });
    case "settle":
      return (await settle(client, { core, key: op.key })).hash;
    case "redeem": {
      const { key, pAmount, nAmount, to, asETH } = op;
      return (await redeem(client, { core, key, pAmount, nAmount, to, native: asETH })).hash;
    }
    case "transfer": {
      const token = await tokenOf(client, core, op.key, op.side);
      const { request } = await client.simulateContract({
        address: token,
        abi: pnTokenAbi,
        functionName: "transfer",
        args: [op.to, op.amount],
      });
      return client.writeContract(request);
    }
    case "wethDeposit": {
      const { request } = await client.simulateContract({
        address: env.weth,
        abi: devWethAbi,
        functionName: "deposit",
        value: op.amount,
      });
      return client.writeContract(request);
    }
    case "wethApprove": {
      const { request } = await client.simulateContract({
        address: env.weth,
        abi: devWethAbi,
        functionName: "approve",
        args: [op.spender, op.amount],
      });
      return client.writeContract(request);
    }
    case "report": {
      const args = [op.indexId, op.timestamp, op.valueWad] as const;
      const { request } = await client.simulateContract({
        address: op.oracle,
        abi: devOracleAbi,
        functionName: "report",
        args,
      });
      return client.writeContract(request);
    }
  }
}

/** Sends `op` from its sender's client and waits for it; a revert becomes its decoded name and arguments. */
export async function runOnChain(env: ChainEnv, op: CoreOperation): Promise<Outcome> {
  const client = env.clients.get(op.sender.toLowerCase());
  if (client === undefined) throw new Error(`no client for ${op.sender}`);
  let hash: Hash;
  try {
    hash = await send(env, client, op);
  } catch (error) {
    return decodeChainError(error);
  }
  await mined(client, hash);
  return { ok: true };
}

/** Reads everything the parity test compares, for the given series ids, holders and WETH holders. */
export async function readChainState(
  client: PnWriteClient,
  env: ChainEnv,
  p: { ids: readonly Hex[]; holders: readonly Address[]; wethHolders: readonly Address[] },
): Promise<Record<string, string>> {
  const { core } = env;
  const reads: [string, Promise<unknown>][] = [];
  const read = (label: string, call: Promise<unknown>) => reads.push([label, call]);
  for (const id of p.ids) {
    read(
      `${id}:supplies`,
      client.readContract({ address: core, abi: pnCoreAbi, functionName: "suppliesOf", args: [id] }),
    );
    read(
      `${id}:collateral`,
      client.readContract({ address: core, abi: pnCoreAbi, functionName: "collateralOf", args: [id] }),
    );
    read(
      `${id}:x`,
      client.readContract({ address: core, abi: pnCoreAbi, functionName: "settlementOf", args: [id] }),
    );
    for (const h of p.holders) {
      read(
        `${id}:${h.toLowerCase()}`,
        client.readContract({ address: core, abi: pnCoreAbi, functionName: "balancesOf", args: [id, h] }),
      );
    }
  }
  for (const h of p.wethHolders) {
    read(
      `weth:${h.toLowerCase()}`,
      client.readContract({ address: env.weth, abi: devWethAbi, functionName: "balanceOf", args: [h] }),
    );
    read(
      `allowance:${h.toLowerCase()}`,
      client.readContract({ address: env.weth, abi: devWethAbi, functionName: "allowance", args: [h, core] }),
    );
  }
  const values = await Promise.all(reads.map(([, call]) => call));
  return Object.fromEntries(reads.map(([label], i) => [label, normaliseArgs([values[i]].flat()).join(",")]));
}
