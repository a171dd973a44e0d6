// The one flow measured for every protocol, on the same chain and the same WETH:
//   a seeder splits first (so the protocol already holds collateral and the series/condition is live),
//   then a fresh holder splits twice and merges twice.
import { type Abi, type Address, parseEther } from "viem";
import type { BenchChain, Measurement } from "./chain.ts";

export const AMOUNT = parseEther("1");
const HOLDER_WETH = parseEther("10");
const MAX = 2n ** 256n - 1n;

export const ACTIONS = [
  { id: "splitFirst", label: "split, first-time holder (P/N balances 0 -> x)" },
  { id: "splitRepeat", label: "split, repeat holder (already holds both)" },
  { id: "mergePartial", label: "merge, holder keeps both positions" },
  { id: "mergeFull", label: "merge, full exit (both balances -> 0)" },
] as const;

export type ActionId = (typeof ACTIONS)[number]["id"];
export type Results = Record<ActionId, Measurement>;

/** What a protocol plugs into the flow. `balances` returns the holder's two position balances. */
export type Adapter = {
  /** The contract the collateral is approved to. */
  spender: Address;
  split: (from: Address, amount: bigint) => Promise<Measurement>;
  merge: (from: Address, amount: bigint) => Promise<Measurement>;
  balances: (holder: Address) => Promise<readonly [bigint, bigint]>;
};

export type Weth = { address: Address; abi: Abi };

async function fund(chain: BenchChain, weth: Weth, who: Address, spender: Address, amount: bigint) {
  await chain.send(who, weth.address, weth.abi, "deposit", [], amount);
  await chain.send(who, weth.address, weth.abi, "approve", [spender, MAX]);
}

function expectBalances(got: readonly [bigint, bigint], want: bigint, step: string) {
  if (got[0] !== want || got[1] !== want) {
    throw new Error(`after ${step}: holder balances are ${got[0]}/${got[1]}, expected ${want} each`);
  }
}

export async function runScenario(
  chain: BenchChain,
  weth: Weth,
  adapter: Adapter,
  seeder: Address,
  holder: Address,
): Promise<Results> {
  await fund(chain, weth, seeder, adapter.spender, AMOUNT);
  await adapter.split(seeder, AMOUNT);
  await fund(chain, weth, holder, adapter.spender, HOLDER_WETH);
  expectBalances(await adapter.balances(holder), 0n, "funding");

  const splitFirst = await adapter.split(holder, AMOUNT);
  expectBalances(await adapter.balances(holder), AMOUNT, "first split");
  const splitRepeat = await adapter.split(holder, AMOUNT);
  expectBalances(await adapter.balances(holder), 2n * AMOUNT, "second split");
  const mergePartial = await adapter.merge(holder, AMOUNT);
  expectBalances(await adapter.balances(holder), AMOUNT, "partial merge");
  const mergeFull = await adapter.merge(holder, AMOUNT);
  expectBalances(await adapter.balances(holder), 0n, "full merge");

  const wethBalance = (await chain.publicClient.readContract({
    address: weth.address,
    abi: weth.abi,
    functionName: "balanceOf",
    args: [holder],
  })) as bigint;
  if (wethBalance !== HOLDER_WETH) throw new Error(`holder WETH is ${wethBalance}, expected ${HOLDER_WETH}`);
  return { splitFirst, splitRepeat, mergePartial, mergeFull };
}
