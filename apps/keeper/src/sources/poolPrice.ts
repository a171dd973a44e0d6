// The price of a Uniswap-V2-style constant-product pool (getReserves, token0), as of the last block at or before
// M. Reads historical state, so for past M the RPC must serve it (an archive node for old blocks). A pool's spot
// price can be pushed around within a block; use it as one source among several, never alone.

import { type Address, getAddress, parseAbi } from "viem";
import { getBlock, readContract } from "viem/actions";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { PriceSource, SourcePrice } from "./source.ts";

export const v2PairAbi = parseAbi([
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function token0() view returns (address)",
  "function token1() view returns (address)",
]);

export type PoolPriceSourceParameters = {
  name: string;
  client: KeeperPublicClient;
  pair: Address;
  /** The priced asset (WETH): the price is quote units per one base unit. */
  baseToken: Address;
  baseDecimals?: number;
  /** Decimals of the quote token (6 for USDC/USDT, 18 for DAI). */
  quoteDecimals: number;
};

/**
 * @example
 * const pool = new PoolPriceSource({ name: "usdc-weth", client, pair, baseToken: weth, quoteDecimals: 6 });
 * await pool.priceAt(maturity); // quote per ETH, WAD-scaled, from the last block at or before maturity
 */
export class PoolPriceSource implements PriceSource {
  readonly name: string;
  readonly #p: PoolPriceSourceParameters;
  #baseIsToken0: boolean | undefined;

  constructor(parameters: PoolPriceSourceParameters) {
    this.name = parameters.name;
    this.#p = parameters;
  }

  async priceAt(timestamp: bigint): Promise<SourcePrice | undefined> {
    const block = await lastBlockAtOrBefore(this.#p.client, timestamp);
    if (block === undefined) return undefined;
    const baseIsToken0 = await this.#baseIsToken0Cached();
    const [reserve0, reserve1] = await readContract(this.#p.client, {
      address: this.#p.pair,
      abi: v2PairAbi,
      functionName: "getReserves",
      blockNumber: block.number,
    });
    const [base, quote] = baseIsToken0 ? [reserve0, reserve1] : [reserve1, reserve0];
    if (base === 0n) return undefined;
    return { priceWad: poolPriceWad({ base, quote, ...this.#decimals() }), endsAt: block.timestamp };
  }

  #decimals(): { baseDecimals: number; quoteDecimals: number } {
    return { baseDecimals: this.#p.baseDecimals ?? 18, quoteDecimals: this.#p.quoteDecimals };
  }

  async #baseIsToken0Cached(): Promise<boolean> {
    if (this.#baseIsToken0 !== undefined) return this.#baseIsToken0;
    const token0 = await readContract(this.#p.client, {
      address: this.#p.pair,
      abi: v2PairAbi,
      functionName: "token0",
    });
    this.#baseIsToken0 = getAddress(token0) === getAddress(this.#p.baseToken);
    return this.#baseIsToken0;
  }
}

/** quote/base in whole units, WAD-scaled, rounded down: `quote * 10^(18 + baseDecimals - quoteDecimals) / base`. */
export function poolPriceWad(p: {
  base: bigint;
  quote: bigint;
  baseDecimals: number;
  quoteDecimals: number;
}): bigint {
  const shift = 18 + p.baseDecimals - p.quoteDecimals;
  return shift >= 0 ? (p.quote * 10n ** BigInt(shift)) / p.base : p.quote / (p.base * 10n ** BigInt(-shift));
}

/** The last block whose timestamp is at or before `timestamp` (binary search), or `undefined` if none. */
export async function lastBlockAtOrBefore(
  client: KeeperPublicClient,
  timestamp: bigint,
): Promise<{ number: bigint; timestamp: bigint } | undefined> {
  const latest = await getBlock(client, { blockTag: "latest" });
  if (latest.timestamp <= timestamp) return { number: latest.number, timestamp: latest.timestamp };
  let lo = 0n;
  let hi = latest.number;
  let found: { number: bigint; timestamp: bigint } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) / 2n;
    const block = await getBlock(client, { blockNumber: mid });
    if (block.timestamp <= timestamp) {
      found = { number: mid, timestamp: block.timestamp };
      lo = mid + 1n;
    } else hi = mid - 1n;
  }
  return found;
}
