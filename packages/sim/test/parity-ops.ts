// The parity test's random operations: a seeded generator over the handler vocabulary, biased towards
// operations that succeed (amounts drawn from the model's balances) with a share of deliberately invalid ones
// (zero, too large, wrong recipient, wrong time, wrong caller, wrong value).

import { type SeriesKey, seriesId, WAD } from "@pn/core";
import type { Address } from "viem";
import {
  balancesOf,
  type CoreOperation,
  type CoreState,
  MASK_128,
  settlementOf,
  tokenBalanceOf,
  ZERO_ADDRESS,
} from "../src/handlers/index.ts";
import type { Rng } from "../src/rng.ts";

export type ParityStep = CoreOperation | { type: "warp"; seconds: bigint };

export type OpContext = {
  state: CoreState;
  actors: readonly Address[];
  /** Every key the test uses: valid ones, and some `createSeries` must reject. */
  keys: readonly SeriesKey[];
  /** Keys that can exist (created or not yet), for split, merge, settle, redeem, transfer. */
  liveKeys: readonly SeriesKey[];
};

const chance = (rng: Rng, p: number): boolean => rng.nextFloat() < p;
const pick = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[rng.below(items.length)];
  if (item === undefined) throw new RangeError("pick from an empty list");
  return item;
};

/** A uniform bigint in [1, max] (max >= 1). */
function upTo(rng: Rng, max: bigint): bigint {
  if (max <= 1n) return 1n;
  const drawn = BigInt(Math.floor(rng.nextFloat() * Number(max))) + 1n;
  return drawn > max ? max : drawn;
}

/** An amount against `available`: mostly a valid part of it, sometimes 0, a bit more, or past 2^128. */
function amount(rng: Rng, available: bigint): bigint {
  const r = rng.nextFloat();
  if (r < 0.05) return 0n;
  if (r < 0.1) return available + upTo(rng, WAD);
  if (r < 0.12) return MASK_128 + 1n;
  if (available === 0n) return upTo(rng, 3n * WAD);
  return chance(rng, 0.2) ? available : upTo(rng, available);
}

/** A recipient: an actor, rarely the zero address, the core or WETH (payouts there are stranded). */
function recipient(rng: Rng, ctx: OpContext): Address {
  const r = rng.nextFloat();
  if (r < 0.04) return ZERO_ADDRESS;
  if (r < 0.06) return ctx.state.core;
  if (r < 0.08) return ctx.state.weth;
  return pick(rng, ctx.actors);
}

function splitOp(rng: Rng, ctx: OpContext, sender: Address, key: SeriesKey): ParityStep {
  const wantsNative = chance(rng, 0.6);
  const wethHeld = tokenBalanceOf(ctx.state, ctx.state.weth, sender);
  const sized = amount(rng, wantsNative ? 4n * WAD : wethHeld);
  // An actor holds 10,000 ETH: larger amounts go the ERC-20 way (they revert before any transfer).
  const native = wantsNative && sized <= 1_000n * WAD;
  const value = native ? (chance(rng, 0.05) ? sized + 1n : sized) : 0n;
  return { type: "split", sender, key, amount: sized, to: recipient(rng, ctx), value };
}

function redeemOp(rng: Rng, ctx: OpContext, sender: Address, key: SeriesKey): ParityStep {
  const { p, n } = balancesOf(ctx.state, seriesId(key), sender);
  const side = rng.below(3); // 0: P only, 1: N only, 2: both
  return {
    type: "redeem",
    sender,
    key,
    pAmount: side === 1 ? 0n : amount(rng, p),
    nAmount: side === 0 ? 0n : amount(rng, n),
    to: recipient(rng, ctx),
    asETH: chance(rng, 0.3),
  };
}

function reportOp(rng: Rng, ctx: OpContext, key: SeriesKey): ParityStep {
  // The series on a non-ERC-20 collateral holds nothing: let it meet InvalidSettlementValue often.
  const r = rng.nextFloat() * (key.collateral === ctx.state.weth ? 1 : 0.25);
  const valueWad = r < 0.04 ? 0n : r < 0.1 ? MASK_128 + 1n : BigInt(500 + rng.below(3500)) * WAD;
  const reporter = ctx.state.oracles.get(key.oracle.toLowerCase())?.reporter ?? ZERO_ADDRESS;
  const sender = chance(rng, 0.85) ? reporter : pick(rng, ctx.actors);
  const timestamp = chance(rng, 0.9) ? key.maturity : key.maturity + 1n;
  return { type: "report", sender, oracle: key.oracle, indexId: key.indexId, timestamp, valueWad };
}

/** One random step. */
export function nextStep(rng: Rng, ctx: OpContext): ParityStep {
  const key = pick(rng, ctx.liveKeys);
  const id = seriesId(key);
  // Mostly an actor that holds something in this series, so merges, transfers and redemptions can succeed.
  const holders = ctx.actors.filter((a) => {
    const b = balancesOf(ctx.state, id, a);
    return b.p > 0n || b.n > 0n;
  });
  const sender = holders.length > 0 && chance(rng, 0.7) ? pick(rng, holders) : pick(rng, ctx.actors);
  const held = balancesOf(ctx.state, id, sender);
  const r = rng.nextFloat();
  if (r < 0.05) return { type: "createSeries", sender, key: pick(rng, ctx.keys) };
  if (r < 0.1) return { type: "warp", seconds: BigInt(600 + rng.below(20 * 3600)) };
  if (r < 0.14) return { type: "wethDeposit", sender, amount: upTo(rng, 5n * WAD) };
  if (r < 0.18) {
    const allowance = chance(rng, 0.5) ? (1n << 256n) - 1n : upTo(rng, 5n * WAD);
    return { type: "wethApprove", sender, spender: ctx.state.core, amount: allowance };
  }
  if (r < 0.42) return splitOp(rng, ctx, sender, key);
  if (r < 0.55) {
    let pairs = held.p;
    if (held.n < pairs) pairs = held.n;
    return {
      type: "merge",
      sender,
      key,
      amount: amount(rng, pairs),
      to: recipient(rng, ctx),
      asETH: chance(rng, 0.3),
    };
  }
  if (r < 0.7 && ctx.state.series.has(id)) {
    const side = chance(rng, 0.5) ? "P" : "N";
    const to = chance(rng, 0.05) ? ZERO_ADDRESS : pick(rng, ctx.actors);
    return { type: "transfer", sender, key, side, to, amount: amount(rng, side === "P" ? held.p : held.n) };
  }
  const matured = ctx.state.timestamp >= key.maturity;
  const settled = settlementOf(ctx.state, id) !== 0n;
  // Reports mostly after maturity (so that `settle` meets OracleNotFinal first); settle mostly once matured.
  if (r < 0.77)
    return matured || chance(rng, 0.15) ? reportOp(rng, ctx, key) : splitOp(rng, ctx, sender, key);
  if (r < 0.84 && (settled ? chance(rng, 0.3) : matured || chance(rng, 0.2)))
    return { type: "settle", sender, key };
  return redeemOp(rng, ctx, sender, key);
}

/** A short text for the log of a failing sequence. */
export function describeStep(step: ParityStep): string {
  return JSON.stringify(step, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
