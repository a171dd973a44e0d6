import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const pn = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], { encoding: "utf8", timeout: 60_000 });

describe("pn CLI errors: a message on stderr and a non-zero exit", () => {
  it("a window outside the data", () => {
    const r = pn("backtest", "--from", "2031-01-01");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Bad window: 2031-01-01 .. end holds 0 bar\(s\)/);
    expect(r.stderr).toMatch(/The data covers 2015-08-07/);
    expect(r.stdout).toBe("");
  });

  it("a missing file, bad option values and an unknown option", () => {
    expect(pn("backtest", "--prices", "/nope.csv")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/no such file/),
    });
    const bad = pn("backtest", "--venue", "dex", "--check", "weekly", "--notional", "x");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--venue: must be one of amm, rfq, auction/);
    expect(bad.stderr).toMatch(/--check: "weekly" is not daily/);
    expect(bad.stderr).toMatch(/--notional: must be a number/);
    expect(pn("backtest", "--bogus").status).not.toBe(0);
    expect(pn("crash", "--day", "2020-03-14").stderr).toMatch(/has no bars on 2020-03-14/);
  });
});

describe("pn commands", () => {
  it("backtest --json prints the metrics; --out writes HTML, JSON and markdown", () => {
    const out = mkdtempSync(join(tmpdir(), "pn-cli-"));
    const args = [
      "backtest",
      "--from",
      "2024-01-01",
      "--to",
      "2024-06-30",
      "--policy",
      "28d",
      "--venue",
      "rfq,auction",
    ];
    const r = pn(...args, "--json", "--out", out);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { results: { metrics: { rolls: number } }[] };
    expect(json.results).toHaveLength(2);
    expect(json.results[0]?.metrics.rolls).toBeGreaterThan(3);
    expect(readFileSync(join(out, "backtest.html"), "utf8")).toContain("<svg");
    expect(readFileSync(join(out, "backtest.md"), "utf8")).toContain("| run |");
    const again = pn(...args, "--json");
    expect(again.stdout).toBe(r.stdout);
  });

  it("montecarlo runs a seeded study in workers, the same for any worker count", () => {
    const args = [
      "montecarlo",
      "--model",
      "student-t",
      "--paths",
      "40",
      "--steps",
      "90",
      "--seed",
      "3",
      "--json",
    ];
    const one = pn(...args, "--workers", "1");
    const two = pn(...args, "--workers", "2");
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout)).toHaveProperty("summary.trackingError.p50");
  });
});
