// `pn settle <series>`: writes the oracle's final x into a matured series, once. Anyone can call it.

import { formatWad } from "@pn/core";
import { settle } from "@pn/sdk";
import type { Command } from "commander";
import { resolveSeries } from "../chain/series.ts";
import { sendTx } from "../chain/tx.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatDuration, formatTime } from "../format.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

export function registerSettle(program: Command, io: CliIo): void {
  const command = program
    .command("settle")
    .description("Settle a matured series from its oracle's final answer (anyone can, once).")
    .argument("<series>", "series symbol or id");
  addConnectionOptions(command, { signs: true }).action((series: string, options: ProtocolOptions) =>
    settleAction(io, series, options),
  );
}

async function settleAction(io: CliIo, name: string, options: ProtocolOptions): Promise<void> {
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const info = await resolveSeries(ctx, name);
  if (info.state.settlementWad !== 0n) {
    throw new PreconditionError({
      problem: `Series ${info.name} already settled at x = ${formatWad(info.state.settlementWad)}.`,
      fix: `Redeem your P and N: \`pn redeem ${info.name}\`.`,
    });
  }
  const now = await ctx.now();
  if (now < info.key.maturity) {
    throw new PreconditionError({
      problem: `Series ${info.name} matures at ${formatTime(info.key.maturity)} (in ${formatDuration(info.key.maturity - now)}); it cannot settle before.`,
      fix: "Wait until maturity and the oracle's final answer; pairs can be merged meanwhile (`pn merge`).",
    });
  }
  const core = ctx.deployment.contracts.core;
  const { result, hash } = await sendTx(ctx, "settle", () => settle(wallet, { core, key: info.key }));
  const data = { action: "settle", series: info.name, id: info.id, settlement: formatWad(result.xWad), hash };
  emitResult(io, options.json === true, data, () =>
    [`Settled ${info.name} at x = ${data.settlement} ${info.index} per ETH.`, `  tx ${hash}`].join("\n"),
  );
}
