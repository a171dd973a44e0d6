// `pn split <series> <amount> [--eth]`: collateral → P + N. The ERC-20 path approves exactly the amount first
// when the allowance is short; if the split then fails, the error says the approval went through.

import { approve, getAllowance, getPosition, split } from "@pn/sdk";
import type { Command } from "commander";
import type { Address, Hash } from "viem";
import { requireCollateral, requireEth, requireNotMatured, requireWethForEth } from "../chain/checks.ts";
import type { Context } from "../chain/context.ts";
import { resolveSeries, type SeriesInfo } from "../chain/series.ts";
import { hashOnly, sendTx } from "../chain/tx.ts";
import { PartialActionError, TransactionFailedError } from "../errors.ts";
import { emitResult, formatAmount } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { eth?: boolean };

export function registerSplit(program: Command, io: CliIo): void {
  const command = program
    .command("split")
    .description("Split collateral into P and N: 1 ETH → 1 P + 1 N.")
    .argument("<series>", "series symbol (P-USD-1500-20261231 or USD-1500-20261231) or id")
    .argument("<amount>", "collateral to split, e.g. 1.5")
    .option("--eth", "pay native ETH (WETH-backed series): no approval needed");
  addConnectionOptions(command, { signs: true }).action((series: string, amount: string, options: Options) =>
    splitAction(io, series, amount, options),
  );
}

/** Approves exactly `amount` when the allowance is short; returns the approval's hash if one was sent. */
async function approveIfNeeded(
  ctx: Context,
  info: SeriesInfo,
  owner: Address,
  amount: bigint,
): Promise<Hash | undefined> {
  const core = ctx.deployment.contracts.core;
  const token = info.collateral.address;
  const allowance = await getAllowance(ctx.client, { token, owner, spender: core });
  if (allowance >= amount) return undefined;
  const label = `approve ${formatAmount(amount, info.collateral.decimals)} ${info.collateral.symbol} to the core`;
  const { hash } = await sendTx(ctx, label, () =>
    hashOnly(approve(ctx.wallet(), { token, spender: core, amount })),
  );
  return hash;
}

async function splitAction(io: CliIo, name: string, amountText: string, options: Options): Promise<void> {
  parsePositiveDecimal("amount", amountText);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const owner = wallet.account.address;
  const info = await resolveSeries(ctx, name);
  const amount = parseAmount("amount", amountText, info.collateral.decimals);
  const eth = options.eth === true;
  requireWethForEth(info, eth);
  requireNotMatured(info, await ctx.now());
  const shown = `${formatAmount(amount, info.collateral.decimals)} ${eth ? "ETH" : info.collateral.symbol}`;
  if (eth) await requireEth(ctx, owner, amount, "splitting");
  else await requireCollateral(ctx, info, owner, amount);

  const approval = eth ? undefined : await approveIfNeeded(ctx, info, owner, amount);
  const core = ctx.deployment.contracts.core;
  let hash: Hash;
  try {
    ({ hash } = await sendTx(ctx, "split", () =>
      hashOnly(split(wallet, { core, key: info.key, amount, native: eth })),
    ));
  } catch (error) {
    if (approval === undefined || !(error instanceof TransactionFailedError)) throw error;
    throw new PartialActionError({
      done: `The approval of ${shown} to the core went through (tx ${approval})`,
      failed: error,
      fix: `Nothing was split and no ${info.collateral.symbol} moved; the allowance of ${shown} stays. Fix the cause and run the same command again (it will not approve again), or revoke the allowance by approving 0.`,
    });
  }
  const position = await getPosition(ctx.client, { core, id: info.id, owner });
  const fmt = (v: bigint) => formatAmount(v, info.collateral.decimals);
  const data = {
    action: "split",
    series: info.name,
    id: info.id,
    amount: fmt(amount),
    paidWith: eth ? "ETH" : info.collateral.symbol,
    approvalHash: approval ?? null,
    hash,
    position: { owner, p: fmt(position.p), n: fmt(position.n) },
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Split ${shown} into ${data.amount} ${info.pSymbol} + ${data.amount} ${info.nSymbol}.`,
      ...(approval === undefined ? [] : [`  approval tx ${approval}`]),
      `  split tx ${hash}`,
      `  you now hold ${data.position.p} P and ${data.position.n} N of ${info.name}`,
    ].join("\n"),
  );
}
