// Unit tests of the roll, book and replay logic: targets and defaults of a roll, what is wrong with its inputs,
// the book's best prices and the N price they imply, and reading /replay.json.
import { indexIdFromTicker, type SeriesKey } from "@pn/core";
import type { MarketOrder } from "@pn/sdk";
import { type Address, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { bestQuotes, marketNPrice, rollOrders } from "../src/lib/book.ts";
import { deadlineSeconds, parseReplay, replayDate } from "../src/lib/replay.ts";
import {
  checkAuctionTerms,
  checkRoll,
  defaultAuctionPrices,
  defaultTarget,
  fairRollRate,
  parseHours,
  parsePrice,
  parseSlippage,
  receivedAt,
  rollTargets,
  significant,
} from "../src/lib/roll.ts";
import { makeSeriesInfo, type SeriesInfo } from "../src/lib/series.ts";

const WAD = 10n ** 18n;
const DAY = 86_400n;
const NOW = 1_800_000_000n;
const WETH: Address = "0x00000000000000000000000000000000000000c0";

let next = 0;
function series(strike: bigint, maturity: bigint, overrides: Partial<SeriesKey> = {}): SeriesInfo {
  next += 1;
  const n = next.toString(16).padStart(2, "0");
  const key: SeriesKey = {
    collateral: WETH,
    oracle: "0x00000000000000000000000000000000000000a1",
    indexId: indexIdFromTicker("USD"),
    strikeWad: strike * WAD,
    maturity,
    ...overrides,
  };
  return makeSeriesInfo({
    id: `0x${n.repeat(32)}`,
    key,
    pToken: `0x${"b1".repeat(19)}${n}`,
    nToken: `0x${"b2".repeat(19)}${n}`,
    settlementWad: 0n,
  });
}

const a = series(1_500n, NOW + 7n * DAY);
const b = series(1_500n, NOW + 35n * DAY);
const lower = series(1_000n, NOW + 35n * DAY);
const matured = series(1_500n, NOW - DAY);
const other = series(1_500n, NOW + 35n * DAY, { collateral: "0x00000000000000000000000000000000000000c1" });
const all = [a, b, lower, matured, other];

function order(fields: Partial<MarketOrder>): MarketOrder {
  return {
    id: 1n,
    maker: "0x0000000000000000000000000000000000000001",
    token: a.nToken,
    counterToken: WETH,
    isBid: false,
    amount: WAD,
    priceWad: parseEther("0.4"),
    floorPriceWad: parseEther("0.4"),
    startTime: 0n,
    duration: 0n,
    halfLife: 0n,
    expiry: 0n,
    escrow: WAD,
    open: true,
    ...fields,
  };
}

describe("roll targets and defaults", () => {
  it("offers live series of the same collateral, the next maturity at the same strike first", () => {
    const targets = rollTargets(a, all, NOW);
    expect(targets.map((s) => s.id)).toEqual([lower.id, b.id]);
    expect(defaultTarget(a, targets)?.id).toBe(b.id);
  });
  it("prices the roll at the model's rate and puts the auction 2% either side", () => {
    const rate = fairRollRate(a, b, "P", { x: 2_500, sigma: 0.6, now: NOW });
    expect(rate).toBeGreaterThan(1); // P_A (less time value given up) is worth a little more than P_B
    expect(rate).toBeLessThan(1.02);
    const { start, floor } = defaultAuctionPrices(1.0404);
    expect(start).toBe("1.06121");
    expect(floor).toBe("1.01959");
    expect(significant(0.000012345678)).toBe("0.0000123457");
    expect(receivedAt(3n, WAD / 2n)).toBe(2n); // rounded up, as the market charges the taker
  });
});

describe("roll validation", () => {
  const base = { from: a, to: b, side: "P" as const, amount: WAD, held: 2n * WAD, now: NOW };
  it("accepts a roll within the holding", () => {
    expect(checkRoll(base)).toBeUndefined();
  });
  it("says what is wrong", () => {
    expect(checkRoll({ ...base, amount: 3n * WAD })).toBe(
      "You hold 2 P of this series: you can roll at most that.",
    );
    expect(checkRoll({ ...base, to: undefined })).toBe("Pick the series to roll into.");
    expect(checkRoll({ ...base, to: a })).toBe("Pick a different series to roll into.");
    expect(checkRoll({ ...base, to: other })).toContain("different collateral");
    expect(checkRoll({ ...base, to: matured })).toContain("roll into a later one");
    expect(checkRoll({ ...base, from: matured })).toContain("can no longer be rolled");
  });
  it("checks auction terms as the market does", () => {
    const terms = { startWad: parseEther("1.02"), floorWad: parseEther("0.98"), duration: 3_600n };
    expect(checkAuctionTerms(terms, WAD)).toBeUndefined();
    expect(checkAuctionTerms({ ...terms, floorWad: parseEther("1.1") }, WAD)).toContain("must not be above");
    expect(checkAuctionTerms({ ...terms, floorWad: terms.startWad }, WAD)).toContain("below the start");
    expect(parsePrice("", "1.5", "Start price")).toEqual({ ok: true, value: parseEther("1.5") });
    expect(parsePrice("abc", "1.5", "Floor price")).toMatchObject({ ok: false });
    expect(parseHours("6")).toBe(21_600n);
    expect(parseHours("0.5")).toBe(1_800n);
    expect(parseHours("0")).toBeUndefined();
    expect(parseHours("-1")).toBeUndefined();
    expect(parseSlippage("0.5")).toBe(50);
    expect(parseSlippage("150")).toBeUndefined();
  });
});

describe("the book", () => {
  it("takes the best live bid and ask per token against the collateral, auctions priced now", () => {
    const orders = [
      order({ id: 1n, priceWad: parseEther("0.45"), floorPriceWad: parseEther("0.45") }),
      order({
        id: 2n,
        priceWad: parseEther("0.5"),
        floorPriceWad: parseEther("0.4"),
        startTime: NOW - 50n,
        duration: 100n,
      }),
      order({ id: 3n, isBid: true, priceWad: parseEther("0.38") }),
      order({ id: 4n, isBid: true, priceWad: parseEther("0.39"), expiry: NOW - 1n }),
      order({ id: 5n, isBid: true, priceWad: parseEther("0.37") }),
      order({ id: 6n, token: a.pToken, counterToken: b.pToken }),
    ];
    const book = bestQuotes(orders, all, NOW).get(a.id);
    expect(book?.n).toEqual({ askWad: parseEther("0.45"), bidWad: parseEther("0.38") });
    expect(book?.p).toEqual({});
    expect(marketNPrice(book)).toBeCloseTo(0.415, 12);
    expect(marketNPrice({ p: { bidWad: parseEther("0.58"), askWad: parseEther("0.6") }, n: {} })).toBeCloseTo(
      0.41,
      12,
    );
    expect(marketNPrice({ p: {}, n: { bidWad: WAD / 2n } })).toBeUndefined();
    const rolls = rollOrders(orders, all);
    expect(rolls.map((r) => [r.order.id, r.from.series.id, r.to.series.id, r.to.side])).toEqual([
      [6n, a.id, b.id, "P"],
    ]);
  });
});

describe("replay.json", () => {
  it("reads the replay's time and ETH/USD, and other indices only when given", () => {
    const status = parseReplay({ timestamp: 1_580_515_200, ethUsd: "180120000000000000000" });
    expect(status).toEqual({ timestamp: 1_580_515_200, values: { USD: 180.12 }, stepSeconds: 0 });
    expect(replayDate(1_580_515_200)).toBe("2020-02-01");
    expect(
      parseReplay({
        timestamp: 1,
        ethUsd: "2000000000000000000000",
        values: { EUR: "1800000000000000000000" },
      })?.values,
    ).toEqual({ USD: 2_000, EUR: 1_800 });
  });
  it("gives a deadline 10 minutes, plus one jump while a replay runs", () => {
    const running = parseReplay({ timestamp: 1, ethUsd: "1", stepSeconds: 8_640 });
    expect(running?.stepSeconds).toBe(8_640);
    expect(deadlineSeconds(running)).toBe(9_240n);
    expect(deadlineSeconds(parseReplay({ timestamp: 1, ethUsd: "1", stepSeconds: 0 }))).toBe(600n);
    expect(deadlineSeconds(parseReplay({ timestamp: 1, ethUsd: "1", stepSeconds: 60 }))).toBe(660n);
    expect(parseReplay({ timestamp: 1, ethUsd: "1", stepSeconds: -5 })?.stepSeconds).toBe(0);
    expect(deadlineSeconds(null)).toBe(600n);
  });
  it("ignores what is not the replay's shape", () => {
    expect(parseReplay(null)).toBeUndefined();
    expect(parseReplay({ timestamp: "1", ethUsd: "1" })).toBeUndefined();
    expect(parseReplay({ timestamp: 1, ethUsd: 180.12 })).toBeUndefined();
    expect(parseReplay({ timestamp: 1, ethUsd: "0" })).toBeUndefined();
  });
});
