// Starts what the browser tests run against: anvil, the devnet's contracts (scripts/lib/devnet.ts), a few more
// series for the grid, a position for the redeem test, and the web app (serveWeb). Returns the teardown.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SeriesKey } from "@pn/core";
import { createSeries, split } from "@pn/sdk";
import { startAnvil } from "@pn/sdk/testing";
import { createWalletClient, http, parseEther, publicActions } from "viem";
import { deployDevnet, toDeployment } from "../../../scripts/lib/devnet.ts";
import { repoRoot } from "../../../scripts/tools.ts";
import { serveWeb } from "../scripts/serve.ts";
import { devAccount, devChain, E2E_ENV, type E2eDevnet, REDEEM_ACCOUNT, toE2eSeries } from "./devnet.ts";
import { deploySlowOracle } from "./slowOracle.ts";

const FOUR_WEEKS = 28n * 86_400n;
const WAD = 10n ** 18n;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  const anvil = await startAnvil();
  try {
    const devnet = await deployDevnet({ rpcUrl: anvil.rpcUrl, account: devAccount(0) });
    const chain = devChain(devnet.chainId, anvil.rpcUrl);
    const client = (index: number) =>
      createWalletClient({
        account: devAccount(index),
        chain,
        transport: http(anvil.rpcUrl),
        pollingInterval: 50,
      }).extend(publicActions);
    const deployer = client(0);
    const near = devnet.series.key;
    const more: SeriesKey[] = [
      { ...near, strikeWad: 1_000n * WAD },
      { ...near, strikeWad: 2_000n * WAD },
      ...[1_000n, 1_500n, 2_000n].map((s) => ({
        ...near,
        strikeWad: s * WAD,
        maturity: near.maturity + FOUR_WEEKS,
      })),
    ];
    let far: { id: `0x${string}`; key: SeriesKey } | undefined;
    for (const key of more) {
      const created = await createSeries(deployer, { core: devnet.core, key });
      await deployer.waitForTransactionReceipt({ hash: created.hash });
      if (key.strikeWad === near.strikeWad) far = { id: created.id, key };
    }
    if (far === undefined) throw new Error("the far series was not created");
    const slow = await deploySlowOracle(deployer, { indexId: near.indexId, sink: devAccount(9).address });
    const slowSeries = await createSeries(deployer, {
      core: devnet.core,
      key: { ...near, oracle: slow.oracle },
    });
    await deployer.waitForTransactionReceipt({ hash: slowSeries.hash });
    const holder = client(REDEEM_ACCOUNT);
    const hash = await split(holder, { core: devnet.core, key: near, amount: parseEther("2"), native: true });
    await holder.waitForTransactionReceipt({ hash });

    const dir = join(repoRoot, "test-results", "web-e2e-devnet");
    mkdirSync(dir, { recursive: true });
    const deployment = toDeployment(devnet);
    const deploymentPath = join(dir, "deployment.json");
    writeFileSync(deploymentPath, `${JSON.stringify(deployment, null, 2)}\n`);
    // The same chain seen through a deployment file that names the slow oracle.
    const slowDeploymentPath = join(dir, "deployment-slow-oracle.json");
    const withOracle = { ...deployment, contracts: { ...deployment.contracts, ...slow } };
    writeFileSync(slowDeploymentPath, `${JSON.stringify(withOracle, null, 2)}\n`);
    const web = await serveWeb({ port: 0, deploymentPath, log: (line) => console.log(line) });
    const slowWeb = await serveWeb({ port: 0, deploymentPath: slowDeploymentPath, build: "never" });
    const e2e: E2eDevnet = {
      rpcUrl: anvil.rpcUrl,
      webUrl: web.url,
      slowOracleWebUrl: slowWeb.url,
      slowOracle: slow.oracle,
      chainId: devnet.chainId,
      core: devnet.core,
      devOracle: devnet.oracle,
      near: toE2eSeries(devnet.series.id, near),
      far: toE2eSeries(far.id, far.key),
      deploymentPath,
    };
    const e2ePath = join(dir, "e2e.json");
    writeFileSync(e2ePath, `${JSON.stringify(e2e, null, 2)}\n`);
    process.env[E2E_ENV] = e2ePath;
    console.log(
      `e2e devnet: anvil ${anvil.rpcUrl}, web ${web.url} (ready in ${Math.round(performance.now() - started)} ms)`,
    );
    return async () => {
      await slowWeb.close();
      await web.close();
      await anvil.stop();
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
