// The market maker's pricing model, shared by the keeper's market-maker bot and the simulator: a Black-76 fair
// value (zero rates, a configured volatility), a bid and an ask around it (a spread, skewed and capped by
// inventory), and the rule for taking a roll auction (BRIEF §7: the maker prices the *difference* in risk between
// the two series it swaps, not the gross notional).
//
// Units: fair values and prices are in collateral per token (ETH per P or N), so 0 < value < 1; the model works
// in floating point and converts at the edge to a 1e-9 tick, rounding every price toward the maker: bids down,
// asks up, acceptance limits down (a roll is taken only at or below the limit). Amounts are bigint base units.

import { WAD } from "./constants.ts";
import { PnError } from "./errors.ts";
import { nGreeks, nValueEth, type PricingInput, pValueEth, toWad } from "./pricing.ts";
import type { Side } from "./series.ts";

/** A quoting parameter is out of its range. */
export class InvalidQuoteParameterError extends PnError {
  override name = "InvalidQuoteParameterError";
  constructor({ field, value, expected }: { field: string; value: string; expected: string }) {
    super(`Quote parameter ${field} = ${value} is not valid: expected ${expected}.`, {
      fix: `Set ${field} within its range (see the keeper README's mm section).`,
    });
  }
}

/** Fair value of one token of `side` in collateral units (ETH per token): P_eth = 1 − C/x, N_eth = C/x. */
export function fairValueEth(side: Side, input: PricingInput): number {
  return side === "P" ? pValueEth(input) : nValueEth(input);
}

/** The maker's holding of one token against its target, with the band it may move in. Base units. */
export type Inventory = {
  /** Tokens the maker owns (wallet plus what its open asks escrow). */
  position: bigint;
  /** The holding it aims at; quotes lean back toward it. */
  target: bigint;
  /** Allowed distance from the target: no bid at `target + limit` or above, no ask at `target − limit` or below. */
  limit: bigint;
  /** Price shift at a full band, basis points: a long book lowers both quotes (sells more, buys less). */
  skewBps: number;
};

export type QuoteParameters = {
  /** Fair value, collateral per token (from `fairValueEth`). */
  fairEth: number;
  /** Full width between bid and ask, basis points of the (skewed) mid. */
  spreadBps: number;
  /** Largest size per side, tokens (base units). */
  size: bigint;
  inventory: Inventory;
};

export type QuoteLevel = { priceWad: bigint; amount: bigint };
export type Quote = {
  fairWad: bigint;
  /** The mid after the inventory skew. */
  midWad: bigint;
  /** Applied skew, basis points (negative when long). */
  skewBps: number;
  bid?: QuoteLevel;
  ask?: QuoteLevel;
};

function checkQuote(p: QuoteParameters): void {
  const bad = (field: string, value: string, expected: string) => {
    throw new InvalidQuoteParameterError({ field, value, expected });
  };
  if (!(p.fairEth >= 0 && p.fairEth <= 1)) bad("fairEth", String(p.fairEth), "a value in [0, 1]");
  if (!(p.spreadBps > 0 && p.spreadBps < 20_000)) bad("spreadBps", String(p.spreadBps), "(0, 20000)");
  if (p.size <= 0n) bad("size", String(p.size), "a positive amount");
  const inv = p.inventory;
  if (inv.limit <= 0n) bad("inventory.limit", String(inv.limit), "a positive amount");
  if (inv.target < 0n) bad("inventory.target", String(inv.target), "zero or more");
  if (!(inv.skewBps >= 0 && inv.skewBps < 10_000))
    bad("inventory.skewBps", String(inv.skewBps), "[0, 10000)");
}

/** Quoted prices are multiples of 1e-9 collateral per token (1 gwei per token): model values are floats. */
export const PRICE_TICK_WAD = 10n ** 9n;
const TICKS_PER_UNIT = 1e9;

/** A model price (collateral per token, in [0, 2^53 / 1e9)) as WAD, down to the tick. */
export function priceDownWad(value: number): bigint {
  return BigInt(Math.floor(value * TICKS_PER_UNIT)) * PRICE_TICK_WAD;
}

/** A model price as WAD, up to the tick. */
export function priceUpWad(value: number): bigint {
  return BigInt(Math.ceil(value * TICKS_PER_UNIT)) * PRICE_TICK_WAD;
}

/**
 * A bid and an ask around the fair value. The inventory skew `u = clamp((position − target) / limit, −1, 1)`
 * moves the mid by `−u · skewBps`; each side sits half the spread away. Sizes shrink toward the band's edges and
 * a side stops at its edge: no bid once `position ≥ target + limit`, no ask below `target − limit` or without
 * tokens. An ask never exceeds 1 (no token is worth more than one collateral unit) and a bid is never 0.
 *
 * @example
 * quoteAround({ fairEth: 0.4, spreadBps: 200, size: 10n ** 18n,
 *   inventory: { position: 0n, target: 0n, limit: 5n * 10n ** 18n, skewBps: 100 } });
 * // bid 0.396 for 1; no ask (nothing to sell)
 */
export function quoteAround(p: QuoteParameters): Quote {
  checkQuote(p);
  const { position, target, limit, skewBps } = p.inventory;
  const u = Math.max(-1, Math.min(1, Number(position - target) / Number(limit)));
  const skew = u === 0 ? 0 : -u * skewBps;
  const mid = p.fairEth * (1 + skew / 10_000);
  const half = p.spreadBps / 20_000;
  const quote: Quote = { fairWad: toWad(p.fairEth), midWad: toWad(mid), skewBps: skew };
  const bidRoom = target + limit - position;
  const bidPrice = priceDownWad(mid * (1 - half));
  if (bidRoom > 0n && bidPrice > 0n) {
    quote.bid = { priceWad: bidPrice, amount: smaller(bidRoom, p.size) };
  }
  const floor = target > limit ? target - limit : 0n;
  const askRoom = position - floor;
  if (askRoom > 0n) {
    const askPrice = priceUpWad(mid * (1 + half));
    quote.ask = { priceWad: smaller(askPrice, WAD), amount: smaller(askRoom, p.size) };
  }
  return quote;
}

function smaller(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

/** True when a resting price is more than `thresholdBps` away from the wanted one (relative to the wanted one). */
export function movedBeyond(restingWad: bigint, wantedWad: bigint, thresholdBps: number): boolean {
  const diff = restingWad > wantedWad ? restingWad - wantedWad : wantedWad - restingWad;
  return diff * 10_000n > BigInt(Math.floor(thresholdBps)) * wantedWad;
}

/** One series of a roll, as the model sees it. */
export type RollLeg = { side: Side; strike: number; tau: number };

/** What a hedged maker charges for the net risk of a trade (the same shape the simulator's maker uses). */
export type MakerRisk = {
  /** Volatility edge on the net vega, decimal (0.01 = one vol point). */
  volEdge: number;
  /** Cost of hedging the net delta in spot, basis points of the hedge's value. */
  deltaHedgeBps: number;
  /** Gamma risk: ½·|net gamma|·x²·σ² over this many days. */
  gammaHorizonDays: number;
  /** A floor per fill, collateral units (ETH): gas and the cost of being there. */
  minFeeEth: number;
};

export type NetRisk = { delta: number; gamma: number; vega: number; chargeEth: number };

/** Greeks in index units of one token: N is the call; P = x − C per collateral unit. */
function legGreeks(x: number, sigma: number, leg: RollLeg) {
  const g = nGreeks({ x, strike: leg.strike, tau: Math.max(leg.tau, 0), sigma });
  return leg.side === "N" ? g : { delta: 1 - g.delta, gamma: -g.gamma, vega: -g.vega, theta: -g.theta };
}

/**
 * The net risk of a maker that receives `quantityIn` of `from` (collateral when `from` is absent) and gives
 * `quantityOut` of `to` (collateral when `to` is absent), and its charge: `volEdge·|vega| + deltaHedgeBps·|delta|·x + ½|gamma|·x²·σ²·horizon`, in ETH
 * (divided by x), at least `minFeeEth`. Only the difference between the legs counts: a P_A → P_B swap at nearby
 * strikes carries far less risk than either leg.
 */
export function netRiskCharge(
  p: { x: number; sigma: number; from?: RollLeg; to?: RollLeg; quantityIn: number; quantityOut: number },
  risk: MakerRisk,
): NetRisk {
  const none = { delta: 0, gamma: 0, vega: 0 };
  const a = p.from === undefined ? none : legGreeks(p.x, p.sigma, p.from);
  const b = p.to === undefined ? none : legGreeks(p.x, p.sigma, p.to);
  const delta = p.quantityIn * a.delta - p.quantityOut * b.delta;
  const gamma = p.quantityIn * a.gamma - p.quantityOut * b.gamma;
  const vega = p.quantityIn * a.vega - p.quantityOut * b.vega;
  const usd =
    risk.volEdge * Math.abs(vega) +
    risk.deltaHedgeBps * 1e-4 * Math.abs(delta) * p.x +
    0.5 * Math.abs(gamma) * p.x ** 2 * p.sigma ** 2 * (risk.gammaHorizonDays / 365);
  return { delta, gamma, vega, chargeEth: Math.max(usd / p.x, risk.minFeeEth) };
}

export type RollAcceptanceParameters = {
  /** Index value per ETH (the model's x) and the volatility it prices with. */
  x: number;
  sigma: number;
  /** What the order offers (the maker receives it). */
  from: RollLeg;
  /** What the order wants (the maker gives it); absent when it wants collateral. */
  to?: RollLeg;
  /** The order's current price: wanted units per offered unit, WAD. */
  priceWad: bigint;
  /** How much of the order the maker would take, offered-token base units (> 0). */
  amount: bigint;
  risk: MakerRisk;
};

export type RollAcceptance = {
  accept: boolean;
  /** Fair price V_from / V_to (wanted per offered), WAD. */
  fairPriceWad: bigint;
  /** The highest price the maker takes: (V_from − edge per unit) / V_to, WAD (0 when no price works). */
  maxPriceWad: bigint;
  /** Required edge for the whole fill, ETH. */
  edgeEth: number;
  net: NetRisk;
};

/**
 * Whether to fill a roll auction (or any ask) now: the maker gains `V_from − p·V_to` per offered unit at fair
 * value and needs at least the net-risk charge of the fill (`netRiskCharge`, computed at the fair ratio). So it
 * takes the order once `p ≤ (V_from − charge / q) / V_to`.
 *
 * @example
 * rollAcceptance({ x: 2500, sigma: 0.6, from: { side: "P", strike: 1500, tau: 0.02 },
 *   to: { side: "P", strike: 1200, tau: 0.1 }, priceWad: parseWad("0.99"), amount: WAD, risk });
 */
export function rollAcceptance(p: RollAcceptanceParameters): RollAcceptance {
  if (p.amount <= 0n) {
    throw new InvalidQuoteParameterError({ field: "amount", value: String(p.amount), expected: "> 0" });
  }
  const model = { x: p.x, sigma: p.sigma };
  const vFrom = fairValueEth(p.from.side, { ...model, strike: p.from.strike, tau: Math.max(p.from.tau, 0) });
  const vTo =
    p.to === undefined
      ? 1
      : fairValueEth(p.to.side, { ...model, strike: p.to.strike, tau: Math.max(p.to.tau, 0) });
  const quantityIn = Number(p.amount) / 1e18;
  const fair = vTo > 0 ? vFrom / vTo : 0;
  const net = netRiskCharge(
    {
      ...model,
      from: p.from,
      ...(p.to === undefined ? {} : { to: p.to }),
      quantityIn,
      quantityOut: quantityIn * fair,
    },
    p.risk,
  );
  const limit = vTo > 0 ? (vFrom - net.chargeEth / quantityIn) / vTo : 0;
  const maxPriceWad = limit > 0 && Number.isFinite(limit) ? priceDownWad(limit) : 0n;
  const fairPriceWad = fair > 0 && Number.isFinite(fair) ? toWad(fair) : 0n;
  return {
    accept: maxPriceWad > 0n && p.priceWad <= maxPriceWad,
    fairPriceWad,
    maxPriceWad,
    edgeEth: net.chargeEth,
    net,
  };
}
