// Rolls in the browser: a roll auction posted in the UI and filled by a market maker (a dev account driven with
// viem, as the mm bot would), then an atomic roll through the router against resting orders, and the book's prices
// and implied x on the Markets page. Runs after app.spec.ts and pages.spec.ts (files run in name order), on the
// `far` series, which stays live throughout.
import { expect, test } from "@playwright/test";
import type { SeriesKey } from "@pn/core";
import {
  approve,
  fill,
  getOrder,
  pnCoreAbi,
  pnMarketAbi,
  postAsk,
  postBid,
  quoteFill,
  split,
  toAbiKey,
} from "@pn/sdk";
import { parseEther } from "viem";
import { formatAmount } from "../src/lib/format.ts";
import { devAccount, MAKER_ACCOUNT, ROLL_ACCOUNT, seriesKey } from "./devnet.ts";
import { balances, chainClient, devnet, open, screenshot, useDevAccount, wallet } from "./helpers.ts";

const far = seriesKey(devnet.far);
const later = seriesKey(devnet.later);
const market = devnet.market;
const roller = devAccount(ROLL_ACCOUNT).address;

async function tokens(key: SeriesKey) {
  const [p, n] = await chainClient.readContract({
    address: devnet.core,
    abi: pnCoreAbi,
    functionName: "tokensOf",
    args: [toAbiKey(key)],
  });
  return { p, n };
}

test("roll by auction: post it in the UI, a market maker fills it, the new position shows", async ({
  page,
}, testInfo) => {
  await open(page, `#/trade/${devnet.far.id}/roll`);
  await useDevAccount(page, ROLL_ACCOUNT);
  await expect(page.getByTestId("roll-form")).toBeVisible();
  await page.getByTestId("roll-to").selectOption(devnet.later.id);

  // Validation first: more than held, then a floor above the start.
  await page.getByTestId("amount-input").fill("5");
  await expect(page.getByTestId("amount-error")).toContainText("you can roll at most that");
  await expect(page.getByTestId("submit")).toBeDisabled();
  await page.getByTestId("amount-input").fill("2");
  await page.getByTestId("roll-floor-input").fill("9");
  await expect(page.getByTestId("roll-error")).toContainText("The floor must not be above the start price");
  await expect(page.getByTestId("submit")).toBeDisabled();
  await page.getByTestId("roll-floor-input").fill("");

  // Defaults from the model: start and floor 2% either side of the model's rate.
  await expect(page.getByTestId("preview")).toContainText("You escrow 2 P");
  await expect(page.getByTestId("payoff-chart")).toBeVisible();
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status").first()).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("roll-posted")).toContainText("order #");
  await screenshot(page, testInfo, "roll-auction-posted");

  // The maker: reads the order, splits ETH into B for the P_B it must deliver, approves and fills.
  const orderId = await chainClient.readContract({
    address: market,
    abi: pnMarketAbi,
    functionName: "orderCount",
  });
  const order = await getOrder(chainClient, { market, orderId });
  const pLater = await tokens(later);
  expect(order.maker).toBe(roller);
  expect(order.counterToken).toBe(pLater.p);
  const amount = parseEther("2");
  const cost = await quoteFill(chainClient, { market, orderId, amount });
  const maker = wallet(MAKER_ACCOUNT);
  for (const send of [
    () => split(maker, { core: devnet.core, key: later, amount: cost, native: true }),
    () => approve(maker, { token: pLater.p, spender: market, amount: cost }),
    () => fill(maker, { market, orderId, amount }),
  ]) {
    const receipt = await chainClient.waitForTransactionReceipt({ hash: await send() });
    expect(receipt.status).toBe("success");
  }
  const [pB] = await balances(roller, devnet.later.id);
  expect(pB > 0n && pB <= cost).toBe(true);

  await expect(page.getByTestId(`roll-order-${orderId}`).getByTestId("roll-order-status")).toHaveText(
    "filled",
  );
  await expect(page.getByTestId("balance-p")).toHaveText("1");
  await screenshot(page, testInfo, "roll-auction-filled");

  await page.getByRole("link", { name: "Portfolio" }).click();
  const row = page.getByTestId(`position-${devnet.later.id}`);
  await expect(row.getByTestId("position-p")).toHaveText(formatAmount(pB, 6));
  await expect(page.getByTestId(`position-${devnet.far.id}`).getByTestId("position-p")).toHaveText("1");
  await screenshot(page, testInfo, "roll-portfolio");
});

test("atomic roll through the router, then the book's prices and implied x on the markets", async ({
  page,
}, testInfo) => {
  // The maker rests an ask of N_far and bids on N_far and N_later (native ETH escrow).
  const maker = wallet(MAKER_ACCOUNT);
  const nFar = (await tokens(far)).n;
  const nLater = (await tokens(later)).n;
  const orders = [
    () => split(maker, { core: devnet.core, key: far, amount: parseEther("2"), native: true }),
    () => approve(maker, { token: nFar, spender: market, amount: parseEther("2") }),
    () =>
      postAsk(maker, {
        market,
        token: nFar,
        want: far.collateral,
        amount: parseEther("2"),
        curve: { kind: "flat", priceWad: parseEther("0.42") },
        expiry: far.maturity,
      }),
    () =>
      postBid(maker, {
        market,
        token: nFar,
        amount: parseEther("1"),
        priceWad: parseEther("0.40"),
        expiry: far.maturity,
        native: true,
      }),
    () =>
      postBid(maker, {
        market,
        token: nLater,
        amount: parseEther("2"),
        priceWad: parseEther("0.41"),
        expiry: later.maturity,
        native: true,
      }),
  ];
  for (const send of orders) {
    const hash = await send();
    expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  }

  const [pFarBefore] = await balances(roller, devnet.far.id);
  const [pLaterBefore] = await balances(roller, devnet.later.id);
  await open(page, `#/trade/${devnet.far.id}/roll`);
  await useDevAccount(page, ROLL_ACCOUNT);
  await page.getByTestId("roll-mode-atomic").click();
  await page.getByTestId("roll-to").selectOption(devnet.later.id);
  await page.getByTestId("amount-input").fill("1");
  // One N_far at 0.42 bought, one N_later sold at 0.41: the roll costs 0.01 ETH net.
  await expect(page.getByTestId("roll-net")).toContainText("Net cost 0.01 ETH");
  await expect(page.getByTestId("roll-amount-out")).toContainText("1 P");
  await page.getByTestId("roll-slippage-input").fill("150");
  await expect(page.getByTestId("roll-error")).toContainText("between 0 and 100%");
  await page.getByTestId("roll-slippage-input").fill("1");
  await screenshot(page, testInfo, "roll-atomic-preview");
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status").first()).toHaveAttribute("data-status", "confirmed");
  expect((await balances(roller, devnet.far.id))[0]).toBe(pFarBefore - parseEther("1"));
  expect((await balances(roller, devnet.later.id))[0]).toBe(pLaterBefore + parseEther("1"));
  await expect(page.getByTestId("balance-p")).toHaveText(formatAmount(pFarBefore - parseEther("1"), 6));
  await screenshot(page, testInfo, "roll-atomic-done");

  await page.getByRole("link", { name: "Markets" }).click();
  const cell = page.getByTestId(`cell-${devnet.far.id}`);
  await expect(cell.getByTestId("book-N")).toHaveText("bid 0.4000 / ask 0.4200");
  await expect(cell.getByTestId("implied-x")).toContainText("implied x");
  await expect(page.getByTestId(`cell-${devnet.later.id}`).getByTestId("book-N")).toContainText("bid 0.4100");
  await screenshot(page, testInfo, "markets-book");
});
