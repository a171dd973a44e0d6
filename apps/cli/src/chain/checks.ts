// Checks made before anything is sent, so bad input never leaves a transaction half-done: balances (named with
// their amounts), maturity and settlement, and the --eth path.

import { getPosition } from "@pn/sdk";
import { type Address, erc20Abi } from "viem";
import { InsufficientBalanceError, PreconditionError } from "../errors.ts";
import { formatAmount, formatDuration, formatTime } from "../format.ts";
import type { Context } from "./context.ts";
import type { SeriesInfo } from "./series.ts";

/** The owner's native ETH must cover `needed` (plus gas, which the simulation then checks). */
export async function requireEth(
  ctx: Context,
  owner: Address,
  needed: bigint,
  what: string,
): Promise<bigint> {
  const balance = await ctx.client.getBalance({ address: owner });
  if (balance < needed) {
    throw new InsufficientBalanceError({
      holder: owner,
      holds: `${formatAmount(balance, 18)} ETH`,
      needs: `${what} needs ${formatAmount(needed, 18)} ETH plus gas`,
      fix: "Fund the account with ETH, or lower the amount.",
    });
  }
  return balance;
}

/** The owner's collateral tokens must cover `needed`. */
export async function requireCollateral(
  ctx: Context,
  info: SeriesInfo,
  owner: Address,
  needed: bigint,
): Promise<void> {
  const { collateral } = info;
  const balance = await ctx.client.readContract({
    address: collateral.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });
  if (balance < needed) {
    throw new InsufficientBalanceError({
      holder: owner,
      holds: `${formatAmount(balance, collateral.decimals)} ${collateral.symbol} (token ${collateral.address})`,
      needs: `splitting needs ${formatAmount(needed, collateral.decimals)} ${collateral.symbol}`,
      fix: collateral.isWeth
        ? "Pass --eth to split native ETH instead, or wrap ETH into WETH first."
        : `Acquire more ${collateral.symbol}, or lower the amount.`,
    });
  }
}

/** The owner's P and N must cover `p` and `n`. Returns the balances. */
export async function requirePosition(
  ctx: Context,
  info: SeriesInfo,
  owner: Address,
  { p, n, action }: { p: bigint; n: bigint; action: string },
): Promise<{ p: bigint; n: bigint }> {
  const held = await getPosition(ctx.client, { core: ctx.deployment.contracts.core, id: info.id, owner });
  if (held.p < p || held.n < n) {
    const needs = [p > 0n ? `${fmt(info, p)} P` : undefined, n > 0n ? `${fmt(info, n)} N` : undefined]
      .filter((x) => x !== undefined)
      .join(" and ");
    throw new InsufficientBalanceError({
      holder: owner,
      holds: `${fmt(info, held.p)} ${info.pSymbol} and ${fmt(info, held.n)} ${info.nSymbol}`,
      needs: `${action} needs ${needs}`,
      fix: "Lower the amount; `pn positions` shows what you hold.",
    });
  }
  return held;
}

function fmt(info: SeriesInfo, amount: bigint): string {
  return formatAmount(amount, info.collateral.decimals);
}

/** --eth only works on series backed by the deployment's WETH. */
export function requireWethForEth(info: SeriesInfo, eth: boolean): void {
  if (eth && !info.collateral.isWeth) {
    throw new PreconditionError({
      problem: `--eth works only for WETH-backed series; ${info.name} is backed by ${info.collateral.symbol} (${info.collateral.address}).`,
      fix: `Drop --eth: the CLI then moves ${info.collateral.symbol} itself.`,
    });
  }
}

export function requireNotMatured(info: SeriesInfo, now: bigint): void {
  if (now >= info.key.maturity) {
    throw new PreconditionError({
      problem: `Series ${info.name} matured at ${formatTime(info.key.maturity)}; no new pairs can be split.`,
      fix: "Choose a series with a later maturity (`pn series list`), or create one.",
    });
  }
}

export function requireSettled(info: SeriesInfo, now: bigint): bigint {
  const x = info.state.settlementWad;
  if (x !== 0n) return x;
  const wait =
    now < info.key.maturity
      ? `It matures at ${formatTime(info.key.maturity)} (in ${formatDuration(info.key.maturity - now)}); then run \`pn settle ${info.name}\` once the oracle is final.`
      : `Run \`pn settle ${info.name}\` once the oracle has a final answer (\`pn oracle status\`).`;
  throw new PreconditionError({
    problem: `Series ${info.name} is not settled yet, so P and N cannot be redeemed on their own.`,
    fix: `${wait} Pairs can be merged back at any time (\`pn merge\`).`,
  });
}
