// What is wrong with an action before it is sent. Each check returns the first problem as a sentence, or
// undefined when the action can go. The contract still has the last word: its revert is decoded and shown.
import { formatAmount, formatUtc } from "./format.ts";
import { phaseOf, type SeriesInfo } from "./series.ts";

export type SplitCheck = { series: SeriesInfo; amount: bigint; ethBalance: bigint; now: bigint };

export function checkSplit({ series, amount, ethBalance, now }: SplitCheck): string | undefined {
  if (phaseOf(series, now) !== "live") {
    return `This series matured at ${formatUtc(series.key.maturity)}: it can no longer be split. Pick a later maturity.`;
  }
  if (amount > ethBalance) {
    return `That is more than your ETH balance (${formatAmount(ethBalance)} ETH).`;
  }
  return undefined;
}

export type MergeCheck = { amount: bigint; p: bigint; n: bigint };

export function checkMerge({ amount, p, n }: MergeCheck): string | undefined {
  if (amount > p || amount > n) {
    const most = p < n ? p : n;
    return `You hold ${formatAmount(p)} P and ${formatAmount(n)} N: you can merge at most ${formatAmount(most)} pairs.`;
  }
  return undefined;
}

export type RedeemCheck = {
  series: SeriesInfo;
  pAmount: bigint;
  nAmount: bigint;
  p: bigint;
  n: bigint;
  now: bigint;
};

export function checkRedeem({ series, pAmount, nAmount, p, n, now }: RedeemCheck): string | undefined {
  const phase = phaseOf(series, now);
  if (phase === "live") {
    return `This series matures at ${formatUtc(series.key.maturity)}; it can be redeemed once it is settled. Merge pairs instead to exit now.`;
  }
  if (phase === "matured")
    return "This series is not settled yet: settle it first (once the oracle is final).";
  if (pAmount === 0n && nAmount === 0n) return "Enter a P or an N amount.";
  if (pAmount > p) return `That is more P than you hold (${formatAmount(p)} P).`;
  if (nAmount > n) return `That is more N than you hold (${formatAmount(n)} N).`;
  return undefined;
}
