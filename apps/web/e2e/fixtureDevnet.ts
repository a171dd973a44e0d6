// The fixture devnet, for the specs in e2e/fixture/ that move chain time themselves (which `npm start`'s replay
// owns on its devnet): anvil, the devnet's contracts (scripts/lib/devnet.ts), the market and its router, a few more
// series for the grid and the rolls, a slow oracle with a series on it, a vault, positions for the redeem, roll and
// slow-oracle tests, and the web app (serveWeb) on two deployment files. Returns the description and the teardown.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SeriesKey } from "@pn/core";
import { createSeries, deployMarket, split } from "@pn/sdk";
import { startAnvil } from "@pn/sdk/testing";
import { createPublicClient, createWalletClient, http, parseEther, publicActions } from "viem";
import { deployDevnet, toDeployment } from "../../../scripts/lib/devnet.ts";
import { serveWeb } from "../scripts/serve.ts";
import {
  devAccount,
  devChain,
  type E2eDevnet,
  REDEEM_ACCOUNT,
  ROLL_ACCOUNT,
  SLOW_ACCOUNT,
  toE2eSeries,
} from "./devnet.ts";
import { deploySlowOracle } from "./slowOracle.ts";
import { deployE2eVault } from "./vault.ts";

const WEEK = 7n * 86_400n;
const FOUR_WEEKS = 4n * WEEK;
const WAD = 10n ** 18n;

export async function startFixtureDevnet(
  dir: string,
): Promise<{ devnet: E2eDevnet; stop: () => Promise<void> }> {
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
    const laterKey: SeriesKey = { ...near, maturity: near.maturity + 2n * FOUR_WEEKS };
    const later = await createSeries(deployer, { core: devnet.core, key: laterKey });
    await deployer.waitForTransactionReceipt({ hash: later.hash });
    const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 50 });
    const { market, router } = await deployMarket({
      walletClient: deployer,
      publicClient,
      core: devnet.core,
    });
    const slow = await deploySlowOracle(deployer, { indexId: near.indexId, sink: devAccount(9).address });
    const slowSeries = await createSeries(deployer, {
      core: devnet.core,
      key: { ...near, oracle: slow.oracle },
    });
    await deployer.waitForTransactionReceipt({ hash: slowSeries.hash });
    const slowMidKey: SeriesKey = { ...near, oracle: slow.oracle, maturity: near.maturity + WEEK };
    const slowMid = await createSeries(deployer, { core: devnet.core, key: slowMidKey });
    await deployer.waitForTransactionReceipt({ hash: slowMid.hash });
    const vault = await deployE2eVault(
      { walletClient: deployer, publicClient },
      { market, oracle: slow.oracle, near },
    );
    const positions: [number, SeriesKey, string][] = [
      [REDEEM_ACCOUNT, near, "2"],
      [ROLL_ACCOUNT, far.key, "3"],
      [SLOW_ACCOUNT, slowMidKey, "1"],
    ];
    for (const [index, key, eth] of positions) {
      const holder = client(index);
      const hash = await split(holder, { core: devnet.core, key, amount: parseEther(eth), native: true });
      await holder.waitForTransactionReceipt({ hash });
    }

    mkdirSync(dir, { recursive: true });
    rmSync(join(dir, "replay.json"), { force: true }); // a test writes it; none at the start
    const deployment = toDeployment(devnet);
    deployment.contracts = { ...deployment.contracts, market, router };
    const deploymentPath = join(dir, "deployment.json");
    writeFileSync(deploymentPath, `${JSON.stringify(deployment, null, 2)}\n`);
    // The same chain seen through a deployment file that names the slow oracle.
    const slowDeploymentPath = join(dir, "deployment-slow-oracle.json");
    const withOracle = {
      ...deployment,
      contracts: {
        ...deployment.contracts,
        ...slow,
        vaults: { pnUSD: vault },
      },
    };
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
      market,
      router,
      near: toE2eSeries(devnet.series.id, near),
      far: toE2eSeries(far.id, far.key),
      later: toE2eSeries(later.id, laterKey),
      slowMid: toE2eSeries(slowMid.id, slowMidKey),
      deploymentPath,
      replayPath: join(dir, "replay.json"),
      vault,
    };
    console.log(
      `fixture devnet: anvil ${anvil.rpcUrl}, web ${web.url} (ready in ${Math.round(performance.now() - started)} ms)`,
    );
    const stop = async () => {
      await slowWeb.close();
      await web.close();
      await anvil.stop();
    };
    return { devnet: e2e, stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
