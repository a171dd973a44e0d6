// A constant-product pool (x·y = k) per token against the numeraire, kept at fair value by arbitrage between
// trades. `depth` is the value of each side of the pool, index units. The taker pays the price impact plus the
// LP fee on what it puts in.

import { InsufficientLiquidityError } from "../errors.ts";

export type AmmTrade = { value: number; depth: number; feeBps: number };

/** Buying tokens worth `value` at fair price: impact value²/(depth − value), fee on the input. */
export function ammBuyCost({ value, depth, feeBps }: AmmTrade): { impact: number; fee: number } {
  if (value <= 0) return { impact: 0, fee: 0 };
  if (!(value < depth)) throw new InsufficientLiquidityError({ tradeValue: value, depth });
  const input = (depth * value) / (depth - value);
  return { impact: input - value, fee: (input * feeBps) / 1e4 };
}

/** Selling tokens worth `value` at fair price: impact value²/(depth + value), fee on the input. */
export function ammSellCost({ value, depth, feeBps }: AmmTrade): { impact: number; fee: number } {
  if (value <= 0) return { impact: 0, fee: 0 };
  const output = (depth * value) / (depth + value);
  return { impact: value - output, fee: (value * feeBps) / 1e4 };
}
