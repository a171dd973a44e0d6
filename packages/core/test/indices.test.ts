import { describe, expect, it } from "vitest";
import {
  cpiIndexValue,
  cpiMonthFor,
  eurIndexValue,
  eurRateFor,
  IndexValueOutOfBoundsError,
  InvalidDecimalError,
  NoSourcePriceError,
  parseWad,
  roundDownWad,
  usdAggregate,
  usdIndexValue,
  WAD,
} from "../src/index.ts";

const M = 1_798_675_200n; // 2026-12-31T00:00:00Z
const hour = 3600n;

describe("decimal", () => {
  it("parses exactly", () => {
    expect(parseWad("1234.5678")).toBe(1_234_567_800_000_000_000_000n);
    expect(parseWad("0.000000000000000001")).toBe(1n);
    expect(parseWad("3")).toBe(3n * WAD);
  });
  it("rejects what is not a plain decimal", () => {
    for (const bad of ["-1", "1e3", "abc", "1.0000000000000000001", ""]) {
      expect(() => parseWad(bad)).toThrow(InvalidDecimalError);
    }
  });
  it("rounds down to decimals", () => {
    expect(roundDownWad(parseWad("1234.123456789"), 8)).toBe(parseWad("1234.12345678"));
  });
});

describe("USD rules", () => {
  it("takes the lower median of fresh sources and rounds to 8 decimals", () => {
    const prices = [
      { priceWad: parseWad("2500.123456789"), endsAt: M },
      { priceWad: parseWad("2490"), endsAt: M },
      { priceWad: parseWad("2510"), endsAt: M },
      { priceWad: parseWad("2600"), endsAt: M - 7n * hour }, // stale: left out
    ];
    expect(usdIndexValue(prices, M)).toBe(parseWad("2500.12345678"));
    expect(usdAggregate(prices.slice(0, 2), M)).toBe(parseWad("2490"));
  });
  it("ignores candles ending after M and falls back to the latest close when all are stale", () => {
    const prices = [
      { priceWad: parseWad("100"), endsAt: M + hour },
      { priceWad: parseWad("90"), endsAt: M - 10n * hour },
      { priceWad: parseWad("95"), endsAt: M - 8n * hour },
    ];
    expect(usdIndexValue(prices, M)).toBe(parseWad("95"));
  });
  it("fails clearly without prices or out of bounds", () => {
    expect(() => usdIndexValue([], M)).toThrow(NoSourcePriceError);
    expect(() => usdIndexValue([{ priceWad: parseWad("0.5"), endsAt: M }], M)).toThrow(
      IndexValueOutOfBoundsError,
    );
  });
});

describe("EUR rules", () => {
  it("divides by the ECB rate dated strictly before M's date", () => {
    const rates = [
      { date: "2026-12-29", usdPerEurWad: parseWad("1.25") },
      { date: "2026-12-30", usdPerEurWad: parseWad("1.2") },
      { date: "2026-12-31", usdPerEurWad: parseWad("1.1") },
    ];
    const rate = eurRateFor(rates, M);
    expect(rate).toBe(parseWad("1.2"));
    expect(eurIndexValue(parseWad("2400"), rate)).toBe(parseWad("2000"));
    expect(eurIndexValue(parseWad("1000"), parseWad("3"))).toBe(parseWad("333.33333333"));
  });
});

describe("CPI-U rules", () => {
  it("uses the print two months before M's month", () => {
    expect(cpiMonthFor(M)).toBe("2026-10");
    expect(cpiMonthFor(1_769_904_000n)).toBe("2025-12"); // 2026-02-01
    expect(cpiMonthFor(1_767_225_600n)).toBe("2025-11"); // 2026-01-01
  });
  it("deflates to January-2020 dollars", () => {
    expect(cpiIndexValue(parseWad("2579.71"), 257_971n)).toBe(parseWad("2579.71"));
    expect(cpiIndexValue(parseWad("3000"), 325_252n)).toBe(parseWad("2379.42579907"));
  });
});
