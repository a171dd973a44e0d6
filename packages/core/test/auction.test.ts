// The AuctionLib / OrderLib mirror: the anchors pinned in contracts/test/market/unit/AuctionLib.t.sol and
// docs/market.md, rounding toward the maker, MK-4 on seeded random curves, and the Solidity reverts. Exact
// equality with the Solidity code on fuzzed inputs is contracts/test/differential/AuctionDifferential.t.sol.

import { describe, expect, it } from "vitest";
import {
  AuctionMathError,
  askTermsProblem,
  costUp,
  crossingTime,
  escrowUp,
  type OrderCurve,
  orderPriceAt,
  parseWad,
  priceAt,
  proceedsDown,
  shrUp,
  UINT128_LIMIT,
  WAD,
} from "../src/index.ts";
import { createRng } from "./prng.ts";

const MAX_PRICE = UINT128_LIMIT - 1n;
const MAX_SECONDS = (1n << 32n) - 1n;
const e18 = (n: number) => parseWad(String(n));

describe("priceAt: anchors (AuctionLib.t.sol, docs/market.md)", () => {
  it("flat is constant", () => {
    expect(priceAt(5n, 5n, 0n, 0n, 0n)).toBe(5n);
    expect(priceAt(MAX_PRICE, MAX_PRICE, 0n, 0n, 10n ** 12n)).toBe(MAX_PRICE);
  });

  it("linear: start, quarter, half, end, after", () => {
    const at = (e: bigint) => priceAt(2n * WAD, WAD, 100n, 0n, e);
    expect([at(0n), at(25n), at(50n), at(100n), at(10n ** 9n)]).toEqual([
      2n * WAD,
      e18(1.75),
      e18(1.5),
      WAD,
      WAD,
    ]);
  });

  it("linear rounds up toward the maker", () => {
    expect([1n, 2n, 3n].map((e) => priceAt(11n, 10n, 3n, 0n, e))).toEqual([11n, 11n, 10n]);
    expect(priceAt(100n, 0n, 3n, 0n, 1n)).toBe(67n);
  });

  it("the roll order of docs/market.md: 1.6 → 1.45 over 2 days is 1.58125 after 6 h", () => {
    expect(priceAt(e18(1.6), e18(1.45), 172_800n, 0n, 21_600n)).toBe(e18(1.58125));
  });

  it("exponential: halvings, linear within a step, the end", () => {
    const at = (e: bigint) => priceAt(2n * WAD, WAD, 1000n, 100n, e);
    expect([0n, 50n, 100n, 200n, 300n].map(at)).toEqual([
      2n * WAD,
      e18(1.75),
      e18(1.5),
      e18(1.25),
      e18(1.125),
    ]);
    expect(at(999n)).toBe(WAD + 986_328_125_000_000n);
    expect(at(1000n)).toBe(WAD);
    // docs/market.md: 1.8 → 1.4 with h = 4 h: 1.6 after 4 h, 1.5 after 8 h.
    const doc = (e: bigint) => priceAt(e18(1.8), e18(1.4), 86_400n, 14_400n, e);
    expect([doc(14_400n), doc(28_800n), doc(86_400n)]).toEqual([e18(1.6), e18(1.5), e18(1.4)]);
  });

  it("extremes of the market's bounds", () => {
    expect(priceAt(MAX_PRICE, 1n, MAX_SECONDS, 0n, 0n)).toBe(MAX_PRICE);
    expect(priceAt(MAX_PRICE, 1n, MAX_SECONDS, 0n, MAX_SECONDS - 1n)).toBe(
      1n + (MAX_PRICE - 1n + MAX_SECONDS - 1n) / MAX_SECONDS,
    );
    expect(priceAt(MAX_PRICE, 1n, MAX_SECONDS, MAX_SECONDS, MAX_SECONDS - 1n)).toBe(
      1n + (MAX_PRICE - 1n) - ((MAX_PRICE - 1n) * (MAX_SECONDS - 1n)) / (2n * MAX_SECONDS),
    );
    expect(priceAt(MAX_PRICE, 1n, MAX_SECONDS, 1n, MAX_SECONDS - 1n)).toBe(2n);
  });

  it("shrUp is ceil(x / 2^n)", () => {
    expect([shrUp(8n, 2n), shrUp(9n, 2n), shrUp(0n, 5n), shrUp(1n, 200n)]).toEqual([2n, 3n, 0n, 1n]);
  });
});

describe("priceAt: MK-4 on seeded random curves", () => {
  it("non-increasing and within [floor, start], linear and exponential, 2,000 curves", () => {
    const rng = createRng(4n);
    for (let i = 0; i < 2000; i++) {
      const start = 2n + rng.edgy(MAX_PRICE - 1n);
      const floor = 1n + rng.below(start - 1n);
      const duration = 1n + rng.edgy(MAX_SECONDS);
      const halfLife = i % 2 === 0 ? 0n : 1n + rng.edgy(MAX_SECONDS);
      const t1 = rng.edgy(2n * MAX_SECONDS);
      const t2 = t1 + rng.edgy(2n * MAX_SECONDS);
      const p1 = priceAt(start, floor, duration, halfLife, t1);
      const p2 = priceAt(start, floor, duration, halfLife, t2);
      expect(p1 >= p2 && p1 <= start && p2 >= floor, `curve ${i}`).toBe(true);
    }
  });

  it("linear is the ceiling of the exact curve", () => {
    const rng = createRng(5n);
    for (let i = 0; i < 500; i++) {
      const start = 2n + rng.edgy(MAX_PRICE - 1n);
      const floor = 1n + rng.below(start - 1n);
      const duration = 1n + rng.edgy(MAX_SECONDS);
      const e = rng.below(duration);
      const exact = (start - floor) * (duration - e);
      const scaled = (priceAt(start, floor, duration, 0n, e) - floor) * duration;
      expect(scaled >= exact && scaled < exact + duration).toBe(true);
    }
  });
});

describe("Solidity reverts are typed errors", () => {
  it("floor above start inside the curve (checked subtraction)", () => {
    expect(() => priceAt(1n, 2n, 10n, 0n, 0n)).toThrow(AuctionMathError);
    expect(priceAt(1n, 2n, 10n, 0n, 10n)).toBe(2n); // at the end Solidity returns the floor first
  });

  it("overflowing products and non-uint256 inputs", () => {
    expect(() => priceAt(1n << 255n, 0n, 3n, 0n, 1n)).toThrow(AuctionMathError);
    expect(() => costUp(1n << 200n, 1n << 60n)).toThrow(AuctionMathError);
    expect(() => priceAt(-1n, 0n, 1n, 0n, 0n)).toThrow(/not a uint256/);
  });
});

describe("OrderLib rounding sites", () => {
  it("escrow and cost round up, proceeds down", () => {
    expect(escrowUp(3n, WAD / 3n)).toBe(1n); // 0.999… → 1
    expect(costUp(1n, 1n)).toBe(1n); // a dust fill costs 1 wei
    expect(proceedsDown(1n, WAD - 1n)).toBe(0n); // a dust fill pays 0
    expect(costUp(10n * WAD, e18(0.4))).toBe(4n * WAD);
    expect(proceedsDown(10n * WAD, e18(0.4))).toBe(4n * WAD);
  });

  it("bid leftover after n fills is at most n wei (MK-1 bound)", () => {
    const rng = createRng(6n);
    for (let i = 0; i < 300; i++) {
      const amount = 1n + rng.edgy(10n ** 24n);
      const price = 1n + rng.edgy(10n ** 20n);
      let left = amount;
      let paid = 0n;
      let fills = 0n;
      while (left > 0n) {
        const fill = left === 1n ? 1n : 1n + rng.below(left);
        paid += proceedsDown(fill, price);
        left -= fill;
        fills++;
      }
      const leftover = escrowUp(amount, price) - paid;
      expect(leftover >= 0n && leftover <= fills).toBe(true);
    }
  });
});

describe("orderPriceAt and crossingTime", () => {
  const roll: OrderCurve = {
    isBid: false,
    priceWad: e18(1.6),
    floorPriceWad: e18(1.45),
    startTime: 1_000n,
    duration: 172_800n,
    halfLife: 0n,
  };

  it("projects the curve from the order's start; bids and flat asks are fixed", () => {
    expect(orderPriceAt(roll, 0n)).toBe(e18(1.6));
    expect(orderPriceAt(roll, 1_000n + 21_600n)).toBe(e18(1.58125));
    expect(orderPriceAt({ ...roll, isBid: true }, 10n ** 9n)).toBe(e18(1.6));
    expect(orderPriceAt({ ...roll, duration: 0n }, 10n ** 9n)).toBe(e18(1.6));
  });

  it("finds the first second at or below a limit", () => {
    const limit = e18(1.5);
    const t = crossingTime(roll, limit, 1_000n);
    expect(t).toBeDefined();
    const at = t ?? 0n;
    expect(orderPriceAt(roll, at) <= limit).toBe(true);
    expect(orderPriceAt(roll, at - 1n) > limit).toBe(true);
    expect(crossingTime(roll, e18(1.4), 1_000n)).toBeUndefined();
    expect(crossingTime(roll, e18(1.7), 5_000n)).toBe(5_000n);
  });
});

describe("askTermsProblem mirrors the market's checks", () => {
  const base = { amount: WAD, startPriceWad: WAD, floorPriceWad: WAD, duration: 0n, halfLife: 0n };
  it("accepts flat and curves, rejects the rest", () => {
    expect(askTermsProblem(base)).toBeUndefined();
    expect(askTermsProblem({ ...base, floorPriceWad: WAD / 2n, duration: 100n })).toBeUndefined();
    expect(askTermsProblem({ ...base, floorPriceWad: WAD / 2n })).toMatch(/flat/);
    expect(askTermsProblem({ ...base, duration: 100n })).toMatch(/0 < floor < start/);
    expect(askTermsProblem({ ...base, floorPriceWad: 1n, duration: 1n << 32n })).toMatch(/2\^32/);
    expect(askTermsProblem({ ...base, amount: 0n })).toMatch(/zero/);
  });
});
