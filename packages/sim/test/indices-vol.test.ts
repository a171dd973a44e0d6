import { cpiMonthFor } from "@pn/core";
import { describe, expect, it } from "vitest";
import {
  attachImpliedVol,
  cpiFor,
  dailyMoves,
  ecbRateFor,
  loadCpi,
  loadDvol,
  loadEurUsd,
  loadPriceCsv,
  MissingReferenceDataError,
  removeLargestDays,
  selectWindow,
  toIndexSeries,
} from "../src/index.ts";
import { craftedPath, file } from "./helpers.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

describe("EUR and CPI-U paths follow the core's index rules", () => {
  const ecb = loadEurUsd(file("eurusd_daily_ecb.csv"));
  const cpi = loadCpi(file("us_cpi_u_monthly.csv"));

  it("EUR uses the ECB rate dated strictly before the bar's UTC date", () => {
    // 2025-10-10 = 1.1568 is used on 2025-10-11 (a Saturday) but not on 2025-10-10 itself.
    expect(ecbRateFor(ecb, at("2025-10-11T12:00:00Z"))).toBe(1.1568);
    expect(ecbRateFor(ecb, at("2025-10-10T12:00:00Z"))).not.toBe(1.1568);
  });

  it("CPI-U uses the print two months before, interpolating the unpublished 2025-10", () => {
    expect(cpiMonthFor(BigInt(at("2020-03-15T00:00:00Z")))).toBe("2020-01");
    expect(cpiFor(cpi, at("2020-03-15T00:00:00Z"))).toBe(257.971);
    const sep = cpi.get("2025-09") ?? 0;
    const nov = cpi.get("2025-11") ?? 0;
    expect(cpiFor(cpi, at("2025-12-15T00:00:00Z"))).toBeCloseTo((sep + nov) / 2, 10);
    expect(() => cpiFor(cpi, at("2030-01-01T00:00:00Z"))).toThrow(MissingReferenceDataError);
  });

  it("converts a USD path: x_EUR = x / r, x_CPI = x · CPI_base / CPI_t", () => {
    const usd = selectWindow(loadPriceCsv(file("eth_usd_1d_composite.csv")), {
      from: "2022-06-01",
      to: "2022-06-30",
    });
    const eur = toIndexSeries(usd, { index: "EUR", ecb });
    const cpiPath = toIndexSeries(usd, { index: "CPI-U", cpi });
    const t = usd.t[0] ?? 0;
    expect(eur.x[0]).toBeCloseTo((usd.x[0] ?? 0) / ecbRateFor(ecb, t), 10);
    expect(cpiPath.x[0]).toBeCloseTo(((usd.x[0] ?? 0) * 257.971) / cpiFor(cpi, t), 10);
    expect(eur.index).toBe("EUR");
  });
});

describe("implied volatility", () => {
  const hourly = loadPriceCsv(file("eth_usd_1h_composite.csv"), { despikeLogThreshold: 0.25 });
  const withIv = attachImpliedVol(hourly, {
    dvol: loadDvol(file("eth_dvol_daily_deribit.csv")),
    spread: 0.06,
  });

  it("is DVOL's latest close where DVOL exists (no look-ahead)", () => {
    const bar = selectWindow(withIv, { from: "2022-06-14T05:00:00Z", to: "2022-06-14T07:00:00Z" });
    expect(bar.iv[0]).toBeCloseTo(1.3462, 10); // the 2022-06-13 close 134.62, known from 2022-06-14 00:00
  });

  it("is trailing realised vol + the spread before DVOL, and jumps on Black Thursday", () => {
    const before = selectWindow(withIv, { from: "2020-03-10", to: "2020-03-10" });
    const after = selectWindow(withIv, { from: "2020-03-13", to: "2020-03-13" });
    expect(before.iv[0]).toBeGreaterThan(0.5);
    expect((after.iv[0] ?? 0) / (before.iv[0] ?? 1)).toBeGreaterThan(1.8);
    expect(withIv.ivNote).toMatch(/realised vol \+ 6.0 vol pts/);
  });
});

describe("removing the largest days", () => {
  it("holds the price flat through each removed day and keeps every other return", () => {
    const day = 86_400;
    const path = craftedPath({ x: [100, 101, 60, 62, 63, 70, 71], stepSeconds: day, sigma: 0.8 });
    const { series, removed } = removeLargestDays(path, 2);
    expect(removed.map((r) => r.logMove.toFixed(4))).toEqual([
      Math.log(60 / 101).toFixed(4),
      Math.log(70 / 63).toFixed(4),
    ]);
    const r = dailyMoves(series).map((m) => m.logMove);
    const original = dailyMoves(path).map((m) => m.logMove);
    expect(r[1]).toBe(0);
    expect(r[4]).toBeCloseTo(0, 12);
    expect(r[2]).toBeCloseTo(original[2] ?? 0, 12);
    expect(series.x.at(-1)).toBeCloseTo(101 * (63 / 60) * (71 / 70), 10);
  });
});
