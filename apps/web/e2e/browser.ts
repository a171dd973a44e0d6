// Helpers of the browser tests on either devnet: a devnet's clients, picking a dev account in the page, screenshots
// kept as test artifacts, and the cold-load measurement.
import { type Browser, expect, type Page, type TestInfo } from "@playwright/test";
import { pnCoreAbi } from "@pn/sdk";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  publicActions,
} from "viem";
import { devAccount, devChain } from "./devnet.ts";

export const WAD = 10n ** 18n;

/** Clients on a devnet: reads, anvil's test actions, dev-account wallets and P/N balances. */
export function devnetClients({ chainId, rpcUrl, core }: { chainId: number; rpcUrl: string; core: Address }) {
  const chain = devChain(chainId, rpcUrl);
  const transport = http(rpcUrl);
  const chainClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  return {
    chain,
    transport,
    chainClient,
    testClient: createTestClient({ chain, transport, mode: "anvil" }),
    /** A dev account's wallet, able to read and simulate too (an @pn/sdk write client). */
    wallet: (index: number) =>
      createWalletClient({ account: devAccount(index), chain, transport, pollingInterval: 50 }).extend(
        publicActions,
      ),
    balances: (owner: Address, id: Hex) =>
      chainClient.readContract({
        address: core,
        abi: pnCoreAbi,
        functionName: "balancesOf",
        args: [id, owner],
      }),
  };
}

export async function useDevAccount(page: Page, index: number) {
  await page.getByLabel("Devnet account").selectOption(String(index));
  await expect(page.getByTestId("wallet-address")).toHaveAttribute("title", devAccount(index).address);
}

/** A full-page screenshot in the test's output directory, attached to the test's report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
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
  webUrl: string,
): Promise<{ metrics: LoadMetrics; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${webUrl}#/markets`);
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
