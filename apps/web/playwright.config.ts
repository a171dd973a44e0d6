// Browser tests in Debian's chromium (Playwright cannot download its own browsers here). Run through
// `node apps/web/scripts/e2e.ts`, which installs chromium if needed, builds, and then runs this suite.
// Two projects, one devnet each (both started by e2e/global-setup.ts):
//   npm-start  e2e/npm-start/  `npm start`'s devnet with its oracle bot, market maker and replay
//   fixture    e2e/fixture/    a fixture devnet for the tests that move chain time themselves
// Screenshots of every key step (and of failures) stay in test-results/web-e2e/<test>/ and in the HTML report
// (test-results/web-e2e-report); a failed test also keeps its trace.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_PATH } from "./scripts/ensure-chromium.ts";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  projects: [
    { name: "npm-start", testDir: "e2e/npm-start" },
    { name: "fixture", testDir: "e2e/fixture" },
  ],
  outputDir: "../../test-results/web-e2e",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: process.env.CI !== undefined,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "../../test-results/web-e2e-report" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
