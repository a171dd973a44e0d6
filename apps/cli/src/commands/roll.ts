// `pn roll <from-series> <to-series> <amount> (--auction | --atomic)`: moves a P (or N, `--side N`) position from
// series A to series B.
// - `--auction`: posts a roll order, a Dutch auction of A's token wanting B's, from `--start` to `--floor` (B per
//   A) over `--duration`; a market maker fills it once it crosses its price. Without --start/--floor the curve
//   spans ±1% around the model's fair ratio V_A / V_B (x from --x or the data files, σ from --vol).
// - `--atomic`: one transaction through the RollRouter at the best resting orders (rollAtomic.ts).

import { fairValueEth, priceDownWad, priceUpWad, SECONDS_PER_YEAR, type Side } from "@pn/core";
import { postAsk } from "@pn/sdk";
import type { Command } from "commander";
import { isAddressEqual } from "viem";
import type { Context } from "../chain/context.ts";
import { resolveSeries, type SeriesInfo } from "../chain/series.ts";
import { hashOnly } from "../chain/tx.ts";
import { InvalidArgumentError, PreconditionError } from "../errors.ts";
import { emitResult, formatAmount, formatTime } from "../format.ts";
import { parseAmount, parsePositiveDecimal, wadToNumber } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { indexX, parseXFlag, volatility } from "../pricing.ts";
import { afterApprovals, parseDuration, parseExpiry, postedOrderId, requireToken } from "./orderShared.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";
import { rollAtomicAction } from "./rollAtomic.ts";

export type RollOptions = ProtocolOptions & {
  side?: string;
  auction?: boolean;
  atomic?: boolean;
  curve?: string;
  start?: string;
  floor?: string;
  duration?: string;
  halfLife?: string;
  expiry?: string;
  x?: string;
  vol?: string;
  slippageBps?: string;
  amountOut?: string;
  eth?: boolean;
  deadline?: string;
};

export type RollInput = { from: SeriesInfo; to: SeriesInfo; side: Side; amount: bigint; amountText: string };

export function registerRoll(program: Command, io: CliIo): void {
  const command = program
    .command("roll")
    .description(
      "Roll a position from series A to series B: a patient roll auction, or one atomic transaction.",
    )
    .argument("<from-series>", "series A, e.g. USD-2000-20261031")
    .argument("<to-series>", "series B, e.g. USD-1500-20261130")
    .argument("<amount>", "tokens of A to roll")
    .option("--side <side>", "the side held, P or N (default P)")
    .option("--auction", "post a roll auction (an ask of A's token wanting B's)")
    .option("--curve <curve>", "auction curve: linear (default) or exp")
    .option("--start <ratio>", "auction start price, B per A (default: model fair ratio + 1%)")
    .option("--floor <ratio>", "auction floor price, B per A (default: model fair ratio − 1%)")
    .option("--duration <time>", "auction duration (default 1d)")
    .option("--half-life <time>", "exp auctions: the half-life (default: duration / 10)")
    .option("--expiry <when>", "auction expiry: none, a duration or a time (default: A's maturity)")
    .option("--x <price>", "the model's x for the default curve (default: the data files' last close)")
    .option("--vol <sigma>", "the model's volatility for the default curve (default 0.8)")
    .option("--atomic", "roll now through the RollRouter at the best resting orders")
    .option("--slippage-bps <bps>", "atomic: tolerance on the collateral outcome (default 50)")
    .option("--amount-out <amount>", "atomic: tokens of B to receive (default: the amount)")
    .option("--eth", "atomic, WETH series: pay the buffer and take the refund in native ETH")
    .option("--deadline <time>", "atomic: the roll must execute within this (default 10m)");
  addConnectionOptions(command, { signs: true }).action(
    (from: string, to: string, amount: string, options: RollOptions) =>
      rollAction(io, { from, to, amount, options }),
  );
}

async function rollAction(
  io: CliIo,
  args: { from: string; to: string; amount: string; options: RollOptions },
) {
  const { options } = args;
  if ((options.auction === true) === (options.atomic === true)) {
    throw new InvalidArgumentError({
      argument: "--auction/--atomic",
      value: options.auction === true ? "both" : "neither",
      problem: "must be exactly one",
      fix: "Pass --auction for a patient roll auction, or --atomic to roll now through the router.",
    });
  }
  const side = (options.side ?? "P").toUpperCase();
  if (side !== "P" && side !== "N") {
    throw new InvalidArgumentError({
      argument: "--side",
      value: options.side ?? "",
      problem: "is not P or N",
      fix: "Pass --side P or --side N.",
    });
  }
  parsePositiveDecimal("amount", args.amount);
  const ctx = await openContext(io, options);
  const [from, to] = await Promise.all([resolveSeries(ctx, args.from), resolveSeries(ctx, args.to)]);
  if (!isAddressEqual(from.collateral.address, to.collateral.address)) {
    throw new PreconditionError({
      problem: `${from.name} and ${to.name} use different collateral (${from.collateral.symbol}, ${to.collateral.symbol}).`,
      fix: "Roll between series of the same collateral.",
    });
  }
  const amount = parseAmount("amount", args.amount, from.collateral.decimals);
  const input: RollInput = { from, to, side, amount, amountText: args.amount };
  return options.atomic === true
    ? rollAtomicAction(ctx, input, options)
    : rollAuctionAction(ctx, input, options);
}

/** The default curve: ±1% around V_A / V_B at the model's x and σ. */
function defaultCurve(input: RollInput, options: RollOptions, now: bigint) {
  const x = indexX(input.from.index, parseXFlag(options.x), 0n);
  if (x === undefined) {
    throw new PreconditionError({
      problem: `No model price for ${input.from.index}, so no default auction curve.`,
      fix: "Pass --start and --floor (B per A), or --x.",
    });
  }
  const sigma = volatility(options.vol).value;
  const value = (s: SeriesInfo) =>
    fairValueEth(input.side, {
      x: wadToNumber(x.value),
      strike: wadToNumber(s.key.strikeWad),
      tau: s.key.maturity > now ? Number(s.key.maturity - now) / SECONDS_PER_YEAR : 0,
      sigma,
    });
  const fair = value(input.from) / value(input.to);
  return { startPriceWad: priceUpWad(fair * 1.01), floorPriceWad: priceDownWad(fair * 0.99), fair, x };
}

async function rollAuctionAction(ctx: Context, input: RollInput, options: RollOptions): Promise<void> {
  const market = ctx.requireContract("market", "a roll auction");
  const owner = ctx.wallet().account.address;
  const now = await ctx.now();
  const { from, to, side, amount } = input;
  const [token, want] = side === "P" ? [from.pToken, to.pToken] : [from.nToken, to.nToken];
  const [fromSymbol, toSymbol] = side === "P" ? [from.pSymbol, to.pSymbol] : [from.nSymbol, to.nSymbol];
  const model =
    options.start === undefined || options.floor === undefined
      ? defaultCurve(input, options, now)
      : undefined;
  const startPriceWad =
    options.start === undefined
      ? (model?.startPriceWad ?? 0n)
      : parsePositiveDecimal("--start", options.start);
  const floorPriceWad =
    options.floor === undefined
      ? (model?.floorPriceWad ?? 0n)
      : parsePositiveDecimal("--floor", options.floor);
  if (!(floorPriceWad < startPriceWad)) {
    throw new InvalidArgumentError({
      argument: "--floor",
      value: formatAmount(floorPriceWad, 18),
      problem: "is not below the start",
      fix: "A roll auction falls: pass a floor below --start.",
    });
  }
  const duration = parseDuration("--duration", options.duration ?? "1d");
  const curveName = options.curve ?? "linear";
  if (curveName !== "linear" && curveName !== "exp") {
    throw new InvalidArgumentError({
      argument: "--curve",
      value: curveName,
      problem: "is not a curve",
      fix: "Pass --curve linear or --curve exp.",
    });
  }
  const halfLife =
    curveName === "linear"
      ? 0n
      : options.halfLife === undefined
        ? duration / 10n > 0n
          ? duration / 10n
          : 1n
        : parseDuration("--half-life", options.halfLife);
  const expiry = parseExpiry(options.expiry, now, from.key.maturity);
  await requireToken(ctx, {
    token,
    owner,
    needed: amount,
    name: fromSymbol,
    what: "the roll auction",
    fix: "Lower the amount; `pn positions` shows what you hold.",
  });
  const curve =
    halfLife === 0n
      ? ({ kind: "linear", startPriceWad, floorPriceWad, duration } as const)
      : ({ kind: "exponential", startPriceWad, floorPriceWad, duration, halfLife } as const);
  const { sent, approvals } = await afterApprovals(ctx, {
    approvals: [
      { token, spender: market, amount, label: `approve ${input.amountText} ${fromSymbol} to the market` },
    ],
    action: "post roll auction",
    send: () => hashOnly(postAsk(ctx.wallet(), { market, token, want, amount, curve, expiry })),
    nothingMoved: `No auction was posted and no ${fromSymbol} moved.`,
  });
  const data = {
    action: "roll auction",
    orderId: postedOrderId(sent.receipt, market)?.toString() ?? null,
    offer: `${formatAmount(amount, 18)} ${fromSymbol}`,
    want: toSymbol,
    curve: curveName,
    start: formatAmount(startPriceWad, 18),
    floor: formatAmount(floorPriceWad, 18),
    duration: duration.toString(),
    halfLife: halfLife.toString(),
    model:
      model === undefined
        ? null
        : { fairRatio: model.fair, x: formatAmount(model.x.value, 18), xSource: model.x.source },
    expiry: expiry === 0n ? null : formatTime(expiry),
    hash: sent.hash,
    approvalHashes: approvals,
  };
  emitResult(ctx.io, options.json === true, data, () =>
    [
      `Posted roll auction #${data.orderId}: ${data.offer} for ${toSymbol}, ${curveName} from ${data.start} to ${data.floor} ${toSymbol} per ${fromSymbol} over ${duration}s.`,
      ...(model === undefined
        ? []
        : [
            `  curve: ±1% around the model's fair ratio ${model.fair.toFixed(6)} (x ${data.model?.x}, ${model.x.source})`,
          ]),
      `  expires ${data.expiry ?? "never"}; tx ${sent.hash}`,
    ].join("\n"),
  );
}
