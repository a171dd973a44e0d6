// pn-protocol's PNCore: one series on the shared WETH, split and merged through the core.
import { type Abi, type Address, type Hex, parseEther, stringToHex } from "viem";
import { type Artifact, forgeArtifactPath, loadForgeArtifact } from "./artifacts.ts";
import type { BenchChain } from "./chain.ts";
import { type Results, runScenario, type Weth } from "./scenario.ts";

export const PNCORE_ARTIFACT = forgeArtifactPath("PNCore").replace(/.*\/contracts\//, "contracts/");

export type PnRun = {
  results: Results;
  address: Address;
  seriesId: Hex;
  oracle: { address: Address; kind: string };
  artifact: string;
};

export type SeriesKey = {
  collateral: Address;
  oracle: Address;
  indexId: Hex;
  strikeWad: bigint;
  maturity: number;
};

function hasNoArgConstructor(abi: Abi): boolean {
  const ctor = abi.find((item) => item.type === "constructor");
  return ctor === undefined || ctor.inputs.length === 0;
}

/** DevOracle when built and deployable without arguments; else the WETH, which only needs to have code. */
async function pickOracle(chain: BenchChain, deployer: Address, weth: Weth): Promise<PnRun["oracle"]> {
  const devOracle: Artifact | undefined = loadForgeArtifact("DevOracle");
  if (devOracle !== undefined && hasNoArgConstructor(devOracle.abi)) {
    return { address: await chain.deploy(deployer, devOracle), kind: "DevOracle" };
  }
  return { address: weth.address, kind: "WETH address (split/merge never call the oracle)" };
}

/** Undefined when PNCore has not been built yet. */
export async function benchPn(
  chain: BenchChain,
  weth: Weth,
  seeder: Address,
  holder: Address,
): Promise<PnRun | undefined> {
  const artifact = loadForgeArtifact("PNCore");
  if (artifact === undefined) return undefined;
  const { abi } = artifact;
  const [deployer] = chain.accounts;
  if (deployer === undefined) throw new Error("no accounts");
  const core = await chain.deploy(deployer, artifact, [weth.address]);
  const oracle = await pickOracle(chain, deployer, weth);
  const block = await chain.publicClient.getBlock();
  const key: SeriesKey = {
    collateral: weth.address,
    oracle: oracle.address,
    indexId: stringToHex("USD", { size: 32 }),
    strikeWad: parseEther("3000"),
    maturity: Number(block.timestamp) + 30 * 24 * 3600,
  };
  await chain.send(deployer, core, abi, "createSeries", [key]);
  const seriesId = (await chain.publicClient.readContract({
    address: core,
    abi,
    functionName: "seriesId",
    args: [key],
  })) as Hex;

  const results = await runScenario(
    chain,
    weth,
    {
      spender: core,
      split: (from, amount) => chain.measure(from, core, abi, "split", [key, amount, from]),
      merge: (from, amount) => chain.measure(from, core, abi, "merge", [key, amount, from]),
      balances: async (who) =>
        (await chain.publicClient.readContract({
          address: core,
          abi,
          functionName: "balancesOf",
          args: [seriesId, who],
        })) as readonly [bigint, bigint],
    },
    seeder,
    holder,
  );
  return { results, address: core, seriesId, oracle, artifact: PNCORE_ARTIFACT };
}
