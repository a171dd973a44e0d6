// Maturity → the slow oracle settles → redeem, in the browser. A proposer answers "what was x at M?" with a bond
// (viem, as the oracle bot would); the answer is final once its 2-hour challenge window passes without a dispute;
// then the holder settles the series and redeems in the UI. Then a roll auction the market rejects, decoded.
// Runs last (files run in name order): it moves chain time past the near, mid and far maturities.
import { expect, test } from "@playwright/test";
import { slowOracleAbi } from "@pn/sdk";
import { parseEther } from "viem";
import { devAccount, ROLL_ACCOUNT, SLOW_ACCOUNT, seriesKey } from "./devnet.ts";
import {
  balances,
  chainClient,
  devnet,
  open,
  passTime,
  screenshot,
  testClient,
  useDevAccount,
  WAD,
  wallet,
} from "./helpers.ts";
import { SLOW_ORACLE_SETTINGS } from "./slowOracle.ts";

const mid = seriesKey(devnet.slowMid);

test("maturity → the slow oracle's answer becomes final → settle → redeem", async ({ page }, testInfo) => {
  await passTime(mid.maturity);
  const proposer = wallet(5);
  const hash = await proposer.writeContract({
    address: devnet.slowOracle,
    abi: slowOracleAbi,
    functionName: "propose",
    args: [mid.indexId, mid.maturity, 2_000n * WAD],
    value: SLOW_ORACLE_SETTINGS.bond,
  });
  expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe("success");

  await open(page, `#/trade/${devnet.slowMid.id}/redeem`);
  await useDevAccount(page, SLOW_ACCOUNT);
  await expect(page.getByTestId("series-phase")).toHaveText("matured · not settled");
  await expect(page.getByTestId("settle-waiting")).toContainText("Waiting for the oracle's final x");
  await screenshot(page, testInfo, "slow-oracle-pending");

  // Nobody disputes: past the challenge window the proposal is final.
  await testClient.increaseTime({ seconds: SLOW_ORACLE_SETTINGS.challengeWindow + 60 });
  await testClient.mine({ blocks: 1 });
  await expect(page.getByTestId("settle-step")).toContainText("x = 2,000");
  await page.getByTestId("settle").click();
  await expect(page.getByTestId("settlement")).toHaveText("2,000");

  // P pays min(1, 1500/2000) = 0.75 ETH, N pays 0.25 ETH.
  await page.getByTestId("p-amount-input").fill("1");
  await page.getByTestId("n-amount-input").fill("1");
  await expect(page.getByTestId("payout")).toHaveText("1 ETH");
  const holder = devAccount(SLOW_ACCOUNT).address;
  const before = await chainClient.getBalance({ address: holder });
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("tx-status")).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("balance-p")).toHaveText("0");
  await expect(page.getByTestId("balance-n")).toHaveText("0");
  expect(await balances(holder, devnet.slowMid.id)).toEqual([0n, 0n]);
  const gained = (await chainClient.getBalance({ address: holder })) - before;
  expect(gained > parseEther("0.99") && gained <= parseEther("1")).toBe(true);
  await screenshot(page, testInfo, "slow-oracle-redeemed");

  await page.goto(`${devnet.slowOracleWebUrl}#/oracle`);
  await expect(page.getByTestId("slow-questions")).toContainText("2,000");
  await screenshot(page, testInfo, "slow-oracle-final");
});

test("a roll auction the market rejects shows the decoded reason", async ({ page }, testInfo) => {
  // Chain time passes A's maturity without a new block: the page still sees A as live and lets the roll auction
  // through; the approval mines a block past it, and the market rejects an expiry (A's maturity) in the past.
  const far = seriesKey(devnet.far);
  await open(page, `#/trade/${devnet.far.id}/roll`);
  await useDevAccount(page, ROLL_ACCOUNT);
  await page.getByTestId("roll-side").selectOption("N");
  await page.getByTestId("roll-to").selectOption(devnet.later.id);
  await page.getByTestId("amount-input").fill("1");
  await expect(page.getByTestId("preview")).toContainText("You escrow 1 N");
  const { timestamp } = await chainClient.getBlock();
  await testClient.increaseTime({ seconds: Number(far.maturity - timestamp) + 60 });
  await page.getByTestId("submit").click();
  const status = page.getByTestId("tx-status").first();
  await expect(status).toHaveAttribute("data-status", "failed");
  await expect(status.getByTestId("tx-error-name")).toHaveText("InvalidExpiry");
  await expect(status.getByTestId("tx-error")).toContainText("The expiry is in the past.");
  await screenshot(page, testInfo, "roll-rejected");
});
