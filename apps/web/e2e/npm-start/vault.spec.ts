// The devnet's USD vault on the Vault page: its rules, and its first scheduled roll, started by the vault keeper and
// filled by the market maker while the replay runs (around 2020-02-14, some 40 s after the devnet is up).
import { expect, test } from "@playwright/test";
import { screenshot } from "../browser.ts";
import { devnet, fillOf, open } from "./helpers.ts";

test("vault page: the devnet's vault, its rules and a roll by its keeper filled by the market maker", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  await open(page, "#/vault");
  const card = page.getByTestId("vault-USD");
  await expect(card.getByTestId("vault-rules")).toContainText("50.00% of the reference price");
  await screenshot(page, testInfo, "vault");

  const roll = card.getByTestId("vault-history").getByText("Roll (scheduled)");
  await expect(roll).toBeVisible({ timeout: 120_000 });
  const orderId = BigInt((await roll.textContent())?.match(/order #(\d+)/)?.[1] ?? "0");
  await expect
    .poll(async () => (await fillOf(orderId))?.taker, {
      message: `the vault's roll auction #${orderId} filled by the market maker bot`,
      timeout: 60_000,
    })
    .toBe(devnet.bots.marketMaker);
  await expect(card.getByTestId("vault-history")).toContainText(`Auction #${orderId} closed`);
  await screenshot(page, testInfo, "vault-rolled");
});
