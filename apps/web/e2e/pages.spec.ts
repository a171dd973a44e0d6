// x now from the devnet replay (/replay.json beside the deployment file), the Backtest page's charts
// (public/backtest.json, loaded on demand), and the Vault page: without vaults, and with a PNVault (see vault.ts):
// its rules, a deposit, a withdrawal and a keeper's roll in its history.
import { rmSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { pnVaultAbi } from "@pn/sdk";
import { chainClient, devnet, open, screenshot, useDevAccount, WAD, wallet } from "./helpers.ts";

/** Deposits into and withdraws from the vault. */
const VAULT_ACCOUNT = 3;

test("replay: x now and the replay date come from /replay.json, and the app falls back without it", async ({
  page,
}, testInfo) => {
  const { timestamp } = await chainClient.getBlock();
  const date = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
  writeFileSync(
    devnet.replayPath,
    JSON.stringify({ timestamp: Number(timestamp), ethUsd: "2345670000000000000000" }),
  );
  try {
    await open(page, "#/markets");
    await expect(page.getByTestId("replay-badge")).toHaveText(`Replay ${date} · ETH/USD 2,345.67`);
    await expect(page.getByTestId("x-now-USD-value")).toHaveValue("2,345.67");
    await expect(page.getByTestId("x-now-USD")).toContainText(`replay ${date}`);
    await expect(page.locator('[data-testid^="grid-USD"]').first()).toContainText("x = 2,345.67");
    await screenshot(page, testInfo, "markets-replay");
  } finally {
    rmSync(devnet.replayPath, { force: true });
  }
  await page.reload();
  await expect(page.getByTestId("markets-ready")).toBeVisible();
  await expect(page.getByTestId("replay-badge")).toHaveCount(0);
  await expect(page.getByTestId("x-now-USD")).toContainText("assumed");
});

test("backtest: the simulator's value, cost and crash charts render", async ({ page }, testInfo) => {
  await open(page, "#/backtest");
  await expect(page.getByTestId("backtest-ready")).toBeVisible();
  for (const chart of ["chart-value", "chart-x", "chart-crash-2020-03-12"]) {
    const path = page.getByTestId(chart).locator("svg path").first();
    await expect(path).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);
  }
  await expect(page.getByTestId("chart-costs").locator(".cost-row")).toHaveCount(6);
  await expect(page.getByTestId("chart-crash-2020-03-12")).toContainText("CDP Maker");
  const box = await page.getByTestId("chart-value").locator("svg").boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(400);
  await page.getByTestId("chart-value").locator("svg").hover();
  await expect(page.getByTestId("chart-value")).toContainText("UTC");
  await screenshot(page, testInfo, "backtest");
  await page.getByRole("button", { name: "2021-05-19" }).click();
  await expect(page.getByTestId("chart-crash-2021-05-19").locator("svg path").first()).toBeVisible();
});

test("vault page: a deployment without vaults says so", async ({ page }) => {
  await open(page, "#/vault");
  await expect(page.getByTestId("no-vault")).toHaveText("No vault on this deployment.");
});

test("vault page: rules, deposit, withdraw and a roll in its history", async ({ page }, testInfo) => {
  const vault = devnet.vault;
  await page.goto(`${devnet.slowOracleWebUrl}#/vault`);
  await useDevAccount(page, VAULT_ACCOUNT);
  const card = page.getByTestId("vault-pnUSD");
  await expect(card.getByTestId("vault-rules")).toContainText("50.00% of the reference price");
  await expect(card.getByTestId("vault-phase")).toHaveText("Holding");

  const deposit = card.getByTestId("vault-deposit-form");
  await deposit.getByTestId("vault-deposit-input").fill("1");
  await expect(deposit).toContainText("You get 1 N of the current series and 1 pnUSD");
  await deposit.getByRole("button", { name: "Deposit" }).click();
  await expect(deposit.getByTestId("tx-status")).toHaveAttribute("data-status", "confirmed");

  const withdraw = card.getByTestId("vault-withdraw-form");
  await expect(withdraw).toContainText("You hold 1 pnUSD");
  await withdraw.getByTestId("vault-withdraw-input").fill("0.4");
  await withdraw.getByRole("button", { name: "Withdraw" }).click();
  await expect(withdraw.getByTestId("tx-status")).toHaveAttribute("data-status", "confirmed");
  await expect(withdraw).toContainText("You hold 0.6 pnUSD");

  // A keeper's signal roll: x hinted below 1.5·S starts a roll auction into a lower strike.
  const keeper = wallet(0);
  const hash = await keeper.writeContract({
    address: vault,
    abi: pnVaultAbi,
    functionName: "triggerRoll",
    args: [1_000n * WAD, 0n],
  });
  expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  await expect(card.getByTestId("vault-phase")).toHaveText("Rolling");
  await expect(card.getByTestId("vault-history")).toContainText("Roll (signal)");
  await expect(deposit).toContainText("Deposits are closed while the vault is rolling");
  await screenshot(page, testInfo, "vault");
});
