// The test command (`npm test`): runs every check in order, streams its output, never stops early, and ends
// with a summary table and the line `N passed, N failed`. Exit code 1 if any step failed.
// Usage: node scripts/test.ts [step names...]   e.g. `node scripts/test.ts biome tsc` runs only those steps.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { repoRoot } from "./tools.ts";

type Step = {
  name: string;
  /** Command and arguments, run from the repo root with node_modules/.bin first on PATH. */
  cmd: readonly string[];
  env?: Record<string, string>;
  /** Needs contracts/out from this run's `forge build`: skipped (and failed) when the build failed. */
  needsBuild?: boolean;
  /** Runs before `cmd`; the function it returns runs after a successful `cmd` and returns a failure message. */
  guard?: () => () => string | undefined;
  /** Printed when the step fails. */
  hint?: string;
};

const forge = (...args: string[]) => ["node", "scripts/forge.ts", ...args];
const snapshotsDir = join(repoRoot, "contracts", "snapshots");

/** Snapshot file → its entries, sorted (forge rewrites the files in its own layout even when nothing changed). */
function readSnapshots(): Map<string, string> {
  const files = existsSync(snapshotsDir) ? readdirSync(snapshotsDir).filter((f) => f.endsWith(".json")) : [];
  const entries = (f: string) => {
    const text = readFileSync(join(snapshotsDir, f), "utf8");
    try {
      return JSON.stringify(Object.entries(JSON.parse(text)).sort());
    } catch {
      return text;
    }
  };
  return new Map(files.map((f) => [f, entries(f)]));
}

/**
 * With FORGE_SNAPSHOT_CHECK=true forge fails on a changed snapshot value but silently writes new ones (a new
 * key or file), so a snapshot missing from the commit would pass. This fails when `forge test` wrote anything.
 */
function snapshotGuard(): () => string | undefined {
  const before = readSnapshots();
  return () => {
    const written = [...readSnapshots()].filter(([file, text]) => before.get(file) !== text);
    if (written.length === 0) return undefined;
    const files = written.map(
      ([file]) => `contracts/snapshots/${file}${before.has(file) ? "" : " (new file)"}`,
    );
    return `forge test wrote new gas snapshots: ${files.join(", ")}. Review and commit them.`;
  };
}

// The steps, in order. To add one, add an entry here.
const steps: Step[] = [
  { name: "biome", cmd: ["node", "scripts/biome.ts", "check", "."] },
  { name: "forge fmt", cmd: forge("fmt", "--check") },
  { name: "forge build", cmd: forge("build") },
  {
    name: "forge test",
    cmd: forge("test"),
    // Makes forge fail when a vm.snapshotGas*/snapshotValue result differs from contracts/snapshots/*.json.
    env: { FORGE_SNAPSHOT_CHECK: "true" },
    needsBuild: true,
    guard: snapshotGuard,
    hint: "If only gas snapshots differ and that is intended: `node scripts/forge.ts test` rewrites contracts/snapshots; review the diff and commit it.",
  },
  { name: "abi drift", cmd: ["node", "scripts/gen-abis.ts", "--check"], needsBuild: true },
  { name: "tsc", cmd: ["tsc", "-p", "tsconfig.json"] },
  { name: "tsc web", cmd: ["tsc", "-p", "apps/web/tsconfig.json"] },
  { name: "vitest", cmd: ["vitest", "run"] },
  // Runs the browser tests against npm start's devnet and a fixture devnet (docs/devnet.md).
  { name: "web e2e", cmd: ["node", "apps/web/scripts/e2e.ts"] },
  // SMTChecker over contracts/smt/ (solc-js, CHC); fails only on a counterexample. See docs/smtchecker.md.
  { name: "smtchecker", cmd: ["node", "scripts/smt.ts"] },
];

type Result = { name: string; ok: boolean; seconds: number; note: string };

function run(step: Step): Result {
  const start = performance.now();
  const bin = join(repoRoot, "node_modules", ".bin");
  const env = { ...process.env, ...step.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
  const [command = "", ...args] = step.cmd;
  const after = step.guard?.();
  const child = spawnSync(command, args, { cwd: repoRoot, stdio: "inherit", env });
  let note = child.error ? `could not start: ${child.error.message}` : "";
  if (note === "" && child.status !== 0) note = `exit ${child.status ?? child.signal}`;
  if (note === "" && after) note = after() ?? "";
  if (note !== "") console.error(`${step.name}: ${note}${step.hint ? `\n${step.hint}` : ""}`);
  return { name: step.name, ok: note === "", seconds: (performance.now() - start) / 1000, note };
}

function main(selected: readonly string[]): number {
  const unknown = selected.filter((name) => !steps.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown step(s): ${unknown.join(", ")}. Steps: ${steps.map((s) => s.name).join(", ")}.`);
    return 2;
  }
  const results: Result[] = [];
  let buildFailed = false;
  for (const step of steps.filter((s) => selected.length === 0 || selected.includes(s.name))) {
    if (step.needsBuild && buildFailed) {
      results.push({ name: step.name, ok: false, seconds: 0, note: "skipped: forge build failed" });
      continue;
    }
    console.log(`\n━━ ${step.name}: ${step.cmd.join(" ")}`);
    const result = run(step);
    if (step.name === "forge build" && !result.ok) buildFailed = true;
    console.log(`━━ ${step.name}: ${result.ok ? "passed" : "FAILED"} in ${result.seconds.toFixed(1)} s`);
    results.push(result);
  }
  const width = Math.max(...results.map((r) => r.name.length));
  console.log("\nSummary");
  for (const r of results) {
    const note = r.note === "" ? "" : `  ${r.note}`;
    console.log(
      `  ${r.name.padEnd(width)}  ${r.ok ? "pass" : "FAIL"}  ${r.seconds.toFixed(1).padStart(6)} s${note}`,
    );
  }
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  console.log(`  ${"total".padEnd(width)}        ${total.toFixed(1).padStart(6)} s\n`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
