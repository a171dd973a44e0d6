// Bytecode and ABIs for the benchmark: forge artifacts from contracts/out, Gnosis CTF from its npm package, and a
// WETH compiled in memory (Solady's, with solc-js) when DevWETH has not been built yet.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Abi, Hex } from "viem";
import { contractsDir, repoRoot } from "../tools.ts";

export type Artifact = { name: string; abi: Abi; bytecode: Hex; source: string };

const require = createRequire(import.meta.url);

/** Throws when creation code still carries library placeholders (`__Name___` or `__$hash$__`). */
export function assertLinked(name: string, bytecode: string): void {
  const placeholder = /__[$A-Za-z0-9_]{36}__|__\$[0-9a-f]{34}\$__/.exec(bytecode);
  if (placeholder !== null) throw new Error(`${name} bytecode is not linked: found ${placeholder[0]}`);
  if (!/^0x([0-9a-fA-F]{2})+$/.test(bytecode)) throw new Error(`${name} bytecode is not hex`);
}

/** Path of forge's artifact for `contracts/src/<name>.sol:<name>`. */
export function forgeArtifactPath(name: string): string {
  return join(contractsDir, "out", `${name}.sol`, `${name}.json`);
}

/** Reads a forge artifact (abi + bytecode.object), or returns undefined when it has not been built. */
export function loadForgeArtifact(name: string): Artifact | undefined {
  const path = forgeArtifactPath(name);
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, "utf8")) as { abi: Abi; bytecode: { object: string } };
  const object = json.bytecode.object.startsWith("0x") ? json.bytecode.object : `0x${json.bytecode.object}`;
  assertLinked(name, object);
  return { name, abi: json.abi, bytecode: object as Hex, source: path.slice(repoRoot.length + 1) };
}

const ctfPackage = "@gnosis.pm/conditional-tokens-contracts";

/** Gnosis ConditionalTokens from the published truffle build (solc 0.5.10). */
export function loadCtfArtifact(): Artifact & { compiler: string; packageVersion: string } {
  const json = require(`${ctfPackage}/build/contracts/ConditionalTokens.json`) as {
    abi: Abi;
    bytecode: string;
    compiler: { version: string };
  };
  const pkg = require(`${ctfPackage}/package.json`) as { version: string };
  // CTHelpers has only internal functions, so it is inlined; a placeholder here would mean it needs linking.
  assertLinked("ConditionalTokens", json.bytecode);
  return {
    name: "ConditionalTokens",
    abi: json.abi,
    bytecode: json.bytecode as Hex,
    source: `${ctfPackage}@${pkg.version}/build/contracts/ConditionalTokens.json`,
    compiler: json.compiler.version,
    packageVersion: pkg.version,
  };
}

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
};

/** Solady's WETH compiled in memory with the project's solc settings (no files written). */
export function compileSoladyWeth(): Artifact {
  const solc = require("solc") as { compile: (input: string, cb: object) => string };
  const soladySrc = join(repoRoot, "node_modules", "solady", "src");
  const entry = "solady/tokens/WETH.sol";
  const input = {
    language: "Solidity",
    sources: { [entry]: { content: readFileSync(join(soladySrc, "tokens", "WETH.sol"), "utf8") } },
    settings: {
      optimizer: { enabled: true, runs: 20_000 },
      evmVersion: "prague",
      metadata: { bytecodeHash: "none", appendCBOR: false },
      outputSelection: { [entry]: { WETH: ["abi", "evm.bytecode.object"] } },
    },
  };
  const findImports = (path: string) => {
    const file = join(soladySrc, path.replace(/^solady\//, ""));
    return existsSync(file) ? { contents: readFileSync(file, "utf8") } : { error: `not found: ${path}` };
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const weth = out.contracts?.[entry]?.WETH;
  if (weth === undefined) throw new Error("solc produced no WETH");
  return {
    name: "WETH",
    abi: weth.abi,
    bytecode: `0x${weth.evm.bytecode.object}`,
    source: "solady/src/tokens/WETH.sol (compiled in memory with solc-js)",
  };
}

/** DevWETH when forge has built it, else Solady's WETH. */
export function loadWeth(): Artifact {
  return loadForgeArtifact("DevWETH") ?? compileSoladyWeth();
}
