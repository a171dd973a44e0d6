// `pn order post <bid|ask> <token> <amount> [price]`: a bid (escrows collateral, or ETH with --eth), a limit
// sell, a Dutch auction (`--auction linear|exp --start --floor --duration [--half-life]`), or a roll order
// (`--want` another series' token). Terms are checked as the market checks them, balances before anything is
// sent, and exactly the escrow is approved when the allowance is short.

import { askTermsProblem, escrowUp } from "@pn/core";
import { type AskCurve, postAsk, postBid } from "@pn/sdk";
import type { Command } from "commander";
import { requireEth, requireWethForEth } from "../chain/checks.ts";
import type { Context } from "../chain/context.ts";
import { hashOnly } from "../chain/tx.ts";
import { InvalidArgumentError } from "../errors.ts";
import { emitResult, formatAmount, formatTime } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import {
  type Approval,
  afterApprovals,
  parseDuration,
  parseExpiry,
  postedOrderId,
  requireToken,
  resolveToken,
  type TokenRef,
} from "./orderShared.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & {
  auction?: string;
  start?: string;
  floor?: string;
  duration?: string;
  halfLife?: string;
  want?: string;
  expiry?: string;
  eth?: boolean;
};

export function registerOrderPost(order: Command, io: CliIo): void {
  const command = order
    .command("post")
    .description(
      "Post a bid, a limit sell, a Dutch auction or a roll order (an ask wanting another series' token).",
    )
    .argument("<kind>", "bid or ask")
    .argument("<token>", "the P or N token, e.g. N-USD-1500-20261231")
    .argument("<amount>", "tokens to buy or sell, e.g. 2")
    .argument("[price]", "fixed price: collateral per token (or wanted per offered token with --want)")
    .option(
      "--auction <curve>",
      "asks: a Dutch auction, linear or exp, from --start to --floor over --duration",
    )
    .option("--start <price>", "auction start price")
    .option("--floor <price>", "auction floor price")
    .option("--duration <time>", "auction duration: 90s, 30m, 6h, 2d, 1w")
    .option("--half-life <time>", "exp auctions: the half-life (default: duration / 10)")
    .option("--want <token>", "asks: take this P or N token instead of collateral (a roll order A→B)")
    .option("--expiry <when>", "none, a duration (6h) or a time; default the series' maturity")
    .option("--eth", "bids on a WETH series: escrow native ETH (no approval)");
  addConnectionOptions(command, { signs: true }).action(
    (kind: string, token: string, amount: string, price: string | undefined, options: Options) =>
      postAction(io, { kind, token, amount, price, options }),
  );
}

type PostInput = { kind: string; token: string; amount: string; price: string | undefined; options: Options };

const bad = (argument: string, value: string, problem: string, fix: string) =>
  new InvalidArgumentError({ argument, value, problem, fix });

/** The ask's curve from the options, checked as the market checks it. */
function askCurve(input: PostInput, amount: bigint): AskCurve {
  const o = input.options;
  if (o.auction === undefined) {
    if (input.price === undefined)
      throw bad(
        "price",
        "",
        "is missing",
        "Pass the price, or --auction with --start, --floor and --duration.",
      );
    return { kind: "flat", priceWad: parsePositiveDecimal("price", input.price) };
  }
  if (o.auction !== "linear" && o.auction !== "exp") {
    throw bad("--auction", o.auction, "is not a curve", "Pass --auction linear or --auction exp.");
  }
  if (input.price !== undefined) {
    throw bad(
      "price",
      input.price,
      "cannot be combined with --auction",
      "Drop the price; pass --start and --floor.",
    );
  }
  if (o.start === undefined || o.floor === undefined || o.duration === undefined) {
    throw bad(
      "--auction",
      o.auction,
      "needs --start, --floor and --duration",
      "Add the three, e.g. --start 0.4 --floor 0.35 --duration 1d.",
    );
  }
  const startPriceWad = parsePositiveDecimal("--start", o.start);
  const floorPriceWad = parsePositiveDecimal("--floor", o.floor);
  const duration = parseDuration("--duration", o.duration);
  const curve: AskCurve =
    o.auction === "linear"
      ? { kind: "linear", startPriceWad, floorPriceWad, duration }
      : {
          kind: "exponential",
          startPriceWad,
          floorPriceWad,
          duration,
          halfLife:
            o.halfLife === undefined
              ? duration / 10n > 0n
                ? duration / 10n
                : 1n
              : parseDuration("--half-life", o.halfLife),
        };
  const problem = askTermsProblem({
    amount,
    startPriceWad,
    floorPriceWad,
    duration,
    halfLife: "halfLife" in curve ? curve.halfLife : 0n,
  });
  if (problem !== undefined)
    throw bad(
      "--auction",
      o.auction,
      `has unusable terms: ${problem}`,
      "Use a floor below the start and above zero.",
    );
  return curve;
}

async function postAction(io: CliIo, input: PostInput): Promise<void> {
  const { kind, options } = input;
  if (kind !== "bid" && kind !== "ask") throw bad("kind", kind, "is neither bid nor ask", "Pass bid or ask.");
  parsePositiveDecimal("amount", input.amount);
  if (kind === "bid" && (options.auction !== undefined || options.want !== undefined)) {
    throw bad(
      options.auction !== undefined ? "--auction" : "--want",
      options.auction ?? options.want ?? "",
      "applies to asks only",
      "Bids have a fixed price: drop it, or post an ask.",
    );
  }
  if (kind === "ask" && options.eth === true)
    throw bad("--eth", "true", "applies to bids only", "Drop --eth: an ask escrows the token itself.");
  const ctx = await openContext(io, options);
  const owner = ctx.wallet().account.address;
  const ref = await resolveToken(ctx, "token", input.token);
  const amount = parseAmount("amount", input.amount, ref.info.collateral.decimals);
  const expiry = parseExpiry(options.expiry, await ctx.now(), ref.info.key.maturity);
  const market = ctx.requireContract("market", "posting an order");
  if (kind === "bid") return postBidAction(ctx, { ref, amount, expiry, market, owner, input });
  const curve = askCurve(input, amount);
  const want = options.want === undefined ? undefined : await resolveToken(ctx, "--want", options.want);
  await requireToken(ctx, {
    token: ref.token,
    owner,
    needed: amount,
    name: ref.symbol,
    what: "the ask",
    fix: "Lower the amount, or split collateral first (`pn split`).",
  });
  const approval: Approval = {
    token: ref.token,
    spender: market,
    amount,
    label: `approve ${formatAmount(amount, 18)} ${ref.symbol} to the market`,
  };
  const wantToken = want?.token ?? ref.info.collateral.address;
  const { sent, approvals } = await afterApprovals(ctx, {
    approvals: [approval],
    action: "post ask",
    send: () =>
      hashOnly(postAsk(ctx.wallet(), { market, token: ref.token, want: wantToken, amount, curve, expiry })),
    nothingMoved: `No order was posted and no ${ref.symbol} moved.`,
  });
  const orderId = postedOrderId(sent.receipt, market);
  const wantName = want?.symbol ?? ref.info.collateral.symbol; // makers are paid the ERC-20, never ETH
  const prices =
    curve.kind === "flat"
      ? { price: formatAmount(curve.priceWad, 18) }
      : {
          start: formatAmount(curve.startPriceWad, 18),
          floor: formatAmount(curve.floorPriceWad, 18),
          duration: curve.duration.toString(),
          halfLife: curve.kind === "exponential" ? curve.halfLife.toString() : "0",
        };
  const data = {
    action: "order post",
    kind: want === undefined ? "ask" : "roll order",
    orderId: orderId?.toString() ?? null,
    token: ref.symbol,
    want: wantName,
    amount: formatAmount(amount, 18),
    curve: curve.kind,
    ...prices,
    expiry: expiry === 0n ? null : formatTime(expiry),
    hash: sent.hash,
    approvalHashes: approvals,
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Posted ${data.kind} #${data.orderId}: sell ${data.amount} ${ref.symbol} for ${wantName}, ${curve.kind === "flat" ? `at ${data.price ?? ""}` : `${curve.kind} auction ${data.start ?? ""} → ${data.floor ?? ""} over ${curve.duration}s`} ${wantName} per token.`,
      `  expires ${data.expiry ?? "never"}; tx ${sent.hash}`,
    ].join("\n"),
  );
}

async function postBidAction(
  ctx: Context,
  p: {
    ref: TokenRef;
    amount: bigint;
    expiry: bigint;
    market: `0x${string}`;
    owner: `0x${string}`;
    input: PostInput;
  },
): Promise<void> {
  const { ref, amount, expiry, market, owner, input } = p;
  if (input.price === undefined)
    throw bad("price", "", "is missing", "Pass the bid's price in collateral per token, e.g. 0.35.");
  const priceWad = parsePositiveDecimal("price", input.price);
  const escrow = escrowUp(amount, priceWad);
  const eth = input.options.eth === true;
  requireWethForEth(ref.info, eth);
  const c = ref.info.collateral;
  if (eth) await requireEth(ctx, owner, escrow, "the bid's escrow");
  else {
    await requireToken(ctx, {
      token: c.address,
      owner,
      needed: escrow,
      name: c.symbol,
      what: "the bid's escrow",
      fix: c.isWeth
        ? "Pass --eth to escrow native ETH, or wrap ETH first."
        : `Acquire more ${c.symbol}, or lower the amount.`,
    });
  }
  const approvals: Approval[] = eth
    ? []
    : [
        {
          token: c.address,
          spender: market,
          amount: escrow,
          label: `approve ${formatAmount(escrow, c.decimals)} ${c.symbol} to the market`,
        },
      ];
  const { sent, approvals: sentApprovals } = await afterApprovals(ctx, {
    approvals,
    action: "post bid",
    send: () =>
      hashOnly(postBid(ctx.wallet(), { market, token: ref.token, amount, priceWad, expiry, native: eth })),
    nothingMoved: `No bid was posted and no ${c.symbol} moved.`,
  });
  const orderId = postedOrderId(sent.receipt, market);
  const data = {
    action: "order post",
    kind: "bid",
    orderId: orderId?.toString() ?? null,
    token: ref.symbol,
    amount: formatAmount(amount, 18),
    price: formatAmount(priceWad, 18),
    escrow: `${formatAmount(escrow, c.decimals)} ${eth ? "ETH" : c.symbol}`,
    expiry: expiry === 0n ? null : formatTime(expiry),
    hash: sent.hash,
    approvalHashes: sentApprovals,
  };
  emitResult(ctx.io, input.options.json === true, data, () =>
    [
      `Posted bid #${data.orderId}: buy ${data.amount} ${ref.symbol} at ${data.price} ${c.unit} each (escrow ${data.escrow}).`,
      `  expires ${data.expiry ?? "never"}; tx ${sent.hash}`,
    ].join("\n"),
  );
}
