import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { biomeBin } from "../biome.ts";
import {
  type Artifact,
  camelName,
  type Drift,
  findDrift,
  GenAbisError,
  generate,
  loadArtifacts,
  render,
} from "../gen-abis.ts";
import { isObject } from "../lib/literal.ts";
import { repoRoot } from "../tools.ts";

/**
 * Drift of `artifacts`' output from freshly generated files (written to a temp dir), by file name: the mutation
 * tests then hold whether or not the committed files are current.
 */
function driftFromFresh(artifacts: readonly Artifact[]): Drift[] {
  const dir = mkdtempSync(join(tmpdir(), "gen-abis-"));
  for (const file of generate()) writeFileSync(join(dir, basename(file.path)), file.contents);
  const files = render(artifacts).map((f) => ({ ...f, path: join(dir, basename(f.path)) }));
  return findDrift(files).map((d) => ({ ...d, path: basename(d.path) }));
}

/** A deep copy of `artifacts` with `edit` applied to the named contract. */
function mutated(artifacts: readonly Artifact[], name: string, edit: (a: Artifact) => Artifact): Artifact[] {
  return artifacts.map((a) => (a.spec.name === name ? edit(structuredClone(a)) : a));
}

describe("gen-abis", () => {
  it("the committed generated files match contracts/out", () => {
    expect(findDrift(generate())).toEqual([]);
  });

  it("--check exits 0 on the committed files", () => {
    const run = spawnSync(process.execPath, ["scripts/gen-abis.ts", "--check"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("detects a changed ABI entry, and names only the drifted file", () => {
    const renamed = mutated(loadArtifacts(), "PNCore", (a) => ({
      ...a,
      abi: a.abi.map((entry) =>
        isObject(entry) && entry.name === "createSeries" ? { ...entry, name: "create" } : entry,
      ),
    }));
    expect(driftFromFresh(renamed)).toEqual([{ path: "abis.ts", reason: expect.stringMatching(/^differs/) }]);
  });

  it("detects a removed ABI entry", () => {
    const shorter = mutated(loadArtifacts(), "PNToken", (a) => ({ ...a, abi: a.abi.slice(1) }));
    expect(driftFromFresh(shorter).map((d) => d.path)).toEqual(["abis.ts"]);
  });

  it("detects changed bytecode", () => {
    const changed = mutated(loadArtifacts(), "DevOracle", (a) => ({ ...a, bytecode: `${a.bytecode}00` }));
    expect(driftFromFresh(changed).map((d) => d.path)).toEqual(["bytecode.ts"]);
  });

  it("detects a missing generated file", () => {
    const dir = mkdtempSync(join(tmpdir(), "gen-abis-"));
    const files = render(loadArtifacts()).map((f) => ({ ...f, path: join(dir, basename(f.path)) }));
    expect(findDrift(files).map((d) => d.reason)).toEqual(["missing", "missing"]);
  });

  it("fails clearly when an artifact is missing", () => {
    const load = () => loadArtifacts(undefined, [{ name: "PNCore" }, { name: "NoSuchContract" }]);
    expect(load).toThrow(GenAbisError);
    expect(load).toThrow(/No artifact for NoSuchContract .*npm run build:contracts/);
  });

  it("is deterministic: artifact key order does not matter", () => {
    const artifacts = loadArtifacts();
    const reversed = artifacts.map((a) => ({
      ...a,
      abi: [...a.abi]
        .reverse()
        .map((entry) => (isObject(entry) ? Object.fromEntries(Object.entries(entry).reverse()) : entry)),
    }));
    expect(render(reversed)).toEqual(render(artifacts));
  });

  it("writes files that biome's formatter leaves unchanged", () => {
    for (const file of generate()) {
      const biome = spawnSync(biomeBin(), ["format", "--stdin-file-path=generated.ts"], {
        cwd: repoRoot,
        input: file.contents,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(biome.status).toBe(0);
      expect(biome.stdout === file.contents, `${file.path} is not biome-formatted`).toBe(true);
    }
  });

  it("names exports in camelCase", () => {
    expect(["PNCore", "IPNCore", "IIndexOracle", "DevWETH", "DevOracle"].map(camelName)).toEqual([
      "pnCore",
      "ipnCore",
      "iIndexOracle",
      "devWeth",
      "devOracle",
    ]);
  });
});
