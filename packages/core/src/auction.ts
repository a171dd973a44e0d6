// The price curve of an ask and the market's rounding sites, mirroring contracts/src/market/libraries/AuctionLib.sol
// and the rounding of OrderLib.sol line for line (same names, same rounding, same reverts). Pure bigint math:
// a bot projects an auction's price, and what a fill costs, exactly as the market will charge it.
//
// Notation (AuctionLib): `s` start price, `f` floor price (WAD, wanted units per offered unit), `D` duration and
// `h` half-life (seconds), `e` seconds since the curve started, `g = s - f`.
// - flat (`D = 0`, `s = f`): `p = s`;                 - `e >= D`: `p = f`;
// - linear (`h = 0`): `p = f + ceil(g * (D - e) / D)`;
// - exponential (`h > 0`), `q = floor(e / h)`, `r = e mod h`, `g_q = ceil(g / 2^q)`: `p = f + g_q - floor(g_q * r / (2h))`.
// Every division rounds the price up, toward the maker (MK-4: non-increasing in `e`, within `[f, s]`).

import { WAD } from "./constants.ts";
import { PnError } from "./errors.ts";

/** 2^256: the exclusive bound of a Solidity uint256. */
const UINT256_LIMIT = 1n << 256n;
const MASK_32 = (1n << 32n) - 1n;
const MASK_128 = (1n << 128n) - 1n;

/**
 * An input outside what the Solidity code computes without reverting: a negative or 257-bit value, `floor >
 * start` inside the curve (checked subtraction), or a product above 2^256 (Solady's `mulDivUp` / `mulWadUp`).
 * The market never stores such terms, so meeting this error means the inputs were not read from an order.
 */
export class AuctionMathError extends PnError {
  override name = "AuctionMathError";
  readonly operation: string;

  constructor({ operation, detail }: { operation: string; detail: string }) {
    super(`${operation}: ${detail}; the Solidity code reverts here.`, {
      fix: "Pass terms as the market stores them: prices and amounts below 2^128, floor <= start, duration and half-life below 2^32.",
      contractError: "Panic",
    });
    this.operation = operation;
  }
}

function uint(value: bigint, name: string, operation: string): bigint {
  if (value < 0n || value >= UINT256_LIMIT) {
    throw new AuctionMathError({ operation, detail: `${name} = ${value} is not a uint256` });
  }
  return value;
}

/** `x * y`, reverting above 2^256 as Solady's `mulDiv*` and `mulWad*` do. */
function mulChecked(x: bigint, y: bigint, operation: string): bigint {
  const product = x * y;
  if (product >= UINT256_LIMIT) {
    throw new AuctionMathError({ operation, detail: `${x} * ${y} overflows 256 bits` });
  }
  return product;
}

/** `ceil(x * y / d)`, as `FixedPointMathLib.mulDivUp` (reverts on overflow or `d = 0`). */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new AuctionMathError({ operation: "mulDivUp", detail: "division by zero" });
  const product = mulChecked(x, y, "mulDivUp");
  return product === 0n ? 0n : (product - 1n) / d + 1n;
}

/** `ceil(x * y / 1e18)`, as `FixedPointMathLib.mulWadUp`. */
export function mulWadUp(x: bigint, y: bigint): bigint {
  return mulDivUp(x, y, WAD);
}

/** `floor(x * y / 1e18)`, as `FixedPointMathLib.mulWad`. */
export function mulWad(x: bigint, y: bigint): bigint {
  return mulChecked(x, y, "mulWad") / WAD;
}

/** `ceil(x / 2^n)` for `n < 256`: the floor, plus one when bits were shifted out (AuctionLib's `_shrUp`). */
export function shrUp(x: bigint, n: bigint): bigint {
  let q = x >> n;
  if (q << n !== x) ++q;
  return q;
}

/**
 * The price of a curve `elapsed` seconds after its start, as `AuctionLib.priceAt`. MK-4: non-increasing in
 * `elapsed`, within `[floorPriceWad, startPriceWad]`.
 *
 * @example
 * // P_A for P_B, 1.6 → 1.45 linear over two days, six hours in: 1.58125 P_B per P_A.
 * priceAt(1_600000000000000000n, 1_450000000000000000n, 172_800n, 0n, 21_600n); // 1_581250000000000000n
 */
export function priceAt(
  startPriceWad: bigint,
  floorPriceWad: bigint,
  duration: bigint,
  halfLife: bigint,
  elapsed: bigint,
): bigint {
  const op = "AuctionLib.priceAt";
  for (const [name, v] of [
    ["startPriceWad", startPriceWad],
    ["floorPriceWad", floorPriceWad],
    ["duration", duration],
    ["halfLife", halfLife],
    ["elapsed", elapsed],
  ] as const)
    uint(v, name, op);
  if (elapsed >= duration) return floorPriceWad; // includes the flat curve (D == 0, s == f)
  if (floorPriceWad > startPriceWad) {
    throw new AuctionMathError({ operation: op, detail: `floor ${floorPriceWad} > start ${startPriceWad}` });
  }
  const gap = startPriceWad - floorPriceWad;
  // Linear: rounded up toward the maker.
  if (halfLife === 0n) return checkedAdd(floorPriceWad, mulDivUp(gap, duration - elapsed, duration), op);
  // Exponential: g_q = ceil(g / 2^q), then the in-step interpolation is subtracted rounded down.
  const halvings = elapsed / halfLife;
  const gq = halvings >= 256n ? (gap < 1n ? gap : 1n) : shrUp(gap, halvings);
  const step = mulChecked(gq, elapsed % halfLife, op) / mulChecked(2n, halfLife, op);
  return checkedAdd(floorPriceWad, gq, op) - step;
}

function checkedAdd(a: bigint, b: bigint, operation: string): bigint {
  const sum = a + b;
  if (sum >= UINT256_LIMIT)
    throw new AuctionMathError({ operation, detail: `${a} + ${b} overflows 256 bits` });
  return sum;
}

/** Collateral a bid escrows for `amount` tokens at `priceWad`: `ceil(amount * price / 1e18)` (OrderLib.escrowUp). */
export function escrowUp(amount: bigint, priceWad: bigint): bigint {
  return mulWadUp(uint(amount, "amount", "escrowUp"), uint(priceWad, "priceWad", "escrowUp"));
}

/** What the taker of an ask pays for `amount` at `priceWad`: `ceil(amount * price / 1e18)` (OrderLib.costUp). */
export function costUp(amount: bigint, priceWad: bigint): bigint {
  return mulWadUp(uint(amount, "amount", "costUp"), uint(priceWad, "priceWad", "costUp"));
}

/** What a bid pays its taker for `amount` at `priceWad`: `floor(amount * price / 1e18)` (OrderLib.proceedsDown). */
export function proceedsDown(amount: bigint, priceWad: bigint): bigint {
  return mulWad(uint(amount, "amount", "proceedsDown"), uint(priceWad, "priceWad", "proceedsDown"));
}

/** The terms of an order that fix its price, as `IPNMarket.orderOf` returns them. */
export type OrderCurve = {
  isBid: boolean;
  priceWad: bigint;
  floorPriceWad: bigint;
  startTime: bigint;
  duration: bigint;
  halfLife: bigint;
};

/**
 * An open order's price at `timestamp`, as `PNMarket.priceAt(orderId, timestamp)`: a bid's or flat ask's fixed
 * price; a curved ask's curve (its start price before its start).
 */
export function orderPriceAt(order: OrderCurve, timestamp: bigint): bigint {
  if (order.isBid || order.duration === 0n) return order.priceWad;
  const elapsed = timestamp > order.startTime ? timestamp - order.startTime : 0n;
  return priceAt(order.priceWad, order.floorPriceWad, order.duration, order.halfLife, elapsed);
}

/**
 * The first time at or after `from` when a curved ask's price is at most `limitWad` (binary search over the
 * mirror; the curve is monotone, MK-4). Undefined when the floor stays above the limit.
 */
export function crossingTime(order: OrderCurve, limitWad: bigint, from: bigint): bigint | undefined {
  if (orderPriceAt(order, from) <= limitWad) return from;
  if (order.isBid || order.duration === 0n || order.floorPriceWad > limitWad) return undefined;
  let low = from; // price above the limit
  let high = order.startTime + order.duration; // price = floor <= limit
  while (high - low > 1n) {
    const mid = (low + high) / 2n;
    if (orderPriceAt(order, mid) <= limitWad) high = mid;
    else low = mid;
  }
  return high;
}

/** The ask terms the market accepts (`PNMarket._checkTerms` and `_checkCurve`), as one reason or undefined. */
export function askTermsProblem(terms: {
  amount: bigint;
  startPriceWad: bigint;
  floorPriceWad: bigint;
  duration: bigint;
  halfLife: bigint;
}): string | undefined {
  const { amount, startPriceWad: s, floorPriceWad: f, duration, halfLife } = terms;
  if (amount <= 0n) return "the amount is zero";
  if (amount > MASK_128) return "the amount does not fit in 128 bits";
  if (s <= 0n) return "the start price is zero";
  if (s > MASK_128) return "the start price does not fit in 128 bits";
  if (duration === 0n)
    return f === s && halfLife === 0n ? undefined : "a flat ask needs floor = start, no half-life";
  if (!(f > 0n && f < s)) return "a curve needs 0 < floor < start";
  if (duration > MASK_32 || halfLife > MASK_32 || halfLife < 0n || duration < 0n)
    return "duration and half-life must be below 2^32 seconds";
  return undefined;
}
