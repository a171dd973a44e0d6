// `pn merge <series> <amount> [--eth]`: P + N → collateral, at any time, before or after settlement.

import { merge } from "@pn/sdk";
import type { Command } from "commander";
import { requirePosition, requireWethForEth } from "../chain/checks.ts";
import { resolveSeries } from "../chain/series.ts";
import { hashOnly, sendTx } from "../chain/tx.ts";
import { emitResult, formatAmount } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { eth?: boolean };

export function registerMerge(program: Command, io: CliIo): void {
  const command = program
    .command("merge")
    .description("Merge P and N back into collateral: 1 P + 1 N → 1 ETH, at any time.")
    .argument("<series>", "series symbol or id")
    .argument("<amount>", "pairs to merge, e.g. 1.5")
    .option("--eth", "receive native ETH (WETH-backed series)");
  addConnectionOptions(command, { signs: true }).action((series: string, amount: string, options: Options) =>
    mergeAction(io, series, amount, options),
  );
}

async function mergeAction(io: CliIo, name: string, amountText: string, options: Options): Promise<void> {
  parsePositiveDecimal("amount", amountText);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const owner = wallet.account.address;
  const info = await resolveSeries(ctx, name);
  const amount = parseAmount("amount", amountText, info.collateral.decimals);
  const eth = options.eth === true;
  requireWethForEth(info, eth);
  const held = await requirePosition(ctx, info, owner, { p: amount, n: amount, action: "merging" });
  const core = ctx.deployment.contracts.core;
  const { hash } = await sendTx(ctx, "merge", () =>
    hashOnly(merge(wallet, { core, key: info.key, amount, native: eth })),
  );
  const fmt = (v: bigint) => formatAmount(v, info.collateral.decimals);
  const unit = eth ? "ETH" : info.collateral.symbol;
  const data = {
    action: "merge",
    series: info.name,
    id: info.id,
    amount: fmt(amount),
    received: `${fmt(amount)} ${unit}`,
    hash,
    position: { owner, p: fmt(held.p - amount), n: fmt(held.n - amount) },
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Merged ${data.amount} ${info.pSymbol} + ${data.amount} ${info.nSymbol} into ${data.received}.`,
      `  tx ${hash}`,
      `  you now hold ${data.position.p} P and ${data.position.n} N of ${info.name}`,
    ].join("\n"),
  );
}
