// End to end on anvil with the market-maker bot in process: it quotes P and N of two series around its Black-76
// model (x from the CSV replay at chain time); a holder posts a roll auction P_A → P_B which the bot fills once
// the auction's price crosses its limit (fair ratio minus the net-risk charge); then a roller moves a position
// from A to B atomically through the RollRouter, against the bot's resting quotes.

import { readFileSync, writeFileSync } from "node:fs";
import { costUp, fairValueEth, parseWad, WAD } from "@pn/core";
import {
  approve,
  cancel,
  createSeries,
  getOrder,
  getSeries,
  listOrders,
  planRoll,
  pnCoreAbi,
  pnMarketAbi,
  postAsk,
  rollAtomic,
  rollRouterAbi,
  waitForOrderId,
} from "@pn/sdk";
import { erc20Abi } from "viem";
import { getContractEvents, readContract, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MmSeries, pricingInput } from "../src/mm/model.ts";
import { tempDir } from "./helpers/keeper.ts";
import {
  bot,
  holder,
  inProcessMm,
  keyStarts,
  type MarketNet,
  roller,
  startMarketNet,
  T0,
  writeMmConfig,
} from "./mmHarness.ts";

let m: MarketNet;
let mm: Awaited<ReturnType<typeof inProcessMm>>;
const fmt = (wad: bigint) => (Number(wad) / 1e18).toFixed(6);

beforeAll(async () => {
  m = await startMarketNet();
  mm = await inProcessMm(writeMmConfig(m, tempDir("pn-mm-e2e-")));
});
afterAll(async () => {
  mm?.stop();
  await m?.net.stop();
});

const balance = (token: `0x${string}`, owner: `0x${string}`) =>
  readContract(m.net.publicClient, {
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });

/** The x the bot used on its last tick. */
const lastX = () => {
  const line = [...mm.lines].reverse().find((l) => l.msg === "model" && typeof l.xWad === "string");
  return BigInt(String(line?.xWad ?? "0"));
};

describe("market maker on anvil", () => {
  it("in a dry run, simulates and logs its quotes but sends and records nothing", async () => {
    const dry = await inProcessMm(writeMmConfig(m, tempDir("pn-mm-dry-")), { dryRun: true });
    const nonce = await m.net.publicClient.getTransactionCount({ address: bot.address });
    await dry.keeper.tick();
    dry.stop();
    expect(await m.net.publicClient.getTransactionCount({ address: bot.address })).toBe(nonce);
    const wouldSend = dry.lines.filter((l) => l.msg === "dry run: would send").map((l) => String(l.key));
    expect(wouldSend.filter((k) => k.startsWith("quote:")).every((k) => k.endsWith(":bid"))).toBe(true);
    expect(wouldSend.filter((k) => k.startsWith("quote:"))).toHaveLength(4); // the four bids (asks need approvals first)
    expect(wouldSend.filter((k) => k.startsWith("approve:"))).toHaveLength(4);
    expect(dry.lines.filter((l) => l.msg === "dry run: would post after the steps above")).toHaveLength(4);
    expect(dry.state.intents()).toEqual([]);
  });

  it("quotes a bid and an ask on P and N of both series around the model price", async () => {
    await mm.keeper.tick();
    const quotes = await listOrders(m.net.publicClient, { market: m.market, maker: bot.address });
    expect(quotes).toHaveLength(8);
    const x = lastX();
    expect(x > parseWad("3000") && x < parseWad("5000")).toBe(true); // ETH/USD around 2025-10-01
    const now = (await m.net.publicClient.getBlock()).timestamp;
    const rows: string[] = [];
    for (const [key, name] of [
      [m.keyA, "A"],
      [m.keyB, "B"],
    ] as const) {
      const series = { key, volatility: 0.7 } as MmSeries;
      for (const side of ["P", "N"] as const) {
        const token =
          side === "P"
            ? name === "A"
              ? m.tokens.pA
              : m.tokens.pB
            : name === "A"
              ? m.tokens.nA
              : m.tokens.nB;
        const fair = fairValueEth(side, pricingInput(series, x, now));
        const bid = quotes.find((q) => q.isBid && q.token === token);
        const ask = quotes.find((q) => !q.isBid && q.token === token);
        expect(bid && ask).toBeTruthy();
        const b = Number(bid?.priceWad) / 1e18;
        const a = Number(ask?.priceWad) / 1e18;
        expect(b).toBeLessThan(fair);
        expect(a).toBeGreaterThan(fair);
        expect((a - b) / ((a + b) / 2)).toBeCloseTo(0.02, 3); // 200 bps wide
        rows.push(`${side}_${name}: bid ${b.toFixed(6)}  fair ${fair.toFixed(6)}  ask ${a.toFixed(6)} ETH`);
      }
    }
    console.log(`x = ${fmt(x)}\n${rows.join("\n")}`);
    // A second tick at the same instant changes nothing.
    const before = await m.net.publicClient.getTransactionCount({ address: bot.address });
    await mm.keeper.tick();
    expect(await m.net.publicClient.getTransactionCount({ address: bot.address })).toBe(before);
  });

  it("fills a holder's roll auction P_A → P_B once its price crosses the bot's limit, not before", async () => {
    const h = m.client(holder);
    await m.net.confirm(await approve(h, { token: m.tokens.pA, spender: m.market, amount: 3n * WAD }));
    const hash = await postAsk(h, {
      market: m.market,
      token: m.tokens.pA,
      want: m.tokens.pB,
      amount: 3n * WAD,
      curve: {
        kind: "linear",
        startPriceWad: parseWad("1.15"),
        floorPriceWad: parseWad("0.9"),
        duration: 3_600n,
      },
    });
    const orderId = (await waitForOrderId(h, { hash })) ?? 0n;
    const pBBefore = await balance(m.tokens.pB, holder.address);
    const waiting = () =>
      [...mm.lines]
        .reverse()
        .find((l) => l.msg === "auction not taken yet" && l.orderId === orderId.toString());
    const price = async () =>
      (await getOrder(m.net.publicClient, { market: m.market, orderId })).currentPriceWad;
    // 1. At the start the auction is far above the bot's limit; the bot says when the curve will reach it.
    await mm.keeper.tick();
    const first = waiting();
    const limit = BigInt(String(first?.maxPriceWad));
    const crossesAt = BigInt(String(first?.crossesAt));
    const start = (await getOrder(m.net.publicClient, { market: m.market, orderId })).startTime;
    expect(await price()).toBeGreaterThan(limit);
    // 2. One second before that instant it still waits (and sends nothing).
    await m.net.testClient.setNextBlockTimestamp({ timestamp: crossesAt - 1n });
    await m.net.testClient.mine({ blocks: 1 });
    const nonce = await m.net.publicClient.getTransactionCount({ address: bot.address });
    await mm.keeper.tick();
    const before = await price();
    expect(before).toBeGreaterThan(limit);
    expect(await m.net.publicClient.getTransactionCount({ address: bot.address })).toBe(nonce);
    // 3. At that instant it fills.
    await m.net.testClient.setNextBlockTimestamp({ timestamp: crossesAt });
    await m.net.testClient.mine({ blocks: 1 });
    await mm.keeper.tick();
    expect((await getOrder(m.net.publicClient, { market: m.market, orderId })).open).toBe(false);
    const steps = [
      `auction 1.15 → 0.90 P_B per P_A over 1 h, posted at ${start}; bot limit ${fmt(limit)}, crossing at +${crossesAt - start} s`,
      `t = crossing − 1 s: price ${fmt(before)} > limit: waiting`,
    ];
    const crossed = mm.lines.find((l) => l.msg === "auction crossed the model's price: filling");
    expect(crossed).toBeDefined();
    const [filled] = await getContractEvents(m.net.publicClient, {
      address: m.market,
      abi: pnMarketAbi,
      eventName: "OrderFilled",
      args: { orderId },
      fromBlock: m.startBlock,
    });
    expect(filled?.args.taker).toBe(bot.address);
    const amount = filled?.args.amount ?? 0n;
    const paid = filled?.args.counterAmount ?? 0n;
    const priceWad = BigInt(String(crossed?.priceWad));
    expect(amount).toBe(3n * WAD);
    expect(paid).toBeLessThanOrEqual(costUp(amount, priceWad)); // the curve only falls before inclusion
    expect(priceWad).toBeLessThanOrEqual(BigInt(String(crossed?.maxPriceWad)));
    expect((await balance(m.tokens.pB, holder.address)) - pBBefore).toBe(paid);
    expect(await balance(m.tokens.pA, bot.address)).toBeGreaterThanOrEqual(3n * WAD);
    console.log(
      `${steps.join("\n")}\nfilled 3 P_A at ${fmt(priceWad)} P_B each (limit ${fmt(BigInt(String(crossed?.maxPriceWad)))}, fair ${fmt(BigInt(String(crossed?.fairPriceWad)))}): holder got ${fmt(paid)} P_B`,
    );
  });

  it("rolls a position atomically through the router against the bot's resting quotes", async () => {
    await mm.keeper.tick(); // refresh the quotes after the warps
    const r = m.client(roller);
    const plan = await planRoll(r, {
      market: m.market,
      core: m.core,
      from: m.keyA,
      to: m.keyB,
      side: "P",
      amountIn: WAD,
      slippageBps: 50,
      fromBlock: m.startBlock,
    });
    const [ask] = await listOrders(m.net.publicClient, {
      market: m.market,
      maker: bot.address,
      tokens: [m.tokens.nA],
    }).then((o) => o.filter((x) => !x.isBid));
    expect(plan.asks[0]).toBe(ask?.id);
    await m.net.confirm(await approve(r, { token: m.tokens.pA, spender: m.router, amount: WAD }));
    const { hash } = await rollAtomic(r, {
      ...plan,
      market: m.market,
      core: m.core,
      router: m.router,
      plan,
      slippageBps: 50,
      native: true,
      refundEth: true,
    });
    await m.net.confirm(hash);
    expect(await balance(m.tokens.pA, roller.address)).toBe(4n * WAD);
    expect(await balance(m.tokens.pB, roller.address)).toBe(WAD);
    const [rolled] = await getContractEvents(m.net.publicClient, {
      address: m.router,
      abi: rollRouterAbi,
      eventName: "Rolled",
      fromBlock: m.startBlock,
    });
    expect(rolled?.args.refund).toBe(plan.expectedRefund);
    const fills = await getContractEvents(m.net.publicClient, {
      address: m.market,
      abi: pnMarketAbi,
      eventName: "OrderFilled",
      args: { taker: m.router },
      fromBlock: m.startBlock,
      strict: true,
    });
    const ours = await listOrders(m.net.publicClient, {
      market: m.market,
      maker: bot.address,
      includeClosed: true,
      fromBlock: m.startBlock,
    });
    const ourIds = new Set(ours.map((o) => o.id));
    expect(fills).toHaveLength(2); // one ask of N_A, one bid of N_B
    expect(fills.every((f) => ourIds.has(f.args.orderId))).toBe(true);
    console.log(
      `atomic roll 1 P_A → 1 P_B: asks cost ${fmt(plan.cost)} ETH, bids paid ${fmt(plan.proceeds)} ETH, net ${fmt(plan.netCost)} ETH (buffer ${fmt(plan.collateralIn)}, refund ${fmt(plan.expectedRefund)})`,
    );
  });
  it("re-quotes (cancel + post) once the model moves beyond the threshold", async () => {
    const before = await listOrders(m.net.publicClient, { market: m.market, maker: bot.address });
    const xBefore = lastX();
    // Two hours on, the CSV's ETH/USD has moved ~0.6%: P and N move by more than the 50 bps threshold.
    await m.net.testClient.setNextBlockTimestamp({ timestamp: T0 + 7_260n });
    await m.net.testClient.mine({ blocks: 1 });
    const mark = mm.lines.length;
    await mm.keeper.tick();
    const x = lastX();
    const reasons = mm.lines
      .slice(mark)
      .filter((l) => l.msg === "requoting")
      .flatMap((l) => (l.replace as { reason: string }[]).map((r) => r.reason));
    expect(reasons).toContain("price moved");
    const cancelled = await getContractEvents(m.net.publicClient, {
      address: m.market,
      abi: pnMarketAbi,
      eventName: "OrderClosed",
      args: { caller: bot.address },
      fromBlock: m.startBlock,
      strict: true,
    });
    const cancelledIds = new Set(cancelled.filter((e) => e.args.cancelled).map((e) => e.args.orderId));
    const after = await listOrders(m.net.publicClient, { market: m.market, maker: bot.address });
    expect(after).toHaveLength(8);
    const replaced = before.filter((o) => !after.some((a) => a.id === o.id));
    expect(replaced.length).toBeGreaterThan(0);
    expect(replaced.every((o) => cancelledIds.has(o.id))).toBe(true);
    const now = (await m.net.publicClient.getBlock()).timestamp;
    for (const o of after) {
      const series = {
        key: [m.tokens.pA, m.tokens.nA].includes(o.token) ? m.keyA : m.keyB,
        volatility: 0.7,
      } as MmSeries;
      const side = [m.tokens.pA, m.tokens.pB].includes(o.token) ? "P" : "N";
      const fair = fairValueEth(side, pricingInput(series, x, now));
      if (o.isBid) expect(Number(o.priceWad) / 1e18).toBeLessThan(fair);
      else expect(Number(o.priceWad) / 1e18).toBeGreaterThan(fair);
    }
    console.log(
      `x ${fmt(xBefore)} → ${fmt(x)}: replaced ${replaced.length} of 8 quotes (${[...new Set(reasons)].join(", ")})`,
    );
  });

  it("seeds a series it holds nothing of (inventory.seedSplit) and asks from its first quote; a restart never splits again", async () => {
    // Series C, new: the bot holds neither side.
    const h = m.client(holder);
    const keyC = { ...m.keyA, maturity: T0 + 20n * 86_400n };
    await m.net.confirm((await createSeries(h, { core: m.core, key: keyC })).hash);
    const c = await getSeries(m.net.publicClient, { core: m.core, key: keyC });
    const config = writeMmConfig(m, tempDir("pn-mm-seed-"));
    const raw = JSON.parse(readFileSync(config, "utf8")) as { mm: Record<string, unknown> };
    raw.mm.series = [{ id: c.id }];
    raw.mm.inventory = { target: "5", limit: "10", skewBps: 100, seedSplit: "3" };
    writeFileSync(config, JSON.stringify(raw));
    const ordersOnC = async () =>
      (await listOrders(m.net.publicClient, { market: m.market, maker: bot.address })).filter((o) =>
        [c.pToken, c.nToken].includes(o.token),
      );
    const splits = async () =>
      getContractEvents(m.net.publicClient, {
        address: m.core,
        abi: pnCoreAbi,
        eventName: "Split",
        args: { id: c.id, caller: bot.address },
        fromBlock: m.startBlock,
        strict: true,
      });

    const first = await inProcessMm(config);
    await first.keeper.tick();
    first.stop();
    expect((await splits()).map((e) => e.args.amount)).toEqual([3n * WAD]);
    expect(first.state.intent(`split:seed:${c.id}`)).toMatchObject({ status: "confirmed", attempts: 1 });
    const quoted = await ordersOnC();
    // A bid and an ask on each side from the first tick: the asks sell the seeded tokens.
    expect(quoted.filter((o) => !o.isBid).map((o) => [o.token, o.amount])).toEqual(
      expect.arrayContaining([
        [c.pToken, 2n * WAD],
        [c.nToken, 2n * WAD],
      ]),
    );
    expect(quoted.filter((o) => o.isBid)).toHaveLength(2);

    // The bot gives everything of C away (its asks cancelled, its tokens sent): it holds neither side again.
    const b = m.client(bot);
    for (const o of quoted.filter((q) => !q.isBid))
      await m.net.confirm(await cancel(b, { market: m.market, orderId: o.id }));
    for (const token of [c.pToken, c.nToken]) {
      const held = await balance(token, bot.address);
      await m.net.confirm(
        await writeContract(m.net.wallet(bot), {
          address: token,
          abi: erc20Abi,
          functionName: "transfer",
          args: [holder.address, held],
        }),
      );
    }
    // Restarted on the same state file, it does not split again: it bids only.
    const second = await inProcessMm(config);
    await second.keeper.tick();
    second.stop();
    expect(second.lines.filter(keyStarts("intent recorded", "split:"))).toEqual([]);
    expect(await splits()).toHaveLength(1);
    const after = await ordersOnC();
    expect(after.filter((o) => !o.isBid)).toEqual([]);
    expect(after.filter((o) => o.isBid)).toHaveLength(2);
    console.log(
      `seeded C with 3 ETH → asks ${quoted
        .filter((o) => !o.isBid)
        .map((o) => fmt(o.priceWad))
        .join(", ")}; after giving it all away and restarting: ${after.length} bids, no split`,
    );
  });
});
