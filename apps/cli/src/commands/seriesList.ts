// `pn series list`: every series of the deployment, from the core's SeriesCreated events.

import { formatWad } from "@pn/core";
import type { Command } from "commander";
import type { Context } from "../chain/context.ts";
import { listDeploymentSeries, type SeriesInfo, seriesInfo } from "../chain/series.ts";
import { emitResult, formatAmount, formatTime, table } from "../format.ts";
import { parseIndex } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { index?: string };

export type SeriesStatus = "open" | "matured" | "settled";

export function seriesStatus(info: SeriesInfo, now: bigint): SeriesStatus {
  if (info.state.settlementWad !== 0n) return "settled";
  return now >= info.key.maturity ? "matured" : "open";
}

export function registerSeriesList(series: Command, io: CliIo): void {
  const command = series
    .command("list")
    .description("List the deployment's series: symbol, id, strike, maturity, settlement, supplies.")
    .option("--index <ticker>", "only series on this index (USD, EUR, CPI-U or a bytes32 id)");
  addConnectionOptions(command, { signs: false }).action((options: Options) => seriesListAction(io, options));
}

function row(info: SeriesInfo, now: bigint) {
  const decimals = info.collateral.decimals;
  const x = info.state.settlementWad;
  return {
    name: info.name,
    pSymbol: info.pSymbol,
    nSymbol: info.nSymbol,
    id: info.id,
    index: info.index,
    indexId: info.key.indexId,
    strike: formatWad(info.key.strikeWad),
    maturity: formatTime(info.key.maturity),
    maturityUnix: info.key.maturity,
    status: seriesStatus(info, now),
    settlement: x === 0n ? null : formatWad(x),
    collateral: { address: info.collateral.address, symbol: info.collateral.symbol },
    oracle: info.key.oracle,
    pToken: info.pToken,
    nToken: info.nToken,
    pSupply: formatAmount(info.state.pSupply, decimals),
    nSupply: formatAmount(info.state.nSupply, decimals),
    collateralHeld: formatAmount(info.state.collateral, decimals),
  };
}

async function seriesListAction(io: CliIo, options: Options): Promise<void> {
  const index = options.index === undefined ? undefined : parseIndex("--index", options.index);
  const ctx: Context = await openContext(io, options);
  const listed = (await listDeploymentSeries(ctx)).filter(
    (s) => index === undefined || s.key.indexId === index.indexId,
  );
  const [infos, now] = await Promise.all([Promise.all(listed.map((s) => seriesInfo(ctx, s))), ctx.now()]);
  const rows = infos.map((info) => row(info, now));
  emitResult(
    io,
    options.json === true,
    { chainId: ctx.chain.id, core: ctx.deployment.contracts.core, chainTime: formatTime(now), series: rows },
    () => {
      const header = `${rows.length} series on chain ${ctx.chain.id} (core ${ctx.deployment.contracts.core}), chain time ${formatTime(now)}`;
      if (rows.length === 0)
        return `${header}.\nCreate one with \`pn series create --strike <S> --maturity <date>\`.`;
      const cells = rows.map((r) => [
        r.name,
        r.id,
        r.strike,
        r.maturity,
        r.status,
        r.settlement ?? "-",
        r.pSupply,
        r.nSupply,
        r.collateral.symbol,
      ]);
      const headers = [
        "series",
        "id",
        "strike",
        "maturity",
        "status",
        "settled at",
        "P supply",
        "N supply",
        "collateral",
      ];
      return `${header}:\n\n${table(headers, cells)}`;
    },
  );
}
