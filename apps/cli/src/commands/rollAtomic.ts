// `pn roll … --atomic`: plans the roll from the open book (@pn/sdk planRoll: best asks of the other side of A,
// best bids of the other side of B, a buffer slightly above the asks' cost, minRefund from --slippage-bps), checks
// the balances, approves exactly what the router pulls, and rolls in one transaction.

import { planRoll, rollAtomic, rollRouterAbi } from "@pn/sdk";
import { parseEventLogs } from "viem";
import { requireEth, requireWethForEth } from "../chain/checks.ts";
import type { Context } from "../chain/context.ts";
import { InvalidArgumentError } from "../errors.ts";
import { emitResult, formatAmount, formatTime } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import { type Approval, afterApprovals, parseDuration, requireToken } from "./orderShared.ts";
import type { RollInput, RollOptions } from "./roll.ts";

function slippageBps(text: string | undefined): number {
  if (text === undefined) return 50;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(value >= 0 && value <= 10_000)) {
    throw new InvalidArgumentError({
      argument: "--slippage-bps",
      value: text,
      problem: "is not in [0, 10000]",
      fix: "Pass basis points, e.g. 50 for 0.5%.",
    });
  }
  return value;
}

export async function rollAtomicAction(ctx: Context, input: RollInput, options: RollOptions): Promise<void> {
  const market = ctx.requireContract("market", "an atomic roll");
  const router = ctx.requireContract("router", "an atomic roll");
  const owner = ctx.wallet().account.address;
  const { from, to, side, amount } = input;
  const eth = options.eth === true;
  requireWethForEth(from, eth);
  if (options.amountOut !== undefined) parsePositiveDecimal("--amount-out", options.amountOut);
  const amountOut =
    options.amountOut === undefined
      ? amount
      : parseAmount("--amount-out", options.amountOut, to.collateral.decimals);
  const plan = await planRoll(ctx.client, {
    market,
    core: ctx.deployment.contracts.core,
    from: from.key,
    to: to.key,
    side,
    amountIn: amount,
    amountOut,
    slippageBps: slippageBps(options.slippageBps),
    validForSeconds: parseDuration("--deadline", options.deadline ?? "10m"),
    fromBlock: ctx.startBlock,
  });
  const [fromSymbol, toSymbol] = side === "P" ? [from.pSymbol, to.pSymbol] : [from.nSymbol, to.nSymbol];
  const c = from.collateral;
  await requireToken(ctx, {
    token: plan.tokenIn,
    owner,
    needed: amount,
    name: fromSymbol,
    what: "the roll",
    fix: "Lower the amount; `pn positions` shows what you hold.",
  });
  if (eth) await requireEth(ctx, owner, plan.collateralIn, "the roll's buffer");
  else {
    await requireToken(ctx, {
      token: c.address,
      owner,
      needed: plan.collateralIn,
      name: c.symbol,
      what: "the roll's buffer",
      fix: c.isWeth
        ? "Pass --eth to pay the buffer in native ETH, or wrap ETH first."
        : `Acquire more ${c.symbol}.`,
    });
  }
  const approvals: Approval[] = [
    {
      token: plan.tokenIn,
      spender: router,
      amount,
      label: `approve ${input.amountText} ${fromSymbol} to the router`,
    },
  ];
  if (!eth)
    approvals.push({
      token: c.address,
      spender: router,
      amount: plan.collateralIn,
      label: `approve ${formatAmount(plan.collateralIn, c.decimals)} ${c.symbol} to the router`,
    });
  const { sent, approvals: sentApprovals } = await afterApprovals(ctx, {
    approvals,
    action: "atomic roll",
    send: () =>
      rollAtomic(ctx.wallet(), {
        router,
        market,
        core: ctx.deployment.contracts.core,
        from: from.key,
        to: to.key,
        side,
        amountIn: amount,
        slippageBps: 0,
        plan,
        native: eth,
        refundEth: eth,
      }),
    nothingMoved: `Nothing was rolled; no ${fromSymbol} or ${c.symbol} moved.`,
  });
  const rolled = parseEventLogs({ abi: rollRouterAbi, logs: sent.receipt.logs, eventName: "Rolled" })[0]
    ?.args;
  const fmt = (v: bigint) => formatAmount(v, c.decimals);
  const unit = eth ? "ETH" : c.symbol;
  const spent = rolled?.spent ?? plan.cost;
  const proceeds = rolled?.proceeds ?? plan.proceeds;
  const refund = rolled?.refund ?? plan.expectedRefund;
  const net = plan.collateralIn - refund;
  const data = {
    action: "atomic roll",
    from: `${formatAmount(amount, 18)} ${fromSymbol}`,
    to: `${formatAmount(amountOut, 18)} ${toSymbol}`,
    asksCost: fmt(spent),
    bidsPaid: fmt(proceeds),
    buffer: fmt(plan.collateralIn),
    refund: fmt(refund),
    netCost: `${net < 0n ? "-" : ""}${fmt(net < 0n ? -net : net)} ${unit}`,
    minRefund: fmt(plan.minRefund),
    deadline: formatTime(plan.deadline),
    orders: { asks: plan.asks.map(String), bids: plan.bids.map(String) },
    hash: sent.hash,
    approvalHashes: sentApprovals,
  };
  emitResult(ctx.io, options.json === true, data, () =>
    [
      `Rolled ${data.from} into ${data.to} in one transaction.`,
      `  bought the other side of A for ${data.asksCost}, sold the other side of B for ${data.bidsPaid} ${unit}`,
      `  buffer ${data.buffer}, refund ${data.refund} (at least ${data.minRefund}): net cost ${data.netCost}`,
      `  tx ${sent.hash}`,
    ].join("\n"),
  );
}
