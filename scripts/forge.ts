// Runs a Foundry binary (forge, anvil, cast) from the pinned npm package, or from PATH on other platforms.
// Usage: node scripts/forge.ts <args...>   (forge, run from contracts/)
import { spawnSync } from "node:child_process";
import { contractsDir, foundryBin, solcShim } from "./tools.ts";

const result = spawnSync(foundryBin("forge"), process.argv.slice(2), {
  cwd: contractsDir,
  stdio: "inherit",
  env: { ...process.env, FOUNDRY_SOLC: solcShim },
});
if (result.error) {
  console.error(`forge could not start: ${result.error.message}`);
  process.exit(127);
}
process.exit(result.status ?? 1);
