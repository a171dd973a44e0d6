// One ask of someone else on the maker's tokens (a roll auction A→B, a Dutch auction for collateral, a cheap
// limit sell): read it, ask decide.ts whether its price has crossed the model's limit, and if so fill it once
// (`fill:<id>`), first splitting ETH into the wanted series when the maker lacks those tokens
// (`split:fill:<id>`) and approving the market for them.

import type { RollLeg, Side } from "@pn/core";
import type { Address } from "viem";
import type { ItemResult, JobContext } from "../framework/job.ts";
import {
  approveAction,
  fillAction,
  readEth,
  readFillable,
  readOrder,
  readTokenBalance,
  splitForFillAction,
} from "./chain.ts";
import { decideFill } from "./decide.ts";
import { type MmSeries, pricingInput, type Snapshot, tauOf, wadToNumber } from "./model.ts";
import { positionOf } from "./quoting.ts";
import { type MmSettings, type MmWorld, refOf } from "./settings.ts";
import { updateMmState } from "./state.ts";

export type FillItem = { kind: "fill"; orderId: bigint; snapshot: Snapshot };

type Leg = { series: MmSeries; side: Side };

/** The series and side of one of the maker's tokens. */
export function legOf(world: MmWorld, token: Address): Leg | undefined {
  const t = token.toLowerCase();
  for (const series of world.series) {
    if (series.pToken.toLowerCase() === t) return { series, side: "P" };
    if (series.nToken.toLowerCase() === t) return { series, side: "N" };
  }
  return undefined;
}

const rollLeg = (leg: Leg, now: bigint): RollLeg => ({
  side: leg.side,
  strike: wadToNumber(leg.series.key.strikeWad),
  tau: tauOf(leg.series, now),
});

/**
 * Stops watching an order. If the maker's own fill of it is confirmed (a restart can find the order closed by the
 * fill it sent before dying), records that fill.
 */
function forget(ctx: JobContext, s: MmSettings, orderId: bigint): void {
  const intent = ctx.state.intent(`fill:${orderId}`);
  const filled = intent?.status === "confirmed" && intent.params.amount !== undefined;
  updateMmState(ctx, s.fromBlock, (st) => {
    st.candidates = st.candidates.filter((id) => id !== orderId.toString());
    if (filled && st.fills[orderId.toString()] === undefined) {
      st.fills[orderId.toString()] = {
        amount: intent.params.amount ?? "0",
        priceWad: intent.params.priceWad ?? "0",
        hash: intent.hash,
      };
    }
  });
  if (filled) ctx.log.info("auction filled", { orderId, amount: intent.params.amount, status: "reconciled" });
}

const SENT = new Set(["confirmed", "already-done"]);

/** Handles one watched ask; see the file comment. */
export async function handleFill(
  ctx: JobContext,
  s: MmSettings,
  world: MmWorld,
  item: FillItem,
): Promise<ItemResult> {
  const ref = refOf(ctx, s);
  const { orderId } = item;
  const [order, { fillable, priceWad }] = await Promise.all([
    readOrder(ref, orderId),
    readFillable(ref, orderId),
  ]);
  const from = legOf(world, order.token);
  const to = legOf(world, order.counterToken);
  const wantsCollateral = order.counterToken.toLowerCase() === world.weth.toLowerCase();
  if (!order.open || fillable === 0n || from === undefined || (!wantsCollateral && to === undefined)) {
    forget(ctx, s, orderId);
    return { outcome: "done", note: "closed, expired or not on the maker's tokens" };
  }
  const { now, xWad } = item.snapshot;
  if (xWad === undefined) return { outcome: "waiting" };
  const [position, eth] = await Promise.all([positionOf(ctx, s, from.series, from.side), readEth(ref)]);
  const room = s.inventory.target + s.inventory.limit - position;
  const decision = decideFill({
    now,
    order,
    fillable,
    priceWad,
    x: wadToNumber(xWad),
    sigma: pricingInput(from.series, xWad, now).sigma,
    from: rollLeg(from, now),
    ...(to === undefined || wantsCollateral ? {} : { to: rollLeg(to, now) }),
    risk: s.fills.risk,
    maxFill: s.fills.maxFill,
    roomIn: room > 0n ? room : 0n,
    ethAvailable: eth > s.ethReserve ? eth - s.ethReserve : 0n,
    maxRestSeconds: s.fills.maxRestSeconds,
  });
  const where = { orderId, token: order.token, want: order.counterToken, priceWad };
  if (decision.kind === "wait") {
    ctx.log.debug("auction not taken yet", {
      ...where,
      reason: decision.reason,
      maxPriceWad: decision.maxPriceWad,
      crossesAt: decision.crossesAt,
    });
    return { outcome: "waiting", cooldownMs: Number(decision.restSeconds) * 1000 };
  }
  ctx.log.info("auction crossed the model's price: filling", {
    ...where,
    amount: decision.amount,
    maxPriceWad: decision.maxPriceWad,
    fairPriceWad: decision.fairPriceWad,
    cost: decision.cost,
  });
  let value = decision.cost;
  if (!wantsCollateral && to !== undefined) {
    value = 0n;
    const ready = await prepareWanted(ctx, s, { orderId, to, needed: decision.cost });
    if (!ready) return { outcome: "acted", note: "preparing the wanted tokens" };
  }
  const out = await ctx.sender.send(
    fillAction(ref, { orderId, amount: decision.amount, priceWad, value, fromBlock: s.fromBlock }),
  );
  if (!SENT.has(out.status)) return { outcome: "acted", note: out.status };
  updateMmState(ctx, s.fromBlock, (st) => {
    st.candidates = st.candidates.filter((id) => id !== orderId.toString());
    st.fills[orderId.toString()] = {
      amount: decision.amount.toString(),
      priceWad: priceWad.toString(),
      hash: "hash" in out ? out.hash : "",
    };
  });
  ctx.log.info("auction filled", { ...where, amount: decision.amount, status: out.status });
  return { outcome: "done" };
}

/** Makes sure the maker holds `needed` of the wanted token (splitting ETH for the shortfall) and has approved it. */
async function prepareWanted(
  ctx: JobContext,
  s: MmSettings,
  p: { orderId: bigint; to: Leg; needed: bigint },
): Promise<boolean> {
  const ref = refOf(ctx, s);
  const token = p.to.side === "P" ? p.to.series.pToken : p.to.series.nToken;
  const held = await readTokenBalance(ref, token);
  if (held < p.needed) {
    if (!s.fills.splitForFills) {
      ctx.log.warn("not enough of the wanted token and splitForFills is off", {
        token,
        held,
        needed: p.needed,
      });
      return false;
    }
    const amount = p.needed - held;
    const eth = await readEth(ref);
    if (eth < amount + s.ethReserve) {
      ctx.log.warn("not enough ETH to split the wanted tokens", { token, eth, amount });
      return false;
    }
    const split = splitForFillAction(ref, {
      orderId: p.orderId,
      series: p.to.series,
      amount,
      token,
      needed: p.needed,
    });
    if (!SENT.has((await ctx.sender.send(split)).status)) return false;
  }
  return SENT.has((await ctx.sender.send(approveAction(ref, token, s.market))).status);
}
