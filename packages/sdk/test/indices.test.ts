import { readFileSync } from "node:fs";
import { INDEX_TICKERS } from "@pn/core";
import { describe, expect, it } from "vitest";
import { referenceIndex, rulesHash, rulesText } from "../src/node.ts";

const doc = readFileSync(new URL("../../../docs/indices.md", import.meta.url), "utf8");

describe("reference indices", () => {
  it.each(INDEX_TICKERS)("%s: docs/indices.md lists the hash of the rules file", (ticker) => {
    expect(rulesText(ticker)).toContain(`index rules: ${ticker} (version 1)`);
    expect(doc).toContain(`| ${ticker} | \`${rulesHash(ticker)}\` |`);
  });

  it("registers with the rules' bounds and the given arbiter", () => {
    const arbiter = "0x000000000000000000000000000000000000a4b1";
    const { indexId, config } = referenceIndex("CPI-U", arbiter, { challengeWindow: 60 });
    expect(indexId.startsWith("0x4350492d55")).toBe(true); // "CPI-U"
    expect(config.arbiter).toBe(arbiter);
    expect(config.challengeWindow).toBe(60);
    expect(config.minValueWad).toBe(10n ** 18n);
    expect(config.maxValueWad).toBe(10n ** 25n);
  });
});
