// Gas benchmark: pn-protocol's PNCore against Gnosis Conditional Tokens on one local anvil.
// Usage: npm run bench:gas   (build PNCore first: npm run build:contracts)
// Prints the execution gas of split and merge for both and writes docs/bench/gas-ctf.json.
import { join, relative } from "node:path";
import { startAnvil } from "../packages/sdk/src/testing/anvil.ts";
import { loadWeth } from "./bench/artifacts.ts";
import { connect, nodeInfo } from "./bench/chain.ts";
import { benchCtf } from "./bench/ctf.ts";
import { benchPn, PNCORE_ARTIFACT } from "./bench/pn.ts";
import { record, rows, table, writeRecord } from "./bench/report.ts";
import { AMOUNT } from "./bench/scenario.ts";
import { repoRoot } from "./tools.ts";

const OUT = join(repoRoot, "docs", "bench", "gas-ctf.json");

async function main(): Promise<void> {
  const started = performance.now();
  const anvil = await startAnvil();
  try {
    const chain = await connect(anvil.rpcUrl);
    const [deployer, seeder, holderCtf, holderPn] = chain.accounts;
    if (deployer === undefined || seeder === undefined || holderCtf === undefined || holderPn === undefined) {
      throw new Error("anvil exposes fewer than 4 accounts");
    }
    const wethArtifact = loadWeth();
    const weth = { address: await chain.deploy(deployer, wethArtifact), abi: wethArtifact.abi };

    const ctf = await benchCtf(chain, weth, seeder, holderCtf);
    const pn = await benchPn(chain, weth, seeder, holderPn);
    const durationMs = Math.round(performance.now() - started);

    console.log(`collateral: ${wethArtifact.source}`);
    console.log(`Gnosis CTF: ${ctf.artifact} (solc ${ctf.compiler})`);
    console.log(
      pn === undefined ? `pn-protocol: ${PNCORE_ARTIFACT} not built` : `pn-protocol: ${pn.artifact}`,
    );
    console.log("execution gas (gasUsed - 21000 - calldata), 1 WETH per call:\n");
    console.log(table(rows(pn, ctf)));
    if (pn === undefined) {
      console.log(
        `\npn-protocol: n/a, ${PNCORE_ARTIFACT} is missing; run \`npm run build:contracts\` first.`,
      );
    }
    const info = await nodeInfo(anvil.rpcUrl);
    const data = record(
      {
        hardfork: info.hardFork,
        chainId: chain.chain.id,
        weth: wethArtifact.source,
        amountWei: AMOUNT,
        durationMs,
      },
      pn,
      ctf,
    );
    writeRecord(OUT, data);
    console.log(`\nwrote ${relative(repoRoot, OUT)} (bench ran in ${(durationMs / 1000).toFixed(1)} s)`);
  } finally {
    await anvil.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
