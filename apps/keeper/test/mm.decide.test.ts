// The market maker's decisions as pure functions: when to keep, replace or withdraw quotes, and when to fill,
// wait for or ignore an ask of someone else. Plus the mm config's validation messages.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  costUp,
  fairValueEth,
  indexIdFromTicker,
  type MakerRisk,
  orderPriceAt,
  parseWad,
  WAD,
} from "@pn/core";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/framework/config.ts";
import { ConfigError } from "../src/framework/errors.ts";
import { mmConfigSchema } from "../src/mm/config.ts";
import {
  decideFill,
  decideQuotes,
  decideSeed,
  type FillInput,
  type QuoteInput,
  type SeedInput,
} from "../src/mm/decide.ts";
import { discoverSkipReason } from "../src/mm/discover.ts";
import { tempDir } from "./helpers/keeper.ts";

const ONE = WAD;
const NOW = 1_759_276_800n;
const DAY = 86_400n;

const quoteInput = (over: Partial<QuoteInput> = {}): QuoteInput => ({
  now: NOW,
  maturity: NOW + 30n * DAY,
  fairEth: 0.4,
  spreadBps: 200,
  requoteThresholdBps: 50,
  refreshBelowFraction: 0.5,
  size: 2n * ONE,
  inventory: { position: 5n * ONE, target: 5n * ONE, limit: 10n * ONE, skewBps: 100 },
  ethAvailable: 100n * ONE,
  ttlSeconds: 3_600n,
  stopBeforeMaturitySeconds: DAY,
  minQuoteLifeSeconds: 60n,
  resting: {},
  ...over,
});

describe("decideQuotes", () => {
  it("posts both sides around fair when nothing rests, expiring after the TTL", () => {
    const plan = decideQuotes(quoteInput());
    expect(plan?.replace.map((r) => [r.side, r.reason, r.level?.priceWad])).toEqual([
      ["bid", "new", parseWad("0.396")],
      ["ask", "new", parseWad("0.404")],
    ]);
    expect(plan?.expiry).toBe(NOW + 3_600n);
  });

  it("keeps resting quotes within the threshold and replaces the side that moved beyond it", () => {
    const resting = {
      bid: { orderId: 1n, priceWad: parseWad("0.396"), amount: 2n * ONE, expiry: NOW + 3_000n, open: true },
      ask: { orderId: 2n, priceWad: parseWad("0.404"), amount: 2n * ONE, expiry: NOW + 3_000n, open: true },
    };
    expect(decideQuotes(quoteInput({ resting, fairEth: 0.4005 }))).toBeUndefined(); // 12.5 bps: keep
    const moved = decideQuotes(quoteInput({ resting, fairEth: 0.41 })); // 250 bps: both sides
    expect(moved?.replace.map((r) => [r.side, r.cancel, r.reason])).toEqual([
      ["bid", 1n, "price moved"],
      ["ask", 2n, "price moved"],
    ]);
  });

  it("replaces filled, expiring or mostly filled orders", () => {
    const bid = { orderId: 1n, priceWad: parseWad("0.396"), amount: 2n * ONE, expiry: NOW + 30n, open: true };
    const ask = { orderId: 2n, priceWad: parseWad("0.404"), amount: ONE / 2n, expiry: 0n, open: true };
    const plan = decideQuotes(quoteInput({ resting: { bid, ask } }));
    expect(plan?.replace.map((r) => r.reason)).toEqual(["filled, cancelled or expiring", "mostly filled"]);
    const gone = decideQuotes(quoteInput({ resting: { bid: { ...bid, open: false, expiry: 0n } } }));
    expect(gone?.replace[0]).toMatchObject({ side: "bid", reason: "filled, cancelled or expiring" });
    expect(gone?.replace[0]?.cancel).toBeUndefined(); // nothing to cancel
  });

  it("withdraws everything without a fresh x and near maturity", () => {
    const bid = { orderId: 1n, priceWad: parseWad("0.396"), amount: 2n * ONE, expiry: 0n, open: true };
    const stale = decideQuotes(quoteInput({ fairEth: undefined, resting: { bid } }));
    expect(stale?.replace).toEqual([{ side: "bid", cancel: 1n, reason: "withdraw" }]);
    const late = decideQuotes(quoteInput({ maturity: NOW + DAY, resting: { bid } }));
    expect(late?.replace[0]?.reason).toBe("withdraw");
    expect(decideQuotes(quoteInput({ fairEth: undefined }))).toBeUndefined();
  });

  it("posts no quote that would live less than minQuoteLifeSeconds before maturity − stopBeforeMaturity", () => {
    const end = NOW + 2n * DAY;
    const maturity = end + DAY;
    // 60 s of life left: none; 61 s: both sides, expiring at the end.
    expect(decideQuotes(quoteInput({ now: end - 60n, maturity }))).toBeUndefined();
    const last = decideQuotes(quoteInput({ now: end - 61n, maturity }));
    expect(last?.replace.map((r) => r.side)).toEqual(["bid", "ask"]);
    expect(last?.expiry).toBe(end);
    // A devnet replay jumping half a day a tick: no quote within half a day of the end.
    const replay = { minQuoteLifeSeconds: DAY / 2n, ttlSeconds: 2n * DAY, maturity };
    expect(decideQuotes(quoteInput({ ...replay, now: end - DAY / 2n }))).toBeUndefined();
    expect(decideQuotes(quoteInput({ ...replay, now: end - DAY }))?.expiry).toBe(end);
  });

  it("stops bidding at the band's edge and caps bids by the ETH available", () => {
    const full = decideQuotes(
      quoteInput({ inventory: { position: 15n * ONE, target: 5n * ONE, limit: 10n * ONE, skewBps: 100 } }),
    );
    expect(full?.replace.map((r) => r.side)).toEqual(["ask"]);
    const poor = decideQuotes(quoteInput({ ethAvailable: parseWad("0.396") }));
    expect(poor?.replace[0]?.level).toEqual({ priceWad: parseWad("0.396"), amount: ONE });
    const broke = decideQuotes(quoteInput({ ethAvailable: 0n }));
    expect(broke?.replace.map((r) => r.side)).toEqual(["ask"]);
  });
});

const risk: MakerRisk = { volEdge: 0.01, deltaHedgeBps: 5, gammaHorizonDays: 1, minFeeEth: 0.0005 };
const roll = {
  isBid: false,
  priceWad: parseWad("1.15"),
  floorPriceWad: parseWad("0.9"),
  startTime: NOW,
  duration: 3_600n,
  halfLife: 0n,
  expiry: 0n,
};
const fillInput = (over: Partial<FillInput> = {}): FillInput => ({
  now: NOW,
  order: roll,
  fillable: 3n * ONE,
  priceWad: roll.priceWad,
  x: 4_150,
  sigma: 0.7,
  from: { side: "P", strike: 2_000, tau: 3 / 365 },
  to: { side: "P", strike: 2_000, tau: 31 / 365 },
  risk,
  maxFill: 10n * ONE,
  roomIn: 20n * ONE,
  ethAvailable: 100n * ONE,
  maxRestSeconds: 1_000_000n,
  ...over,
});

describe("decideFill (roll auction P_A → P_B)", () => {
  it("waits while the auction is above the limit, resting until the curve reaches it", () => {
    const d = decideFill(fillInput());
    expect(d.kind).toBe("wait");
    if (d.kind !== "wait" || d.maxPriceWad === undefined) throw new Error("expected a wait with a limit");
    const crossing = NOW + d.restSeconds;
    expect(orderPriceAt(roll, crossing)).toBeLessThanOrEqual(d.maxPriceWad);
    expect(orderPriceAt(roll, crossing - 1n)).toBeGreaterThan(d.maxPriceWad);
    // The limit sits below the fair ratio of the two P's by the net-risk charge.
    const vA = fairValueEth("P", { x: 4_150, strike: 2_000, tau: 3 / 365, sigma: 0.7 });
    const vB = fairValueEth("P", { x: 4_150, strike: 2_000, tau: 31 / 365, sigma: 0.7 });
    expect(Number(d.maxPriceWad) / 1e18).toBeLessThan(vA / vB);
    expect(Number(d.maxPriceWad) / 1e18).toBeGreaterThan(vA / vB - 0.01);
  });

  it("fills once the price crossed, at most its cap and its inventory room", () => {
    // The limit depends on the size (the fee floor is per fill): judge both times at the same size.
    const waited = decideFill(fillInput({ roomIn: 2n * ONE }));
    if (waited.kind !== "wait") throw new Error("expected a wait");
    const t = NOW + waited.restSeconds;
    const price = orderPriceAt(roll, t);
    const d = decideFill(fillInput({ now: t, priceWad: price, roomIn: 2n * ONE }));
    expect(d).toMatchObject({
      kind: "fill",
      amount: 2n * ONE,
      priceWad: price,
      cost: costUp(2n * ONE, price),
    });
  });

  it("rests at most maxRestSeconds; waits when the floor never crosses or nothing is fillable", () => {
    expect(decideFill(fillInput({ maxRestSeconds: 5n }))).toMatchObject({ kind: "wait", restSeconds: 5n });
    const high = { ...roll, floorPriceWad: parseWad("1.1") };
    expect(decideFill(fillInput({ order: high }))).toMatchObject({
      kind: "wait",
      reason: "its floor is above the model's limit",
    });
    expect(decideFill(fillInput({ fillable: 0n }))).toMatchObject({
      kind: "wait",
      reason: "nothing fillable",
    });
    expect(decideFill(fillInput({ roomIn: 0n }))).toMatchObject({
      kind: "wait",
      reason: "inventory band or ETH exhausted",
    });
  });

  it("an ask for collateral is sized by the ETH available and judged against V_from", () => {
    const vN = fairValueEth("N", { x: 4_150, strike: 4_000, tau: 30 / 365, sigma: 0.7 });
    const cheap = BigInt(Math.floor(vN * 0.9 * 1e9)) * 10n ** 9n;
    const { to: _unused, ...purchase } = fillInput({
      order: { ...roll, priceWad: cheap, floorPriceWad: cheap, duration: 0n },
      priceWad: cheap,
      from: { side: "N", strike: 4_000, tau: 30 / 365 },
      fillable: 100n * ONE,
      maxFill: 100n * ONE,
      ethAvailable: ONE,
    });
    const d = decideFill(purchase);
    expect(d.kind).toBe("fill");
    if (d.kind !== "fill") return;
    expect(d.cost).toBeLessThanOrEqual(ONE);
    expect(d.amount).toBe((ONE * WAD) / cheap);
    const dear = BigInt(Math.ceil(vN * 1e9)) * 10n ** 9n;
    expect(
      decideFill({
        ...purchase,
        priceWad: dear,
        order: { ...purchase.order, priceWad: dear, floorPriceWad: dear },
      }).kind,
    ).toBe("wait");
  });
});

describe("decideSeed (inventory.seedSplit)", () => {
  const seed = (over: Partial<SeedInput> = {}): SeedInput => ({
    seedSplit: 3n * ONE,
    seedIntent: "none",
    positions: { P: 0n, N: 0n },
    eth: 10n * ONE,
    ethReserve: ONE,
    ...over,
  });
  it("splits once into a series it holds neither side of, never into the ETH reserve", () => {
    expect(decideSeed(seed())).toEqual({ kind: "seed", amount: 3n * ONE });
    expect(decideSeed(seed({ eth: 4n * ONE }))).toEqual({ kind: "seed", amount: 3n * ONE });
    expect(decideSeed(seed({ eth: 4n * ONE - 1n }))).toEqual({
      kind: "skip",
      reason: "eth below seedSplit + ethReserve",
    });
    expect(decideSeed(seed({ seedIntent: "failed" }))).toEqual({ kind: "seed", amount: 3n * ONE });
  });
  it("never again once seeded, whatever it holds; not when it holds either side; off without seedSplit", () => {
    expect(decideSeed(seed({ seedIntent: "confirmed" }))).toEqual({ kind: "skip", reason: "seeded" });
    expect(decideSeed(seed({ seedIntent: "in-flight", positions: { P: ONE, N: 0n } }))).toEqual({
      kind: "resume",
    });
    expect(decideSeed(seed({ positions: { P: 0n, N: 1n } }))).toEqual({
      kind: "skip",
      reason: "holds tokens",
    });
    expect(decideSeed(seed({ seedSplit: undefined }))).toEqual({ kind: "skip", reason: "off" });
    expect(decideSeed(seed({ seedSplit: 0n }))).toEqual({ kind: "skip", reason: "off" });
  });
});

describe("discoverSkipReason (series found after start)", () => {
  const weth = "0x00000000000000000000000000000000000000a1";
  const oracle = "0x00000000000000000000000000000000000000b2";
  const USD = indexIdFromTicker("USD");
  const key = (
    over: { collateral?: `0x${string}`; oracle?: `0x${string}`; indexId?: `0x${string}` } = {},
  ) => ({
    collateral: weth as `0x${string}`,
    oracle: oracle as `0x${string}`,
    indexId: USD,
    ...over,
  });
  it("takes a WETH series on a configured index (and oracle, when set); the addresses' case does not matter", () => {
    expect(discoverSkipReason(key(), { weth, indices: [USD] })).toBeUndefined();
    expect(
      discoverSkipReason(key({ oracle: oracle.toUpperCase().replace("0X", "0x") as `0x${string}` }), {
        weth,
        indices: [indexIdFromTicker("EUR"), USD],
        oracle,
      }),
    ).toBeUndefined();
  });
  it("leaves alone a series on another index, another collateral or another oracle, saying why", () => {
    expect(discoverSkipReason(key({ indexId: indexIdFromTicker("EUR") }), { weth, indices: [USD] })).toMatch(
      /index EUR is not one of discover.indices/,
    );
    expect(
      discoverSkipReason(key({ indexId: indexIdFromTicker("CPI-U") }), { weth, indices: [USD] }),
    ).toMatch(/index CPI-U/);
    expect(discoverSkipReason(key(), { weth, indices: [] })).toMatch(/index USD/);
    expect(
      discoverSkipReason(key({ collateral: "0x00000000000000000000000000000000000000c3" }), {
        weth,
        indices: [USD],
      }),
    ).toBe("its collateral is not the core's WETH");
    expect(
      discoverSkipReason(key(), {
        weth,
        indices: [USD],
        oracle: "0x00000000000000000000000000000000000000d4",
      }),
    ).toBe("its oracle is not discover.oracle");
  });
});

describe("mm config", () => {
  it("lists every problem with its path", () => {
    const dir = tempDir("pn-mm-config-");
    const file = join(dir, "mm.json");
    writeFileSync(
      file,
      JSON.stringify({
        rpcUrl: "http://127.0.0.1:8545",
        stateFile: "./state.json",
        mm: {
          core: "0x1",
          market: "0x0000000000000000000000000000000000000001",
          sources: [{ type: "csv", name: "a", file: "a.csv" }],
          minSources: 2,
          volatility: -1,
          quoteSize: "1e18",
          inventory: { limit: "10" },
          series: [{ id: "0x12" }],
          spreadBps: 0,
        },
      }),
    );
    const error = (() => {
      try {
        loadConfig(file, mmConfigSchema, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      "mm.core",
      "mm.minSources",
      "mm.quoteSize",
      "mm.series.0.id",
      "mm.spreadBps",
      "mm.volatility",
    ]);
  });

  it("discover needs the indices its sources measure; tickers and index ids are both accepted", () => {
    const write = (discover: unknown) => {
      const file = join(tempDir("pn-mm-discover-"), "mm.json");
      writeFileSync(
        file,
        JSON.stringify({
          rpcUrl: "http://127.0.0.1:8545",
          stateFile: "state.json",
          mm: {
            core: "0x0000000000000000000000000000000000000001",
            market: "0x0000000000000000000000000000000000000002",
            sources: [{ type: "csv", name: "a", file: "a.csv" }],
            volatility: 0.7,
            quoteSize: "1",
            inventory: { limit: "10" },
            discover,
          },
        }),
      );
      return file;
    };
    const issues = (discover: unknown) => {
      try {
        loadConfig(write(discover), mmConfigSchema, {});
        return [];
      } catch (e) {
        return (e as ConfigError).issues.map((i) => `${i.path}: ${i.problem}`);
      }
    };
    expect(issues({ enabled: true })).toEqual([
      expect.stringMatching(/^mm\.discover\.indices: must list the indices the price sources measure/),
    ]);
    expect(issues({ enabled: true, indices: ["USD", "0x12", "two words"] })).toEqual([
      expect.stringMatching(/^mm\.discover\.indices\.1: must be an index ticker/),
      expect.stringMatching(/^mm\.discover\.indices\.2: must be an index ticker/),
    ]);
    const eurId = indexIdFromTicker("EUR");
    const loaded = loadConfig(
      write({ enabled: true, indices: ["USD", eurId.toUpperCase().replace("0X", "0x")] }),
      mmConfigSchema,
      {},
    );
    expect(loaded.config.mm.discover.indices).toEqual([indexIdFromTicker("USD"), eurId]);
  });

  it("inventory.seedSplit is an ETH amount, off by default", () => {
    const example = new URL("../examples/mm.replay.json", import.meta.url).pathname;
    expect(loadConfig(example, mmConfigSchema, {}).config.mm.inventory.seedSplit).toBeUndefined();
    const raw = JSON.parse(readFileSync(example, "utf8")) as { mm: { inventory: Record<string, unknown> } };
    const file = (seedSplit: unknown) => {
      const f = join(tempDir("pn-mm-seed-"), "mm.json");
      writeFileSync(
        f,
        JSON.stringify({ ...raw, mm: { ...raw.mm, inventory: { ...raw.mm.inventory, seedSplit } } }),
      );
      return f;
    };
    expect(loadConfig(file("2.5"), mmConfigSchema, {}).config.mm.inventory.seedSplit).toBe(parseWad("2.5"));
    expect(() => loadConfig(file(2.5), mmConfigSchema, {})).toThrow(
      /inventory\.seedSplit: must be an ETH amount/,
    );
  });

  it("the example config is valid", () => {
    const loaded = loadConfig(
      new URL("../examples/mm.replay.json", import.meta.url).pathname,
      mmConfigSchema,
      {},
    );
    expect(loaded.config.mm.series.length).toBeGreaterThan(0);
    expect(loaded.config.mm.fills.enabled).toBe(true);
  });
});
