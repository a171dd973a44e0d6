// The four flows of the issue, through the UI in chromium, against `npm start`'s devnet and its real bots:
// split → balances shown; a roll auction posted in the UI → the market maker bot fills it; a bad input → its
// message and nothing sent; maturity → the oracle bot proposes, finalizes and settles → the holder redeems. Tests run
// in file order: the split makes the position the roll auction rolls. The atomic roll through the router against the
// market maker's quotes is in roll.spec.ts.
import { expect, test } from "@playwright/test";
import { pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import { type Address, parseEther } from "viem";
import { formatAmount } from "../../src/lib/format.ts";
import { screenshot, useDevAccount, WAD } from "../browser.ts";
import { devAccount, START_ACCOUNTS } from "../devnet.ts";
import { balances, chainClient, devnet, fillOf, near, open } from "./helpers.ts";

const trader = devAccount(START_ACCOUNTS.trader).address;
const sameAddress = (a: Address | undefined, b: Address) => a?.toLowerCase() === b.toLowerCase();

test("split: ETH into P and N, and the balances show", async ({ page }, testInfo) => {
  await open(page, `#/trade/${devnet.rollFrom.id}/split`);
  await useDevAccount(page, START_ACCOUNTS.trader);
  await page.getByTestId("amount-input").fill("2");
  await expect(page.getByTestId("preview")).toContainText("You pay 2 ETH");
  await expect(page.getByTestId("payoff-chart")).toBeVisible();
  await screenshot(page, testInfo, "split-preview");
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status")).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("balance-p")).toHaveText("2");
  await expect(page.getByTestId("balance-n")).toHaveText("2");
  expect(await balances(trader, devnet.rollFrom.id)).toEqual([2n * WAD, 2n * WAD]);
  await screenshot(page, testInfo, "split");

  await page.getByRole("link", { name: "Portfolio" }).click();
  const row = page.getByTestId(`position-${devnet.rollFrom.id}`);
  await expect(row.getByTestId("position-p")).toHaveText("2");
  await expect(row.getByTestId("position-n")).toHaveText("2");
  await screenshot(page, testInfo, "portfolio");
});

test("roll by auction: posted in the UI, filled by the market maker bot", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await open(page, `#/trade/${devnet.rollFrom.id}/roll`);
  await useDevAccount(page, START_ACCOUNTS.trader);
  await expect(page.getByTestId("roll-form")).toBeVisible();
  await page.getByTestId("roll-to").selectOption(devnet.rollTo.id);
  await page.getByTestId("amount-input").fill("2");
  await expect(page.getByTestId("preview")).toContainText("You escrow 2 P");
  // A Dutch auction from the model's rate + 2% down to 80% of it over 36 s: the bot fills it once the rate
  // crosses its own price net of its risk charge.
  const start = Number(await page.getByTestId("roll-start-input").getAttribute("placeholder"));
  expect(start).toBeGreaterThan(0);
  await page.getByTestId("roll-floor-input").fill((start * 0.8).toFixed(4));
  await page.getByTestId("roll-hours-input").fill("0.01");
  await expect(page.getByTestId("roll-error")).toHaveCount(0);
  await screenshot(page, testInfo, "roll-auction-preview");
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status").first()).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("roll-posted")).toContainText("order #");
  const orderId = BigInt((await page.getByTestId("roll-posted").textContent())?.match(/#(\d+)/)?.[1] ?? "0");
  await screenshot(page, testInfo, "roll-auction-posted");

  await expect(page.getByTestId(`roll-order-${orderId}`).getByTestId("roll-order-status")).toHaveText(
    "filled",
    {
      timeout: 90_000,
    },
  );
  const filled = await fillOf(orderId);
  expect(sameAddress(filled?.taker, devnet.bots.marketMaker), "filled by the market maker bot").toBe(true);
  const [pB] = await balances(trader, devnet.rollTo.id);
  expect(pB).toBe(filled?.counterAmount);
  await expect(page.getByTestId("balance-p")).toHaveText("0");
  await screenshot(page, testInfo, "roll-auction-filled");

  await page.getByRole("link", { name: "Portfolio" }).click();
  await expect(page.getByTestId(`position-${devnet.rollTo.id}`).getByTestId("position-p")).toHaveText(
    formatAmount(pB, 6),
  );
  await screenshot(page, testInfo, "roll-portfolio");
});

test("bad input: the form says what is wrong and sends nothing", async ({ page }, testInfo) => {
  const account = devAccount(START_ACCOUNTS.wallet).address;
  const nonce = await chainClient.getTransactionCount({ address: account });
  await open(page, `#/trade/${devnet.rollFrom.id}/split`);
  await useDevAccount(page, START_ACCOUNTS.wallet);
  const input = page.getByTestId("amount-input");
  const error = page.getByTestId("amount-error");
  const submit = page.getByTestId("submit");

  await input.fill("1.2.3");
  await expect(error).toContainText('"1.2.3" is not an amount');
  await expect(submit).toBeDisabled();
  await input.fill("0");
  await expect(error).toHaveText("The amount must be more than zero.");
  await input.fill("0.1234567890123456789");
  await expect(error).toHaveText("Use at most 18 decimal places.");
  await input.fill("1000000");
  await expect(error).toContainText("That is more than your ETH balance");
  await expect(submit).toBeDisabled();
  await input.press("Enter");
  await screenshot(page, testInfo, "bad-input");

  await page.getByRole("link", { name: "Merge" }).click();
  await page.getByTestId("amount-input").fill("1");
  await expect(page.getByTestId("amount-error")).toContainText("you can merge at most 0 pairs");
  await expect(page.getByTestId("submit")).toBeDisabled();
  await expect(page.getByTestId("tx-status")).toHaveCount(0);
  expect(await chainClient.getTransactionCount({ address: account })).toBe(nonce);
});

test("maturity → the oracle bot's answer is final and settles the series → redeem", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  // The global setup split 1 ETH of the near series for this account; the replay carries it past maturity and the
  // oracle bot proposes x, finalizes it after the challenge window and settles the series.
  const holder = devAccount(START_ACCOUNTS.redeemer).address;
  await open(page, `#/trade/${devnet.near.id}/redeem`);
  await useDevAccount(page, START_ACCOUNTS.redeemer);
  await expect(page.getByTestId("series-phase")).toContainText("settled · x = ", { timeout: 120_000 });
  await screenshot(page, testInfo, "settled");

  const [proposed] = await chainClient.getContractEvents({
    address: devnet.slowOracle,
    abi: slowOracleAbi,
    eventName: "Proposed",
    args: { indexId: near.indexId, timestamp: near.maturity },
    fromBlock: 0n,
  });
  expect(sameAddress(proposed?.args.proposer, devnet.bots.oracle), "proposed by the oracle bot").toBe(true);
  const [settled] = await chainClient.getContractEvents({
    address: devnet.core,
    abi: pnCoreAbi,
    eventName: "Settle",
    args: { id: devnet.near.id },
    fromBlock: 0n,
  });
  expect(sameAddress(settled?.args.caller, devnet.bots.oracle), "settled by the oracle bot").toBe(true);
  expect(settled?.args.xWad).toBe(proposed?.args.valueWad);

  await expect(page.getByTestId("balance-p")).toHaveText("1");
  await page.getByTestId("p-amount-input").fill("1");
  await page.getByTestId("n-amount-input").fill("1");
  // One P and one N pay 1 ETH together whatever x is, less a wei when both payouts round down.
  await expect(page.getByTestId("payout")).toHaveText(/^(1|0\.999999999999999999) ETH$/);
  const before = await chainClient.getBalance({ address: holder });
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status")).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("balance-p")).toHaveText("0");
  await expect(page.getByTestId("balance-n")).toHaveText("0");
  expect(await balances(holder, devnet.near.id)).toEqual([0n, 0n]);
  const gained = (await chainClient.getBalance({ address: holder })) - before;
  expect(gained > parseEther("0.99") && gained <= parseEther("1")).toBe(true);
  await screenshot(page, testInfo, "redeemed");

  await page.getByRole("link", { name: "Oracle" }).click();
  await expect(page.getByTestId("slow-questions")).toContainText("Finalized");
  await screenshot(page, testInfo, "oracle");
});
