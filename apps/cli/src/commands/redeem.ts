// `pn redeem <series> [--p <amt>] [--n <amt>] [--eth]`: P and N of a settled series for their payout. Without
// --p and --n it redeems everything held.

import { formatWad, redeemPayout } from "@pn/core";
import { getPosition, redeem } from "@pn/sdk";
import type { Command } from "commander";
import { requirePosition, requireSettled, requireWethForEth } from "../chain/checks.ts";
import { resolveSeries } from "../chain/series.ts";
import { sendTx } from "../chain/tx.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatAmount } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { p?: string; n?: string; eth?: boolean };

export function registerRedeem(program: Command, io: CliIo): void {
  const command = program
    .command("redeem")
    .description("Redeem P and N of a settled series: P pays min(1, S/x), N pays max(0, 1 - S/x) per token.")
    .argument("<series>", "series symbol or id")
    .option("--p <amount>", "P to redeem (default: all you hold, when neither --p nor --n is given)")
    .option("--n <amount>", "N to redeem (default: all you hold, when neither --p nor --n is given)")
    .option("--eth", "receive native ETH (WETH-backed series)");
  addConnectionOptions(command, { signs: true }).action((series: string, options: Options) =>
    redeemAction(io, series, options),
  );
}

async function redeemAction(io: CliIo, name: string, options: Options): Promise<void> {
  if (options.p !== undefined) parsePositiveDecimal("--p", options.p);
  if (options.n !== undefined) parsePositiveDecimal("--n", options.n);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const owner = wallet.account.address;
  const info = await resolveSeries(ctx, name);
  const eth = options.eth === true;
  requireWethForEth(info, eth);
  const xWad = requireSettled(info, await ctx.now());
  const core = ctx.deployment.contracts.core;
  const decimals = info.collateral.decimals;
  const all = options.p === undefined && options.n === undefined;
  const held = all ? await getPosition(ctx.client, { core, id: info.id, owner }) : undefined;
  const pAmount = held?.p ?? (options.p === undefined ? 0n : parseAmount("--p", options.p, decimals));
  const nAmount = held?.n ?? (options.n === undefined ? 0n : parseAmount("--n", options.n, decimals));
  if (pAmount === 0n && nAmount === 0n) {
    throw new PreconditionError({
      problem: `You (${owner}) hold no P or N of ${info.name}: nothing to redeem.`,
      fix: "`pn positions` shows what you hold.",
    });
  }
  if (!all) await requirePosition(ctx, info, owner, { p: pAmount, n: nAmount, action: "redeeming" });
  const expected = redeemPayout({ pAmount, nAmount, strikeWad: info.key.strikeWad, xWad });
  const { result, hash } = await sendTx(ctx, "redeem", () =>
    redeem(wallet, { core, key: info.key, pAmount, nAmount, native: eth }),
  );
  const fmt = (v: bigint) => formatAmount(v, decimals);
  const unit = eth ? "ETH" : info.collateral.symbol;
  const data = {
    action: "redeem",
    series: info.name,
    id: info.id,
    settlement: formatWad(xWad),
    p: fmt(pAmount),
    n: fmt(nAmount),
    payout: fmt(result.payout),
    expectedPayout: fmt(expected),
    unit,
    hash,
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Redeemed ${data.p} P and ${data.n} N of ${info.name} (settled at x = ${data.settlement}) for ${data.payout} ${unit}.`,
      `  tx ${hash}`,
    ].join("\n"),
  );
}
