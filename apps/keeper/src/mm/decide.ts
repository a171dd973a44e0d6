// What the market maker does, as pure functions of what it read: for one token, whether to keep its resting bid
// and ask or replace them (and with what); for one ask of someone else, whether to fill it now, wait (and how
// long, from the auction's curve), or ignore it. The job (job.ts, quoting.ts, filling.ts) reads, calls these, acts.

import {
  costUp,
  crossingTime,
  escrowUp,
  type Inventory,
  type MakerRisk,
  movedBeyond,
  type OrderCurve,
  type QuoteLevel,
  quoteAround,
  type RollLeg,
  rollAcceptance,
  WAD,
} from "@pn/core";

/** One of the maker's resting orders, as read now. */
export type Resting = { orderId: bigint; priceWad: bigint; amount: bigint; expiry: bigint; open: boolean };

export type QuoteInput = {
  now: bigint;
  maturity: bigint;
  /** Fair value in ETH per token; undefined without a fresh x (quotes are pulled). */
  fairEth: number | undefined;
  spreadBps: number;
  requoteThresholdBps: number;
  refreshBelowFraction: number;
  size: bigint;
  inventory: Inventory;
  /** ETH the maker may escrow in this token's bid (balance minus the reserve). */
  ethAvailable: bigint;
  ttlSeconds: bigint;
  stopBeforeMaturitySeconds: bigint;
  /** No quote is posted that would live less than this (`minQuoteLifeSeconds`). */
  minQuoteLifeSeconds: bigint;
  resting: { bid?: Resting; ask?: Resting };
};

export type QuoteSideName = "bid" | "ask";
export type QuotePlan = {
  /** Sides to replace: cancel the resting order (if open), then post `level` (if any). */
  replace: { side: QuoteSideName; cancel?: bigint; level?: QuoteLevel; reason: string }[];
  expiry: bigint;
  fairWad: bigint;
};

function smaller(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

/** A resting order is refreshed this long before it expires. */
const EXPIRY_MARGIN_SECONDS = 60n;

/**
 * The bid and ask wanted now: none when x is stale, or when a quote posted now would end (at maturity −
 * stopBeforeMaturitySeconds) within `minQuoteLifeSeconds`.
 */
function wanted(input: QuoteInput): { bid?: QuoteLevel; ask?: QuoteLevel; fairWad: bigint } {
  const end = input.maturity - input.stopBeforeMaturitySeconds;
  if (input.fairEth === undefined || input.now + input.minQuoteLifeSeconds >= end) return { fairWad: 0n };
  const q = quoteAround({
    fairEth: input.fairEth,
    spreadBps: input.spreadBps,
    size: input.size,
    inventory: input.inventory,
  });
  const out: { bid?: QuoteLevel; ask?: QuoteLevel; fairWad: bigint } = { fairWad: q.fairWad };
  if (q.ask !== undefined) out.ask = q.ask;
  if (q.bid !== undefined) {
    const fundable = input.ethAvailable > 0n ? (input.ethAvailable * WAD) / q.bid.priceWad : 0n;
    let amount = q.bid.amount < fundable ? q.bid.amount : fundable;
    while (amount > 0n && escrowUp(amount, q.bid.priceWad) > input.ethAvailable) amount--;
    // A bid of less than 1% of the size is not worth its gas.
    if (amount * 100n >= input.size) out.bid = { priceWad: q.bid.priceWad, amount };
  }
  return out;
}

function whyReplace(
  input: QuoteInput,
  want: QuoteLevel | undefined,
  rest: Resting | undefined,
): string | undefined {
  const open = rest?.open === true && (rest.expiry === 0n || rest.expiry > input.now + EXPIRY_MARGIN_SECONDS);
  if (want === undefined) return open ? "withdraw" : undefined;
  if (!open) return rest === undefined ? "new" : "filled, cancelled or expiring";
  if (movedBeyond(rest.priceWad, want.priceWad, input.requoteThresholdBps)) return "price moved";
  if (Number(rest.amount) < input.refreshBelowFraction * Number(want.amount)) return "mostly filled";
  return undefined;
}

/**
 * Which sides of a token's quotes to replace. A side is replaced when its wanted price moved beyond the threshold
 * from the resting one, when the resting order is gone (filled, cancelled, expired or about to), when fills left
 * less than `refreshBelowFraction` of the wanted size, or when the side should no longer be quoted (inventory at
 * its band's edge, x stale, close to maturity). Undefined: keep everything.
 */
export function decideQuotes(input: QuoteInput): QuotePlan | undefined {
  const want = wanted(input);
  const replace: QuotePlan["replace"] = [];
  for (const side of ["bid", "ask"] as const) {
    const reason = whyReplace(input, want[side], input.resting[side]);
    if (reason === undefined) continue;
    const rest = input.resting[side];
    const level = want[side];
    replace.push({
      side,
      ...(rest?.open === true ? { cancel: rest.orderId } : {}),
      ...(level === undefined ? {} : { level }),
      reason,
    });
  }
  if (replace.length === 0) return undefined;
  const end = input.maturity - input.stopBeforeMaturitySeconds;
  const ttlEnd = input.now + input.ttlSeconds;
  return { replace, expiry: smaller(ttlEnd, end), fairWad: want.fairWad };
}

export type FillInput = {
  now: bigint;
  order: OrderCurve & { expiry: bigint };
  /** Fillable now and the price now (from `fillableOf`). */
  fillable: bigint;
  priceWad: bigint;
  x: number;
  sigma: number;
  from: RollLeg;
  /** Undefined: the ask wants collateral. */
  to?: RollLeg;
  risk: MakerRisk;
  maxFill: bigint;
  /** How much more of the offered token the inventory band takes. */
  roomIn: bigint;
  /** Collateral asks: ETH the maker may spend. */
  ethAvailable: bigint;
  maxRestSeconds: bigint;
};

export type FillDecision =
  | { kind: "wait"; reason: string; restSeconds: bigint; maxPriceWad?: bigint; crossesAt?: bigint }
  | {
      kind: "fill";
      amount: bigint;
      priceWad: bigint;
      maxPriceWad: bigint;
      fairPriceWad: bigint;
      cost: bigint;
    };

/** The size the maker would take now: what is open, its cap, its inventory room and (collateral asks) its ETH. */
function fillSize(input: FillInput): bigint {
  let amount = input.fillable;
  for (const cap of [input.maxFill, input.roomIn]) if (cap < amount) amount = cap;
  if (input.to === undefined && input.priceWad > 0n) {
    const affordable = (input.ethAvailable * WAD) / input.priceWad;
    if (affordable < amount) amount = affordable;
    while (amount > 0n && costUp(amount, input.priceWad) > input.ethAvailable) amount--;
  }
  return amount > 0n ? amount : 0n;
}

/**
 * Fill an ask of someone else once its price crosses the model's limit (`rollAcceptance`: fair value of the net
 * trade minus the net-risk charge); otherwise rest until the curve reaches the limit (from the @pn/core mirror of
 * the auction), at most `maxRestSeconds`.
 */
export function decideFill(input: FillInput): FillDecision {
  const rest = (seconds: bigint) => (seconds < input.maxRestSeconds ? seconds : input.maxRestSeconds);
  if (input.fillable === 0n)
    return { kind: "wait", reason: "nothing fillable", restSeconds: input.maxRestSeconds };
  const amount = fillSize(input);
  if (amount === 0n) {
    return { kind: "wait", reason: "inventory band or ETH exhausted", restSeconds: input.maxRestSeconds };
  }
  const verdict = rollAcceptance({
    x: input.x,
    sigma: input.sigma,
    from: input.from,
    ...(input.to === undefined ? {} : { to: input.to }),
    priceWad: input.priceWad,
    amount,
    risk: input.risk,
  });
  if (verdict.accept) {
    return {
      kind: "fill",
      amount,
      priceWad: input.priceWad,
      maxPriceWad: verdict.maxPriceWad,
      fairPriceWad: verdict.fairPriceWad,
      cost: costUp(amount, input.priceWad),
    };
  }
  const at = verdict.maxPriceWad > 0n ? crossingTime(input.order, verdict.maxPriceWad, input.now) : undefined;
  const expiresIn = input.order.expiry === 0n ? input.maxRestSeconds : input.order.expiry - input.now;
  return {
    kind: "wait",
    reason: at === undefined ? "its floor is above the model's limit" : "not crossed yet",
    restSeconds: rest(at === undefined ? expiresIn : at - input.now),
    maxPriceWad: verdict.maxPriceWad,
    ...(at === undefined ? {} : { crossesAt: at }),
  };
}

export type SeedInput = {
  /** `inventory.seedSplit`: ETH to split into P and N of a quoted series; undefined: never seed. */
  seedSplit: bigint | undefined;
  /** The series' seed intent, if one was ever recorded (`split:seed:<series>`). */
  seedIntent: "none" | "in-flight" | "confirmed" | "failed";
  /** The maker's P and N of the series (wallet plus own open asks). */
  positions: { P: bigint; N: bigint };
  eth: bigint;
  ethReserve: bigint;
};

export type SeedDecision =
  | { kind: "seed"; amount: bigint }
  | { kind: "resume" }
  | { kind: "skip"; reason: "off" | "seeded" | "holds tokens" | "eth below seedSplit + ethReserve" };

/**
 * Whether to split ETH into a quoted series so it has asks to post: once per series (a recorded seed is never
 * repeated, whatever the maker holds later), only when it holds neither side, and never into the ETH reserve.
 */
export function decideSeed(input: SeedInput): SeedDecision {
  if (input.seedSplit === undefined || input.seedSplit === 0n) return { kind: "skip", reason: "off" };
  if (input.seedIntent === "confirmed") return { kind: "skip", reason: "seeded" };
  if (input.seedIntent === "in-flight") return { kind: "resume" };
  if (input.positions.P > 0n || input.positions.N > 0n) return { kind: "skip", reason: "holds tokens" };
  if (input.eth < input.seedSplit + input.ethReserve)
    return { kind: "skip", reason: "eth below seedSplit + ethReserve" };
  return { kind: "seed", amount: input.seedSplit };
}
