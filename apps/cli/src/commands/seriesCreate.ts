// `pn series create`: a new series (index, strike, maturity, collateral, oracle) and its P and N tokens.

import { formatWad, type SeriesKey, seriesId, seriesSymbol } from "@pn/core";
import { createSeries, getIndexConfig, getSeries } from "@pn/sdk";
import type { Command } from "commander";
import { type Address, isAddressEqual } from "viem";
import type { Context } from "../chain/context.ts";
import { seriesName } from "../chain/series.ts";
import { sendTx } from "../chain/tx.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatDuration, formatTime } from "../format.ts";
import { parseAddress, parseIndex, parseInstant, parsePositiveDecimal } from "../inputs.ts";
import { type CliIo, progress } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & {
  index: string;
  strike: string;
  maturity: string;
  collateral: string;
  oracle?: string;
};

export function registerSeriesCreate(series: Command, io: CliIo): void {
  const command = series
    .command("create")
    .description("Create a series and its P and N tokens.")
    .requiredOption("--strike <S>", "strike, index units per ETH (e.g. 1500)")
    .requiredOption("--maturity <date>", "UTC date (00:00) or time with zone: 2026-12-31, 2026-12-31T08:00Z")
    .option("--index <ticker>", "index: USD, EUR, CPI-U or a bytes32 id", "USD")
    .option("--collateral <token>", "`weth` (the deployment's) or an ERC-20 address", "weth")
    .option("--oracle <address>", "oracle (default: the deployment's slow oracle, else its DevOracle)");
  addConnectionOptions(command, { signs: true }).action((options: Options) =>
    seriesCreateAction(io, options),
  );
}

async function requireCode(ctx: Context, address: Address, what: string, fix: string): Promise<void> {
  const code = await ctx.client.getCode({ address });
  if (code === undefined || code === "0x") {
    throw new PreconditionError({
      problem: `The ${what} ${address} has no code on chain ${ctx.chain.id}.`,
      fix,
    });
  }
}

function defaultOracle(ctx: Context): Address {
  const { oracle, devOracle } = ctx.deployment.contracts;
  const found = oracle ?? devOracle;
  if (found === undefined) {
    throw new PreconditionError({
      problem: `The deployment ${ctx.deploymentPath} names no oracle.`,
      fix: "Pass --oracle <address> of the oracle that will report the index at maturity.",
    });
  }
  return found;
}

async function checkKey(ctx: Context, key: SeriesKey): Promise<void> {
  const now = await ctx.now();
  if (key.maturity <= now) {
    throw new PreconditionError({
      problem: `Maturity ${formatTime(key.maturity)} is in the past: chain time is ${formatTime(now)}.`,
      fix: "Choose a --maturity after the chain's current time.",
    });
  }
  await requireCode(
    ctx,
    key.collateral,
    "collateral",
    "Pass --collateral weth or an ERC-20 token's address.",
  );
  await requireCode(ctx, key.oracle, "oracle", "Pass --oracle <address> of a deployed oracle.");
  const existing = await getSeries(ctx.client, { core: ctx.deployment.contracts.core, key });
  if (existing.exists) {
    throw new PreconditionError({
      problem: `Series ${seriesName(key)} already exists (id ${existing.id}).`,
      fix: `Use it: \`pn split ${seriesName(key)} <amount>\`.`,
    });
  }
  const slow = ctx.deployment.contracts.oracle;
  if (slow !== undefined && isAddressEqual(slow, key.oracle)) {
    const config = await getIndexConfig(ctx.client, { oracle: slow, indexId: key.indexId });
    if (config === undefined) {
      progress(
        ctx.io,
        `warning: the index is not registered on the oracle ${slow}; the series cannot settle until it is.`,
      );
    }
  }
}

async function seriesCreateAction(io: CliIo, options: Options): Promise<void> {
  const index = parseIndex("--index", options.index);
  const strikeWad = parsePositiveDecimal("--strike", options.strike);
  const maturity = parseInstant("--maturity", options.maturity);
  const collateralFlag =
    options.collateral.trim().toLowerCase() === "weth"
      ? undefined
      : parseAddress("--collateral", options.collateral);
  const oracleFlag = options.oracle === undefined ? undefined : parseAddress("--oracle", options.oracle);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const key: SeriesKey = {
    collateral: collateralFlag ?? ctx.deployment.contracts.weth,
    oracle: oracleFlag ?? defaultOracle(ctx),
    indexId: index.indexId,
    strikeWad,
    maturity,
  };
  await checkKey(ctx, key);
  const core = ctx.deployment.contracts.core;
  const { result, hash } = await sendTx(ctx, "create series", () => createSeries(wallet, { core, key }));
  const now = await ctx.now();
  const data = {
    action: "create",
    name: seriesName(key),
    id: seriesId(key),
    pSymbol: seriesSymbol(key, "P"),
    nSymbol: seriesSymbol(key, "N"),
    pToken: result.pToken,
    nToken: result.nToken,
    index: index.label,
    strike: formatWad(strikeWad),
    maturity: formatTime(maturity),
    collateral: key.collateral,
    oracle: key.oracle,
    hash,
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Created series ${data.name} (id ${data.id}), maturing ${data.maturity} (in ${formatDuration(maturity - now)}).`,
      `  ${data.pSymbol}  ${data.pToken}`,
      `  ${data.nSymbol}  ${data.nToken}`,
      `  collateral ${data.collateral}, oracle ${data.oracle}`,
      `  tx ${hash}`,
    ].join("\n"),
  );
}
