// The non-price inputs of the EUR and CPI-U rules, read from the project's data files: the ECB's USD-per-EUR
// reference rates (eurusd_daily_ecb.csv) and BLS CPI-U prints (us_cpi_u_monthly.csv). Which date or month applies
// to M is decided by @pn/core (`eurRateFor`, `cpiMonthFor`).

import { parseWad } from "@pn/core";
import { SourceError } from "../framework/errors.ts";
import { column, readCsv } from "./csv.ts";

export type EurRate = { date: string; usdPerEurWad: bigint };

/** ECB reference rates, `date,usd_per_eur`. */
export class EcbCsvSource {
  readonly name: string;
  readonly #file: string;
  #rates: EurRate[] | undefined;

  constructor({ file, name = "ecb" }: { file: string; name?: string }) {
    this.#file = file;
    this.name = name;
  }

  /** Every dated rate in the file. */
  rates(): readonly EurRate[] {
    if (this.#rates !== undefined) return this.#rates;
    const table = readCsv(this.#file, this.name);
    const date = column(table, "date", this.#file, this.name);
    const rate = column(table, "usd_per_eur", this.#file, this.name);
    this.#rates = table.rows.map((row) => ({
      date: row[date] ?? "",
      usdPerEurWad: parseWad(row[rate] ?? ""),
    }));
    return this.#rates;
  }
}

const MILLI_IN_WAD = 10n ** 15n;

/** CPI-U prints, `month,cpi_u_nsa_1982_84_eq_100`, as exact thousandths. */
export class CpiCsvSource {
  readonly name: string;
  readonly #file: string;
  #prints: Map<string, bigint> | undefined;

  constructor({ file, name = "cpi" }: { file: string; name?: string }) {
    this.#file = file;
    this.name = name;
  }

  #load(): Map<string, bigint> {
    if (this.#prints !== undefined) return this.#prints;
    const table = readCsv(this.#file, this.name);
    const month = column(table, "month", this.#file, this.name);
    const value = column(table, "cpi_u_nsa_1982_84_eq_100", this.#file, this.name);
    this.#prints = new Map(table.rows.map((row) => [row[month] ?? "", this.#milli(row[value] ?? "")]));
    return this.#prints;
  }

  #milli(text: string): bigint {
    const wad = parseWad(text);
    if (wad % MILLI_IN_WAD !== 0n) {
      throw new SourceError({
        source: this.name,
        problem: `CPI value ${text} has more than three decimals`,
        fix: "CPI-U prints have three decimals; fix the file.",
      });
    }
    return wad / MILLI_IN_WAD;
  }

  /** The print for `month` ("YYYY-MM") in thousandths; throws `SourceError` when the month is missing. */
  cpiMilli(month: string): bigint {
    const print = this.#load().get(month);
    if (print === undefined) {
      throw new SourceError({
        source: this.name,
        problem: `no CPI-U print for ${month} in ${this.#file}`,
        fix: "Add the BLS print for that month (first published value) to the file; the question cannot be answered without it.",
      });
    }
    return print;
  }
}
