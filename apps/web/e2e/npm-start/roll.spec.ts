// The atomic roll through the RollRouter against the market maker bot's own quotes on `npm start`'s devnet, then
// the bot's book prices and the x they imply on the Markets page. The roller (a dev account no bot uses) holds P and
// N of `atomicFrom` from the global setup; it rolls P into `atomicTo` (same strike, a month later). Both series are
// the grid's middle strike, quoted by the bot all run long (its seeded inventory gives it asks from the start) and
// touched by no other test. The roll auction that the bot fills is in flows.spec.ts.
import { expect, type Page, test } from "@playwright/test";
import { orderPriceAt, type SeriesKey, seriesSymbol } from "@pn/core";
import {
  type ListedOrder,
  listOrders,
  planRoll,
  pnCoreAbi,
  pnMarketAbi,
  rollRouterAbi,
  toAbiKey,
} from "@pn/sdk";
import { type Address, getAddress, isAddressEqual, parseEther, parseEventLogs } from "viem";
import { formatAmount, formatNumber, wadToNumber } from "../../src/lib/format.ts";
import { impliedX } from "../../src/lib/quote.ts";
import { makeSeriesInfo } from "../../src/lib/series.ts";
import { screenshot, useDevAccount } from "../browser.ts";
import { devAccount, type E2eSeries, START_ACCOUNTS, seriesKey } from "../devnet.ts";
import { balances, chainClient, devnet, open } from "./helpers.ts";

const roller = devAccount(START_ACCOUNTS.roller).address;
const mm = devnet.bots.marketMaker;
const { market, router } = devnet;
const from = seriesKey(devnet.atomicFrom);
const to = seriesKey(devnet.atomicTo);
const ONE = parseEther("1");
/** What the UI plans with: its default slippage (1%) and the SDK's default validity (600 s of chain time). */
const SLIPPAGE_BPS = 100;
const VALID_SECONDS = 600n;

async function tokens(key: SeriesKey) {
  const [p, n] = await chainClient.readContract({
    address: devnet.core,
    abi: pnCoreAbi,
    functionName: "tokensOf",
    args: [toAbiKey(key)],
  });
  return { p, n };
}

async function chainTime(): Promise<bigint> {
  return (await chainClient.getBlock()).timestamp;
}

/** The market maker's open orders on `token` against ETH (the collateral), live at `now`. */
async function botQuotes(token: Address, now: bigint) {
  const orders = await listOrders(chainClient, { market, tokens: [token], maker: mm });
  const live = orders.filter(
    (o) =>
      o.open &&
      o.amount > 0n &&
      (o.expiry === 0n || o.expiry > now) &&
      isAddressEqual(o.counterToken, from.collateral),
  );
  return { bids: live.filter((o) => o.isBid), asks: live.filter((o) => !o.isBid) };
}

/** The bot's best bid and ask of `token` as the Markets page prints them ("bid 0.6081 / ask 0.6204"). */
async function botBook(token: Address, now: bigint) {
  const { bids, asks } = await botQuotes(token, now);
  const bid = bids.reduce<bigint | undefined>(
    (b, o) => (b === undefined || o.priceWad > b ? o.priceWad : b),
    undefined,
  );
  const ask = asks
    .map((o) => orderPriceAt(o, now))
    .reduce<bigint | undefined>((a, p) => (a === undefined || p < a ? p : a), undefined);
  const price = (wad: bigint | undefined) => (wad === undefined ? "—" : formatNumber(wadToNumber(wad), 4));
  return { bid, ask, text: `bid ${price(bid)} / ask ${price(ask)}` };
}

/** Every order on `tokens` ever posted (closed ones too), by id. */
async function ordersById(tokenList: Address[]): Promise<Map<bigint, ListedOrder>> {
  const all = await listOrders(chainClient, { market, tokens: tokenList, includeClosed: true });
  return new Map(all.map((o) => [o.id, o]));
}

/** Checks the Markets cell of `series`: the bot's P and N book and the x its N mid implies at the page's σ. */
async function expectBotBookOnMarkets(page: Page, series: E2eSeries) {
  const key = seriesKey(series);
  const { p, n } = await tokens(key);
  const info = makeSeriesInfo({ id: series.id, key, pToken: p, nToken: n, settlementWad: 0n });
  const cell = page.getByTestId(`cell-${series.id}`);
  const sigma = Number(await page.getByLabel("Volatility σ (%)").inputValue()) / 100;
  // The bot requotes after a fill (its inventory moved): compare with the chain until page and chain agree.
  await expect(async () => {
    const now = await chainTime();
    const [bookP, bookN] = await Promise.all([botBook(p, now), botBook(n, now)]);
    expect(bookN.bid, "the bot bids N").toBeDefined();
    expect(bookN.ask, "the bot asks N").toBeDefined();
    await expect(cell.getByTestId("book-P")).toHaveText(bookP.text, { timeout: 2_000 });
    await expect(cell.getByTestId("book-N")).toHaveText(bookN.text, { timeout: 2_000 });
    const mid = (wadToNumber(bookN.bid ?? 0n) + wadToNumber(bookN.ask ?? 0n)) / 2;
    const expected = impliedX(info, { nPriceEth: mid, sigma, now });
    expect(expected, "the bot's N mid implies an x").toBeDefined();
    const shown = Number(
      (await cell.getByTestId("implied-x").textContent())
        ?.match(/implied x ([\d,]+)/)?.[1]
        ?.replaceAll(",", ""),
    );
    expect(Math.abs(shown - (expected ?? 0)), `implied x ${shown} vs ${expected}`).toBeLessThanOrEqual(1);
  }).toPass({ timeout: 30_000 });
}

test("atomic roll through the router against the market maker bot's quotes, then its book and implied x on the markets", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  // Wait for the end of the replay: while it runs, chain time jumps 8 h every real second, past the roll's deadline
  // (600 s of chain time after its plan) at the next tick and past the bot's quotes (a day of chain time) within
  // 3 s. From then on chain time runs at the wall clock's pace, 13 days before A's maturity (the bot quotes A
  // until a day before it).
  await expect
    .poll(chainTime, {
      message: "the replay reaches the end of its window",
      timeout: 90_000,
      intervals: [500],
    })
    .toBeGreaterThanOrEqual(BigInt(devnet.replayTo));
  expect(await chainTime()).toBeLessThan(from.maturity - 86_400n);

  // The roll buys N of A from asks and sells N of B into bids: the bot quotes both, live past the roll's deadline.
  const nA = (await tokens(from)).n;
  const nB = (await tokens(to)).n;
  await expect
    .poll(
      async () => {
        const deadline = (await chainTime()) + VALID_SECONDS;
        const [a, b] = await Promise.all([botQuotes(nA, deadline), botQuotes(nB, deadline)]);
        return { asksOnA: a.asks.length > 0, bidsOnB: b.bids.length > 0 };
      },
      { message: "the market maker asks N of A and bids N of B", timeout: 60_000 },
    )
    .toEqual({ asksOnA: true, bidsOnB: true });

  const [pABefore] = await balances(roller, devnet.atomicFrom.id);
  const [pBBefore] = await balances(roller, devnet.atomicTo.id);
  expect(pABefore, "the global setup split 2 ETH of A for the roller").toBe(parseEther("2"));
  await open(page, `#/trade/${devnet.atomicFrom.id}/roll`);
  await useDevAccount(page, START_ACCOUNTS.roller);
  await page.getByTestId("roll-mode-atomic").click();
  await page.getByTestId("roll-to").selectOption(devnet.atomicTo.id);
  await page.getByTestId("amount-input").fill("1");
  await page.getByTestId("roll-slippage-input").fill("150");
  await expect(page.getByTestId("roll-error")).toContainText("between 0 and 100%");
  await page.getByTestId("roll-slippage-input").fill("1");
  await expect(page.getByTestId("roll-error")).toHaveCount(0);

  // The preview is the plan against the bot's book: what the asks cost, what the bids pay, the net.
  const preview = page.getByTestId("preview");
  await expect(async () => {
    const plan = await planRoll(chainClient, {
      market,
      core: devnet.core,
      from,
      to,
      side: "P",
      amountIn: ONE,
      slippageBps: SLIPPAGE_BPS,
      validForSeconds: VALID_SECONDS,
    });
    const book = await ordersById([nA, nB]);
    for (const id of [...plan.asks, ...plan.bids])
      expect(book.get(id)?.maker, `order #${id} in the plan is the bot's`).toBe(mm);
    await expect(page.getByTestId("roll-amount-out")).toHaveText(`1 ${seriesSymbol(to, "P")}`, {
      timeout: 2_000,
    });
    const net = plan.netCost >= 0n ? "Net cost" : "Net gain";
    const abs = plan.netCost >= 0n ? plan.netCost : -plan.netCost;
    await expect(page.getByTestId("roll-net")).toContainText(`${net} ${formatAmount(abs, 6)} ETH`, {
      timeout: 2_000,
    });
    await expect(preview).toContainText(
      `from ${plan.asks.length} ask${plan.asks.length === 1 ? "" : "s"} for ${formatAmount(plan.cost, 6)} ETH`,
      { timeout: 2_000 },
    );
    await expect(preview).toContainText(
      `into ${plan.bids.length} bid${plan.bids.length === 1 ? "" : "s"} for ${formatAmount(plan.proceeds, 6)} ETH`,
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 30_000 });
  await screenshot(page, testInfo, "roll-atomic-preview");

  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status").first()).toHaveAttribute("data-status", "confirmed", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("balance-p")).toHaveText(formatAmount(pABefore - ONE, 6));
  await screenshot(page, testInfo, "roll-atomic-done");

  // On chain: one P moved from A to B, through the router, against the bot's orders only.
  expect((await balances(roller, devnet.atomicFrom.id))[0]).toBe(pABefore - ONE);
  expect((await balances(roller, devnet.atomicTo.id))[0]).toBe(pBBefore + ONE);
  const rolled = await chainClient.getContractEvents({
    address: router,
    abi: rollRouterAbi,
    eventName: "Rolled",
    args: { caller: roller },
    fromBlock: 0n,
  });
  expect(rolled).toHaveLength(1);
  const [roll] = rolled;
  expect(roll?.args).toMatchObject({
    fromId: devnet.atomicFrom.id,
    toId: devnet.atomicTo.id,
    amountIn: ONE,
    amountOut: ONE,
    recipient: roller,
  });
  const receipt = await chainClient.getTransactionReceipt({ hash: roll?.transactionHash ?? "0x" });
  const fills = parseEventLogs({ abi: pnMarketAbi, logs: receipt.logs, eventName: "OrderFilled" }).filter(
    (log) => isAddressEqual(log.address, market),
  );
  const book = await ordersById([nA, nB]);
  const asks = fills.filter((f) => isOrder(book.get(f.args.orderId), nA, false));
  const bids = fills.filter((f) => isOrder(book.get(f.args.orderId), nB, true));
  expect(asks.length + bids.length, "every fill is an ask of N of A or a bid on N of B").toBe(fills.length);
  for (const fill of fills) {
    expect(book.get(fill.args.orderId)?.maker, `order #${fill.args.orderId} is the bot's`).toBe(mm);
    expect(fill.args.taker, "the router takes").toBe(getAddress(router));
  }
  const sum = (list: typeof fills, pick: (f: (typeof fills)[number]) => bigint) =>
    list.reduce((total, f) => total + pick(f), 0n);
  expect(
    sum(asks, (f) => f.args.amount),
    "N of A bought from the bot",
  ).toBe(ONE);
  expect(
    sum(bids, (f) => f.args.amount),
    "N of B sold to the bot",
  ).toBe(ONE);
  expect(
    sum(asks, (f) => f.args.counterAmount),
    "the asks' cost is what the roll spent",
  ).toBe(roll?.args.spent);
  expect(
    sum(bids, (f) => f.args.counterAmount),
    "the bids' pay is the roll's proceeds",
  ).toBe(roll?.args.proceeds);

  await page.getByRole("link", { name: "Markets" }).click();
  await expect(page.getByTestId("markets-ready")).toBeVisible();
  await expectBotBookOnMarkets(page, devnet.atomicFrom);
  await expectBotBookOnMarkets(page, devnet.atomicTo);
  await screenshot(page, testInfo, "markets-book");
});

function isOrder(order: ListedOrder | undefined, token: Address, isBid: boolean): boolean {
  return order !== undefined && isAddressEqual(order.token, token) && order.isBid === isBid;
}
