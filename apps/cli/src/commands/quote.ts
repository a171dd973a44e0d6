// `pn quote <series> [--x <price>] [--vol <σ>]`: Black-76 values of P and N in ETH and index units, with greeks.

import { formatWad, type Greeks } from "@pn/core";
import type { Command } from "commander";
import { resolveSeries, type SeriesInfo } from "../chain/series.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatNumber, formatPercent, formatTime, table } from "../format.ts";
import { wadToNumber } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { type Assumed, indexX, parseXFlag, type Valuation, valueSeries, volatility } from "../pricing.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { x?: string; vol?: string };

export function registerQuote(program: Command, io: CliIo): void {
  const command = program
    .command("quote")
    .description("Black-76 values of P and N (in ETH and index units) and their greeks.")
    .argument("<series>", "series symbol or id")
    .option(
      "--x <price>",
      "index value per ETH now, e.g. 2500 (default: the last close in data/ for USD, EUR)",
    )
    .option("--vol <sigma>", "annual volatility, 0.8 or 80% (default 0.8)");
  addConnectionOptions(command, { signs: false }).action((series: string, options: Options) =>
    quoteAction(io, series, options),
  );
}

/** Greeks per unit of what a user moves: delta per 1 of x, vega per volatility point, theta per day. */
function greeksRow(g: Greeks | undefined) {
  if (g === undefined) return undefined;
  return { delta: g.delta, gamma: g.gamma, vegaPerPoint: g.vega / 100, thetaPerDay: g.theta / 365 };
}

export function requireX(info: SeriesInfo, x: Assumed<bigint> | undefined): Assumed<bigint> {
  if (x !== undefined) return x;
  throw new PreconditionError({
    problem: `No value of x is known for index ${info.index}: the data files cover USD and EUR only.`,
    fix: `Pass --x <${info.index} per ETH>, e.g. --x 2500.`,
  });
}

function human(info: SeriesInfo, q: QuoteData, v: Valuation): string {
  const unit = info.collateral.unit;
  const lines = [
    `${info.name} (id ${info.id}), maturity ${q.maturity}, chain time ${q.chainTime}`,
    `  x = ${q.x.value} ${info.index} per ETH (${q.x.source})`,
  ];
  if (v.settledWad !== undefined) {
    lines.push(
      `  settled: P pays ${formatWad(v.settledWad.p)} ${unit} and N ${formatWad(v.settledWad.n)} ${unit} per token (exact)`,
    );
  } else {
    lines.push(`  σ = ${formatPercent(q.vol.value)} (${q.vol.source}), τ = ${formatNumber(q.days, 2)} days`);
    if (v.tau === 0) lines.push("  matured, not settled yet: the values are the payoffs at this x");
  }
  lines.push(`  x/S = ${formatNumber(q.xOverS, 3)} (P is paid in full while x ≥ S)`, "");
  const fmt = (n: number | undefined, d = 4) => (n === undefined ? "-" : formatNumber(n, d));
  const rows = (["P", "N"] as const).map((side) => {
    const s = side === "P" ? q.p : q.n;
    return [
      side === "P" ? info.pSymbol : info.nSymbol,
      fmt(s.eth, 6),
      fmt(s.index, 2),
      fmt(s.greeks?.delta),
      fmt(s.greeks?.gamma, 6),
      fmt(s.greeks?.vegaPerPoint),
      fmt(s.greeks?.thetaPerDay),
    ];
  });
  const headers = ["token", unit, info.index, "delta", "gamma", "vega/pt", "theta/day"];
  lines.push(table(headers, rows));
  return lines.join("\n");
}

type QuoteData = ReturnType<typeof quoteData>;

function quoteData(info: SeriesInfo, x: Assumed<bigint>, vol: Assumed<number>, now: bigint, v: Valuation) {
  const side = (eth: number, index: number, greeks: Greeks | undefined) => ({
    eth,
    index,
    greeks: greeksRow(greeks),
  });
  return {
    series: info.name,
    id: info.id,
    index: info.index,
    strike: formatWad(info.key.strikeWad),
    maturity: formatTime(info.key.maturity),
    chainTime: formatTime(now),
    days: v.tau * 365,
    settled: v.settledWad !== undefined,
    x: { value: formatWad(x.value), source: x.source },
    vol: { value: vol.value, source: vol.source },
    xOverS: wadToNumber(x.value) / wadToNumber(info.key.strikeWad),
    unit: info.collateral.unit,
    p: side(v.pEth, v.pIndex, v.greeks?.p),
    n: side(v.nEth, v.nIndex, v.greeks?.n),
  };
}

async function quoteAction(io: CliIo, name: string, options: Options): Promise<void> {
  const xFlag = parseXFlag(options.x);
  const vol = volatility(options.vol);
  const ctx = await openContext(io, options);
  const info = await resolveSeries(ctx, name);
  const now = await ctx.now();
  const x = requireX(info, indexX(info.index, xFlag, info.state.settlementWad));
  const v = valueSeries({
    strikeWad: info.key.strikeWad,
    maturity: info.key.maturity,
    now,
    xWad: x.value,
    sigma: vol.value,
    settlementWad: info.state.settlementWad,
  });
  const data = quoteData(info, x, vol, now, v);
  emitResult(io, options.json === true, data, () => human(info, data, v));
}
