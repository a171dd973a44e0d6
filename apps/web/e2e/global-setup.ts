// Starts both devnets the browser tests run against, side by side: `npm start`'s, with its oracle bot, market
// maker and replay (npmStart.ts; specs in e2e/npm-start/), and the fixture devnet whose chain time the tests move
// themselves (fixtureDevnet.ts; specs in e2e/fixture/). Each is described to the tests in a JSON file named by an
// environment variable (devnet.ts). The teardown stops both; npm start's by Ctrl-C, checked to leave nothing behind.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../../scripts/tools.ts";
import { E2E_ENV, E2E_START_ENV } from "./devnet.ts";
import { startFixtureDevnet } from "./fixtureDevnet.ts";
import { startNpmDevnet } from "./npmStart.ts";

const results = join(repoRoot, "test-results");

function writeDescription(env: string, dir: string, devnet: object) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "e2e.json");
  writeFileSync(path, `${JSON.stringify(devnet, null, 2)}\n`);
  process.env[env] = path;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  const startDir = join(results, "web-e2e-npm-start");
  const fixtureDir = join(results, "web-e2e-devnet");
  const [npmStart, fixture] = await Promise.allSettled([
    startNpmDevnet(startDir),
    startFixtureDevnet(fixtureDir),
  ]);
  if (npmStart.status === "rejected" || fixture.status === "rejected") {
    if (npmStart.status === "fulfilled") await npmStart.value.stop().catch(() => {});
    if (fixture.status === "fulfilled") await fixture.value.stop().catch(() => {});
    throw npmStart.status === "rejected" ? npmStart.reason : (fixture as PromiseRejectedResult).reason;
  }
  writeDescription(E2E_START_ENV, startDir, npmStart.value.devnet);
  writeDescription(E2E_ENV, fixtureDir, fixture.value.devnet);
  console.log(
    `npm start's devnet: anvil ${npmStart.value.devnet.rpcUrl}, web ${npmStart.value.devnet.webUrl}; both devnets ready in ${Math.round(performance.now() - started)} ms`,
  );
  return async () => {
    await fixture.value.stop();
    await npmStart.value.stop();
  };
}
