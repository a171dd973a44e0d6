// `pn positions [--owner <addr>]`: P and N held per series, valued in ETH and index units at a given or assumed
// x, with each series' effective collateral ratio x/S.

import { formatWad, redeemPayout } from "@pn/core";
import { getPosition } from "@pn/sdk";
import type { Command } from "commander";
import type { Address } from "viem";
import type { Context } from "../chain/context.ts";
import { listDeploymentSeries, type SeriesInfo, seriesInfo } from "../chain/series.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatAmount, formatNumber, formatPercent, formatTime, table } from "../format.ts";
import { parseAddress, wadToNumber } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import {
  type Assumed,
  indexX,
  parseXFlag,
  type Valuation,
  valueSeries,
  volatility,
  type XFlag,
} from "../pricing.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";
import { seriesStatus } from "./seriesList.ts";

type Options = ProtocolOptions & { owner?: string; x?: string; vol?: string };

export function registerPositions(program: Command, io: CliIo): void {
  const command = program
    .command("positions")
    .description("P and N held per series, valued in ETH and index units, with the collateral ratio x/S.")
    .option("--owner <address>", "whose positions (default: the signer's)")
    .option(
      "--x <price>",
      "x for every index (2500), or per index (USD=2500,EUR=2300); default: data/ closes",
    )
    .option("--vol <sigma>", "annual volatility for unsettled series, 0.8 or 80% (default 0.8)");
  addConnectionOptions(command, { signs: false }).action((options: Options) => positionsAction(io, options));
}

function ownerOf(ctx: Context, flag: string | undefined): Address {
  if (flag !== undefined) return parseAddress("--owner", flag);
  if (ctx.account !== undefined) return ctx.account.address;
  throw new PreconditionError({
    problem: "No owner: --owner is not given and no signer is set.",
    fix: "Pass --owner <address>, or set PN_PRIVATE_KEY.",
  });
}

/** What a holding is worth in collateral units: its exact payout once settled, else the model value. */
function collateralValue(info: SeriesInfo, held: { p: bigint; n: bigint }, v: Valuation): number {
  const units = (amount: bigint) => Number(formatAmount(amount, info.collateral.decimals));
  const { strikeWad } = info.key;
  const xWad = info.state.settlementWad;
  if (v.settledWad !== undefined)
    return units(redeemPayout({ pAmount: held.p, nAmount: held.n, strikeWad, xWad }));
  return units(held.p) * v.pEth + units(held.n) * v.nEth;
}

type Row = ReturnType<typeof rowOf>;

function rowOf(
  info: SeriesInfo,
  held: { p: bigint; n: bigint },
  x: Assumed<bigint> | undefined,
  sigma: number,
  now: bigint,
) {
  const fmt = (v: bigint) => formatAmount(v, info.collateral.decimals);
  const base = {
    series: info.name,
    id: info.id,
    index: info.index,
    status: seriesStatus(info, now),
    p: fmt(held.p),
    n: fmt(held.n),
    unit: info.collateral.unit,
  };
  if (x === undefined) return { ...base, x: null, valueCollateral: null, valueIndex: null, xOverS: null };
  const settlementWad = info.state.settlementWad;
  const v = valueSeries({
    strikeWad: info.key.strikeWad,
    maturity: info.key.maturity,
    now,
    xWad: x.value,
    sigma,
    settlementWad,
  });
  const valueCollateral = collateralValue(info, held, v);
  const xNumber = wadToNumber(x.value);
  return {
    ...base,
    x: { value: formatWad(x.value), source: x.source },
    valueCollateral,
    valueIndex: valueCollateral * xNumber,
    xOverS: xNumber / wadToNumber(info.key.strikeWad),
  };
}

async function positionsAction(io: CliIo, options: Options): Promise<void> {
  const xFlag: XFlag = parseXFlag(options.x);
  const vol = volatility(options.vol);
  const ctx = await openContext(io, options);
  const owner = ownerOf(ctx, options.owner);
  const core = ctx.deployment.contracts.core;
  const [listed, now] = await Promise.all([listDeploymentSeries(ctx), ctx.now()]);
  const held = await Promise.all(listed.map((s) => getPosition(ctx.client, { core, id: s.id, owner })));
  const rows: Row[] = [];
  for (const [i, s] of listed.entries()) {
    const h = held[i];
    if (h === undefined || (h.p === 0n && h.n === 0n)) continue;
    const info = await seriesInfo(ctx, s);
    rows.push(rowOf(info, h, indexX(info.index, xFlag, info.state.settlementWad), vol.value, now));
  }
  const xs = new Map(rows.flatMap((r) => (r.x === null || r.status === "settled" ? [] : [[r.index, r.x]])));
  const data = {
    owner,
    chainTime: formatTime(now),
    vol: { value: vol.value, source: vol.source },
    positions: rows,
  };
  emitResult(io, options.json === true, data, () => human(data, xs));
}

function human(
  data: { owner: Address; chainTime: string; vol: { value: number; source: string }; positions: Row[] },
  xs: Map<string, { value: string; source: string }>,
): string {
  const header = `Positions of ${data.owner} at chain time ${data.chainTime}`;
  if (data.positions.length === 0)
    return `${header}: none.\nSplit collateral into P and N with \`pn split <series> <amount>\`.`;
  const lines = [`${header}:`];
  for (const [index, x] of xs) lines.push(`  x(${index}) = ${x.value} (${x.source})`);
  lines.push(
    `  σ = ${formatPercent(data.vol.value)} (${data.vol.source}); settled series are valued at their payout`,
    "",
  );
  const rows = data.positions.map((r) => [
    r.series,
    r.status,
    r.p,
    r.n,
    r.valueCollateral === null ? "-" : `${formatNumber(r.valueCollateral, 6)} ${r.unit}`,
    r.valueIndex === null ? "-" : `${formatNumber(r.valueIndex, 2)} ${r.index}`,
    r.xOverS === null ? "-" : formatNumber(r.xOverS, 3),
  ]);
  lines.push(table(["series", "status", "P", "N", "value", "value in index", "x/S"], rows));
  const missing = data.positions.filter((r) => r.x === null).map((r) => r.index);
  if (missing.length > 0)
    lines.push("", `No x for ${[...new Set(missing)].join(", ")}: pass --x INDEX=<price> to value them.`);
  return lines.join("\n");
}
