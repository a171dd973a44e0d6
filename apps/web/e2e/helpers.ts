// Helpers of the browser tests: the devnet's clients, opening pages, picking a dev account, screenshots, time
// travel and the load measurement.
import { type Browser, expect, type Page, type TestInfo } from "@playwright/test";
import { pnCoreAbi } from "@pn/sdk";
import { createPublicClient, createTestClient, createWalletClient, http, publicActions } from "viem";
import { devAccount, devChain, readE2eDevnet, seriesKey } from "./devnet.ts";

export const devnet = readE2eDevnet();
export const chain = devChain(devnet.chainId, devnet.rpcUrl);
export const transport = http(devnet.rpcUrl);
export const chainClient = createPublicClient({ chain, transport, pollingInterval: 50 });
export const testClient = createTestClient({ chain, transport, mode: "anvil" });
export const near = seriesKey(devnet.near);
export const WAD = 10n ** 18n;

export function open(page: Page, hash: string) {
  return page.goto(`${devnet.webUrl}${hash}`);
}

export async function useDevAccount(page: Page, index: number) {
  await page.getByLabel("Devnet account").selectOption(String(index));
  await expect(page.getByTestId("wallet-address")).toHaveAttribute("title", devAccount(index).address);
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

export function balances(owner: `0x${string}`, id: `0x${string}`) {
  return chainClient.readContract({
    address: devnet.core,
    abi: pnCoreAbi,
    functionName: "balancesOf",
    args: [id, owner],
  });
}

/** A dev account's wallet on the devnet, able to read and simulate too (an @pn/sdk write client). */
export function wallet(index: number) {
  return createWalletClient({ account: devAccount(index), chain, transport, pollingInterval: 50 }).extend(
    publicActions,
  );
}

/** Moves chain time to `timestamp` plus a minute (no-op if it is already past) and mines a block. */
export async function passTime(timestamp: bigint) {
  const { timestamp: now } = await chainClient.getBlock();
  if (now <= timestamp) await testClient.increaseTime({ seconds: Number(timestamp - now) + 60 });
  await testClient.mine({ blocks: 1 });
}

/** Moves chain time to just past the near maturity (no-op if it is already past), optionally mining a block. */
export async function passNearMaturity({ mine }: { mine: boolean }) {
  const { timestamp } = await chainClient.getBlock();
  if (timestamp <= near.maturity)
    await testClient.increaseTime({ seconds: Number(near.maturity - timestamp) + 60 });
  if (mine) await testClient.mine({ blocks: 1 });
}

export type LoadMetrics = {
  interactiveMs: number;
  firstContentfulPaintMs: number;
  domContentLoadedMs: number;
  scriptTransferBytes: number;
};

/** One cold load (fresh context: empty cache and storage) of the markets page, read from the Performance API. */
export async function coldLoad(
  browser: Browser,
): Promise<{ metrics: LoadMetrics; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await open(page, "#/markets");
  await expect(page.getByTestId("markets-ready")).toBeVisible();
  const metrics = await page.evaluate((): LoadMetrics => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const domContentLoadedMs =
      navigation instanceof PerformanceNavigationTiming ? navigation.domContentLoadedEventEnd : Number.NaN;
    const scripts = performance
      .getEntriesByType("resource")
      .filter((e) => e instanceof PerformanceResourceTiming && e.initiatorType === "script");
    return {
      interactiveMs: performance.getEntriesByName("pn:interactive")[0]?.startTime ?? Number.NaN,
      firstContentfulPaintMs:
        performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
      domContentLoadedMs,
      scriptTransferBytes: scripts.reduce(
        (sum, e) => sum + (e instanceof PerformanceResourceTiming ? e.transferSize : 0),
        0,
      ),
    };
  });
  return { metrics, page, close: () => context.close() };
}
