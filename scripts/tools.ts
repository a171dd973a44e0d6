// Locations of the project's pinned tools. One place, used by every script.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const contractsDir = join(repoRoot, "contracts");
export const solcShim = join(repoRoot, "scripts", "solc-shim.cjs");

/** Path to forge/anvil/cast: the `-linux-amd64` npm package when present, else the name (resolved on PATH). */
export function foundryBin(name: "forge" | "anvil" | "cast"): string {
  const local = join(repoRoot, "node_modules", `@foundry-rs/${name}-linux-amd64`, "bin", name);
  return existsSync(local) ? local : name;
}
