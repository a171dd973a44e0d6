// public/backtest.json is committed: it must be what scripts/backtest-data.ts writes from the simulator today
// (deterministic), and small enough to fetch with the Backtest page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBacktestData } from "../scripts/backtest-data.ts";
import { webRoot } from "../scripts/serve.ts";
import { parseBacktestData } from "../src/lib/backtestData.ts";

const committed = readFileSync(join(webRoot, "public", "backtest.json"), "utf8");

describe("public/backtest.json", () => {
  it("is what the simulator gives today (else run node apps/web/scripts/backtest-data.ts)", () => {
    expect(JSON.parse(JSON.stringify(buildBacktestData()))).toEqual(JSON.parse(committed));
  }, 30_000);

  it("is small and has every chart's data", () => {
    expect(committed.length).toBeLessThan(200 * 1024);
    const data = parseBacktestData(JSON.parse(committed));
    expect(data.backtest.value.length).toBe(data.backtest.day.length);
    expect(data.backtest.x.length).toBe(data.backtest.day.length);
    expect(data.costs.map((c) => c.execution)).toContain("auction/spread");
    expect(data.crashes.map((c) => c.day)).toEqual(["2020-03-12", "2021-05-19"]);
    for (const crash of data.crashes) {
      for (const side of [...crash.pn, ...crash.cdp]) expect(side.relative.length).toBe(crash.x.length);
    }
  });
});
