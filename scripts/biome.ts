// Runs biome from the pinned platform package, or from PATH on other platforms.
// Usage: node scripts/biome.ts <args...>   (from the repo root)
// The `@biomejs/biome` wrapper is not used: this registry lacks its other-platform packages, so its lock file
// entry breaks `npm ci` (the same trap as Foundry's wrapper packages, see TOOLCHAIN.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./tools.ts";

/** Path to the biome binary: `@biomejs/cli-linux-x64` when installed, else `biome` (resolved on PATH). */
export function biomeBin(): string {
  const local = join(repoRoot, "node_modules", "@biomejs", "cli-linux-x64", "biome");
  return existsSync(local) ? local : "biome";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = spawnSync(biomeBin(), process.argv.slice(2), { cwd: repoRoot, stdio: "inherit" });
  if (result.error) {
    console.error(`biome could not start: ${result.error.message}; run \`npm ci\` to install it`);
    process.exit(127);
  }
  process.exit(result.status ?? 1);
}
