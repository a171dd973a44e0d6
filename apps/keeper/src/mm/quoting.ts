// One token's quotes (the bid and the ask of P or N of one series): resume a replacement in progress, else read
// the resting orders, ask decide.ts what the model wants now, record the replacement in the state file and carry
// it out (cancel, then post) through the sender with stable keys.

import { fairValueEth, type Side } from "@pn/core";
import { ActionGaveUpError, SimulationRevertedError } from "../framework/errors.ts";
import type { ItemResult, JobContext } from "../framework/job.ts";
import {
  approveAction,
  cancelAction,
  type MarketRef,
  postedOrderId,
  postQuoteAction,
  readEth,
  readOrder,
  readTokenBalance,
  seedSplitAction,
} from "./chain.ts";
import { decideQuotes, decideSeed, type Resting } from "./decide.ts";
import { type MmSeries, pricingInput, type Snapshot, tokenOf } from "./model.ts";
import { type MmSettings, type MmWorld, refOf } from "./settings.ts";
import { loadMmState, type QuoteSideState, quoteStateKey, updateMmState } from "./state.ts";

export type QuoteItem = { kind: "quote"; series: MmSeries; side: Side; snapshot: Snapshot };
type Book = "bid" | "ask";
type Step = "done" | "pending" | "stopped";

/** The maker's resting order of one book, as read now. */
async function resting(ref: MarketRef, entry: QuoteSideState | undefined): Promise<Resting | undefined> {
  if (entry?.orderId === undefined) return undefined;
  const o = await readOrder(ref, BigInt(entry.orderId));
  return { orderId: o.id, priceWad: o.priceWad, amount: o.amount, expiry: o.expiry, open: o.open };
}

/** Tokens of `side` of `series` the maker owns: its wallet plus what its own open ask escrows. */
export async function positionOf(
  ctx: JobContext,
  s: MmSettings,
  series: MmSeries,
  side: Side,
): Promise<bigint> {
  const ref = refOf(ctx, s);
  const entry = loadMmState(ctx.state, s.fromBlock).quotes[quoteStateKey(series.name, side, "ask")];
  const [wallet, ask] = await Promise.all([
    readTokenBalance(ref, tokenOf(series, side)),
    resting(ref, entry),
  ]);
  return wallet + (ask?.open === true ? ask.amount : 0n);
}

type ResumeParameters = { s: MmSettings; world: MmWorld; item: QuoteItem; book: Book };

function stepOf(status: string): Step | undefined {
  if (status === "pending" || status === "reverted" || status === "rejected") return "pending";
  if (status === "dry-run") return "stopped";
  return undefined;
}

/** Carries out a recorded replacement: cancel the old order, then post the new one. Safe to repeat. */
async function resume(ctx: JobContext, p: ResumeParameters): Promise<Step> {
  const { s, item, book } = p;
  const ref = refOf(ctx, s);
  const k = quoteStateKey(item.series.name, item.side, book);
  const entry = loadMmState(ctx.state, s.fromBlock).quotes[k];
  const pending = entry?.pending;
  if (entry === undefined || pending === undefined) return "done";
  const save = (change: (e: QuoteSideState) => void) =>
    updateMmState(ctx, s.fromBlock, (st) => {
      const e = st.quotes[k];
      if (e !== undefined) change(e);
    });
  if (pending.cancel !== undefined) {
    const out = await ctx.sender.send(cancelAction(ref, BigInt(pending.cancel), book === "bid"));
    const step = stepOf(out.status);
    if (step !== undefined) return step;
    save((e) => {
      if (e.pending !== undefined) delete e.pending.cancel;
    });
  }
  const level = pending.level;
  if (level === undefined) {
    save((e) => delete e.pending);
    return "done";
  }
  const token = tokenOf(item.series, item.side);
  if (book === "ask") {
    const step = stepOf((await ctx.sender.send(approveAction(ref, token, s.market))).status);
    if (step !== undefined) return step;
  }
  const key = `quote:${item.series.name}:${item.side}:${entry.epoch}:${book}`;
  const action = postQuoteAction(ref, {
    key,
    token,
    side: item.side,
    book,
    priceWad: BigInt(level.priceWad),
    amount: BigInt(level.amount),
    expiry: BigInt(pending.expiry),
    collateral: p.world.weth,
  });
  let out: Awaited<ReturnType<typeof ctx.sender.send>>;
  try {
    out = await ctx.sender.send(action);
  } catch (error) {
    if (!(error instanceof SimulationRevertedError)) throw error;
    // The chain moved since the decision (an ask filled before its cancel, ETH spent): drop this post; the
    // next tick decides afresh with a new epoch.
    ctx.log.warn("quote not posted: its simulation reverted; deciding again next tick", {
      key,
      ...error.revert,
    });
    save((e) => delete e.pending);
    return "done";
  }
  const step = stepOf(out.status);
  if (step !== undefined || out.status !== "confirmed") return step ?? "done";
  const orderId = await postedOrderId(ref, out.hash);
  save((e) => {
    if (orderId !== undefined) e.orderId = orderId.toString();
    delete e.pending;
  });
  ctx.log.info("quote posted", { key, orderId, priceWad: level.priceWad, amount: level.amount });
  return "done";
}

const seedSkipsLogged = new Set<string>();

/**
 * `inventory.seedSplit`: before the first quotes of a series it holds neither side of, split ETH into it once
 * (decide.ts, `decideSeed`), so it has asks to post. Returns a result while the split is in flight, else undefined
 * (quote now, with whatever it holds).
 */
async function seed(ctx: JobContext, s: MmSettings, series: MmSeries): Promise<ItemResult | undefined> {
  if (s.seedSplit === undefined) return undefined;
  const action = seedSplitAction(refOf(ctx, s), { series, amount: s.seedSplit });
  const intent = ctx.state.intent(action.key);
  const seedIntent =
    intent === undefined
      ? "none"
      : intent.status === "confirmed"
        ? "confirmed"
        : intent.status === "signed" || intent.status === "sent"
          ? "in-flight"
          : "failed";
  if (seedIntent === "confirmed") return undefined;
  const [P, N, eth] = await Promise.all([
    positionOf(ctx, s, series, "P"),
    positionOf(ctx, s, series, "N"),
    readEth(refOf(ctx, s)),
  ]);
  const decision = decideSeed({
    seedSplit: s.seedSplit,
    seedIntent,
    positions: { P, N },
    eth,
    ethReserve: s.ethReserve,
  });
  if (decision.kind === "skip") {
    if (decision.reason === "eth below seedSplit + ethReserve" && !seedSkipsLogged.has(series.id)) {
      seedSkipsLogged.add(series.id);
      ctx.log.warn("not seeding: the ETH left above ethReserve is below seedSplit", {
        series: series.name,
        eth,
        seedSplit: s.seedSplit,
        ethReserve: s.ethReserve,
      });
    }
    return undefined;
  }
  if (decision.kind === "seed")
    ctx.log.info("seeding inventory: splitting ETH into P and N", {
      series: series.name,
      amount: decision.amount,
    });
  let out: Awaited<ReturnType<typeof ctx.sender.send>>;
  try {
    out = await ctx.sender.send(action);
  } catch (error) {
    // A seed that cannot be sent never holds up the quotes: they go out with what the maker holds.
    if (!(error instanceof SimulationRevertedError || error instanceof ActionGaveUpError)) throw error;
    ctx.log.warn("not seeding: the split cannot be sent", { series: series.name, error });
    return undefined;
  }
  if (out.status === "pending") return { outcome: "acted", note: "seed split pending" };
  if (out.status === "confirmed")
    ctx.log.info("inventory seeded", { series: series.name, amount: s.seedSplit, hash: out.hash });
  return undefined;
}

/** Handles one token's quotes; see the file comment. */
export async function handleQuote(
  ctx: JobContext,
  s: MmSettings,
  world: MmWorld,
  item: QuoteItem,
): Promise<ItemResult> {
  const books: Book[] = ["bid", "ask"];
  for (const book of books) {
    const step = await resume(ctx, { s, world, item, book });
    if (step !== "done") return { outcome: "acted", note: `resuming ${book}: ${step}` };
  }
  const seeding = await seed(ctx, s, item.series);
  if (seeding !== undefined) return seeding;
  const ref = refOf(ctx, s);
  const quotes = loadMmState(ctx.state, s.fromBlock).quotes;
  const keyOf = (book: Book) => quoteStateKey(item.series.name, item.side, book);
  const [bid, ask, position, eth] = await Promise.all([
    resting(ref, quotes[keyOf("bid")]),
    resting(ref, quotes[keyOf("ask")]),
    positionOf(ctx, s, item.series, item.side),
    readEth(ref),
  ]);
  const { now, xWad } = item.snapshot;
  const refund = bid?.open === true ? (bid.amount * bid.priceWad) / 10n ** 18n : 0n;
  const plan = decideQuotes({
    now,
    maturity: item.series.key.maturity,
    fairEth: xWad === undefined ? undefined : fairValueEth(item.side, pricingInput(item.series, xWad, now)),
    spreadBps: s.spreadBps,
    requoteThresholdBps: s.requoteThresholdBps,
    refreshBelowFraction: s.refreshBelowFraction,
    size: s.quoteSize,
    inventory: { position, ...s.inventory },
    ethAvailable: eth + refund > s.ethReserve ? eth + refund - s.ethReserve : 0n,
    ttlSeconds: s.ttlSeconds,
    stopBeforeMaturitySeconds: s.stopBeforeMaturitySeconds,
    minQuoteLifeSeconds: s.minQuoteLifeSeconds,
    resting: { ...(bid === undefined ? {} : { bid }), ...(ask === undefined ? {} : { ask }) },
  });
  if (plan === undefined) return { outcome: "waiting" };
  ctx.log.info("requoting", {
    series: item.series.name,
    side: item.side,
    xWad,
    fairWad: plan.fairWad,
    position,
    replace: plan.replace,
  });
  updateMmState(ctx, s.fromBlock, (st) => {
    for (const r of plan.replace) {
      const entry = st.quotes[keyOf(r.side)] ?? { epoch: 0 };
      entry.epoch += 1;
      delete entry.orderId;
      entry.pending = {
        ...(r.cancel === undefined ? {} : { cancel: r.cancel.toString() }),
        ...(r.level === undefined
          ? {}
          : { level: { priceWad: r.level.priceWad.toString(), amount: r.level.amount.toString() } }),
        expiry: plan.expiry.toString(),
        reason: r.reason,
      };
      st.quotes[keyOf(r.side)] = entry;
    }
  });
  if (ctx.dryRun) return dryRunPlan(ctx, s, world, item, plan);
  for (const r of plan.replace) await resume(ctx, { s, world, item, book: r.side });
  return { outcome: "acted" };
}

/**
 * A dry run records nothing, so `resume` cannot read the plan back: simulate each step that does not depend on
 * an earlier unsent one (the sender logs "dry run: would send"), and log the rest.
 */
async function dryRunPlan(
  ctx: JobContext,
  s: MmSettings,
  world: MmWorld,
  item: QuoteItem,
  plan: {
    replace: { side: Book; cancel?: bigint; level?: { priceWad: bigint; amount: bigint } }[];
    expiry: bigint;
  },
): Promise<ItemResult> {
  const ref = refOf(ctx, s);
  const token = tokenOf(item.series, item.side);
  for (const r of plan.replace) {
    if (r.cancel !== undefined) await ctx.sender.send(cancelAction(ref, r.cancel, r.side === "bid"));
    if (r.level === undefined) continue;
    const where = { series: item.series.name, side: item.side, book: r.side, ...r.level };
    const approval =
      r.side === "ask" ? await ctx.sender.send(approveAction(ref, token, s.market)) : undefined;
    if (r.cancel !== undefined || approval?.status === "dry-run") {
      ctx.log.info("dry run: would post after the steps above", where);
      continue;
    }
    const key = `quote:${item.series.name}:${item.side}:dry-run:${r.side}`;
    try {
      await ctx.sender.send(
        postQuoteAction(ref, {
          key,
          token,
          side: item.side,
          book: r.side,
          ...r.level,
          expiry: plan.expiry,
          collateral: world.weth,
        }),
      );
    } catch (error) {
      if (!(error instanceof SimulationRevertedError)) throw error;
    }
  }
  return { outcome: "acted" };
}
