import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CsvFormatError,
  DataFileError,
  loadCpi,
  loadDvol,
  loadEurUsd,
  loadGas,
  loadPriceCsv,
  MissingColumnError,
  parseCsv,
  selectWindow,
  WindowError,
} from "../src/index.ts";
import { file } from "./helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "pn-sim-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe("loaders on the real files", () => {
  const hourly = loadPriceCsv(file("eth_usd_1h_composite.csv"));

  it("reads the hourly composite exactly: bar time is the close (open + 1 h)", () => {
    expect(hourly.t.length).toBe(90_896);
    expect(hourly.barSeconds).toBe(3600);
    expect(hourly.t[0]).toBe(1_438_956_000 + 3600);
    expect(hourly.x[0]).toBe(3);
    expect(hourly.x.at(-1)).toBe(2258.74);
  });

  it("cuts windows by bar start, inclusive of the `to` day", () => {
    const day = selectWindow(hourly, { from: "2020-03-12", to: "2020-03-12" });
    expect(day.t.length).toBe(24);
    expect(new Date((day.t[0] ?? 0) * 1000).toISOString()).toBe("2020-03-12T01:00:00.000Z");
    const daily = loadPriceCsv(file("eth_usd_1d_composite.csv"));
    const bt = selectWindow(daily, { from: "2020-03-12", to: "2020-03-13" });
    expect(Array.from(bt.x)).toEqual([108.78, 135.45]);
    expect(() => selectWindow(daily, { from: "2020-03-12", to: "2020-03-12" })).toThrow(/needs at least 2/);
  });

  it("replaces the single-venue one-bar spike of 2017-05-07 22:00 when asked", () => {
    const clean = loadPriceCsv(file("eth_usd_1h_composite.csv"), { despikeLogThreshold: 0.25 });
    expect(clean.despiked).toContain("2017-05-07T23:00Z");
    expect(Math.min(...selectWindow(clean, { from: "2017-05-07", to: "2017-05-07" }).x)).toBeGreaterThan(80);
  });

  it("reads DVOL (decimal, known from the day's end), ECB, CPI-U and gas", () => {
    const dvol = loadDvol(file("eth_dvol_daily_deribit.csv"));
    expect(dvol.t[0]).toBe(1_616_544_000 + 86_400);
    expect(dvol.v[0]).toBeCloseTo(1.0673, 10);
    const ecb = loadEurUsd(file("eurusd_daily_ecb.csv"));
    expect(ecb.dates[0]).toBe("1999-01-04");
    expect(ecb.usdPerEur[0]).toBe(1.1789);
    const cpi = loadCpi(file("us_cpi_u_monthly.csv"));
    expect(cpi.get("2020-01")).toBe(257.971);
    expect(cpi.has("2025-10")).toBe(false);
    const gas = loadGas(file("eth_gas_10min_crash_days_stablesims.csv"));
    expect(gas.v[0]).toBe(9.8997);
  });
});

describe("loader errors name the file, line and fix", () => {
  it("missing file", () => {
    expect(() => loadPriceCsv(join(tmp, "nope.csv"))).toThrow(DataFileError);
    expect(() => loadPriceCsv(join(tmp, "nope.csv"))).toThrow(/no such file/);
  });

  it("missing column lists the columns that exist", () => {
    const path = write("cols.csv", "unix,price\n1,2\n2,3\n");
    expect(() => loadPriceCsv(path)).toThrow(MissingColumnError);
    expect(() => loadPriceCsv(path)).toThrow(/Its columns are: unix, price/);
    expect(loadPriceCsv(path, { column: "price" }).x[1]).toBe(3);
  });

  it("a non-number, a ragged row and unsorted times point at the line", () => {
    expect(() => loadPriceCsv(write("nan.csv", "unix,close\n1,2\n2,abc\n"))).toThrow(
      /nan.csv:3: column "close" is "abc"/,
    );
    expect(() => parseCsv("a,b\n1,2\n3\n", "ragged.csv")).toThrow(CsvFormatError);
    expect(() => loadPriceCsv(write("order.csv", "unix,close\n2,2\n1,3\n"))).toThrow(
      /order.csv:3: time 1 is not after/,
    );
  });

  it("a window outside the data, reversed, or not a date", () => {
    const prices = loadPriceCsv(file("eth_usd_1d_composite.csv"));
    expect(() => selectWindow(prices, { from: "2030-01-01" })).toThrow(WindowError);
    expect(() => selectWindow(prices, { from: "2030-01-01" })).toThrow(/The data covers 2015-08-07/);
    expect(() => selectWindow(prices, { from: "2021-01-02", to: "2021-01-01" })).toThrow(/must be before/);
    expect(() => selectWindow(prices, { from: "2021-02-30" })).toThrow(/not a real calendar date/);
    expect(() => selectWindow(prices, { from: "yesterday" })).toThrow(/not a UTC date/);
  });
});
