// The keeper's x at M from the data files, through @pn/core's rule functions only.

import { resolve } from "node:path";
import { CPI_BASE_MILLI, INDEX_DECIMALS, parseWad, roundDownWad, WAD } from "@pn/core";
import { describe, expect, it } from "vitest";
import { memoryLogger } from "../src/framework/log.ts";
import { computeIndexValue, TooFewSourcesError } from "../src/oracle/indexValue.ts";
import { CsvReplaySource } from "../src/sources/csvReplay.ts";
import { CpiCsvSource, EcbCsvSource } from "../src/sources/fxCpi.ts";
import type { PriceSource } from "../src/sources/source.ts";
import { repoRoot } from "./helpers/devnet.ts";
import { M, X_AT_M } from "./helpers/keeper.ts";

const data = (file: string) => resolve(repoRoot, "data", file);
const sources: PriceSource[] = [
  new CsvReplaySource({ name: "binance-1h", file: data("ethusdt_1h_binance.csv"), barSeconds: 3600n }),
  new CsvReplaySource({ name: "yahoo-1h", file: data("eth_usd_1h_yahoo.csv"), barSeconds: 3600n }),
  new CsvReplaySource({ name: "yahoo-1d", file: data("eth_usd_1d_yahoo.csv"), barSeconds: 86_400n }),
];
const broken: PriceSource = {
  name: "broken",
  priceAt: async () => {
    throw new Error("connection refused");
  },
};

describe("computeIndexValue", () => {
  it("USD: the median of the three sources' closes at M", async () => {
    const value = await computeIndexValue({ ticker: "USD", sources, minSources: 3 }, M);
    expect(value.valueWad).toBe(X_AT_M); // median of 3829.72, 3840.9604, 3843.0088
    expect(value.readings.map((r) => r.source)).toEqual(["binance-1h", "yahoo-1h", "yahoo-1d"]);
  });

  it("EUR: u / r with the ECB rate of the last business day before M's date (2025-10-10: 1.1568)", async () => {
    const ecb = new EcbCsvSource({ file: data("eurusd_daily_ecb.csv") });
    const value = await computeIndexValue({ ticker: "EUR", sources, minSources: 3, ecb }, M);
    expect(value.valueWad).toBe(roundDownWad((X_AT_M * WAD) / parseWad("1.1568"), INDEX_DECIMALS));
  });

  it("CPI-U: u * CPI(2020-01) / CPI(two months before M: 2025-08 = 323.976)", async () => {
    const cpi = new CpiCsvSource({ file: data("us_cpi_u_monthly.csv") });
    const value = await computeIndexValue({ ticker: "CPI-U", sources, minSources: 3, cpi }, M);
    expect(value.valueWad).toBe(roundDownWad((X_AT_M * CPI_BASE_MILLI) / 323_976n, INDEX_DECIMALS));
  });

  it("refuses to compute when fewer than minSources answered, and logs each failure", async () => {
    const { log, lines } = memoryLogger();
    const inputs = { ticker: "USD" as const, sources: [...sources.slice(0, 2), broken], minSources: 3 };
    await expect(computeIndexValue(inputs, M, log)).rejects.toBeInstanceOf(TooFewSourcesError);
    expect(lines.find((l) => l.msg === "price source failed")).toMatchObject({ source: "broken" });
    const lenient = await computeIndexValue({ ...inputs, minSources: 2 }, M);
    expect(lenient.valueWad).toBe(parseWad("3829.72")); // the lower of the two middle prices
  });
});
