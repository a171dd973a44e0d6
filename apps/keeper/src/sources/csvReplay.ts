// Replays a candle CSV from data/ (eth_usd_1h_*.csv, ethusdt_1h_binance.csv, eth_usd_1d_*.csv) as a price source:
// candles are labelled by their open time (`unix`), so a candle ends at `unix + barSeconds`.

import { parseWad } from "@pn/core";
import { SourceError } from "../framework/errors.ts";
import { column, lastAtOrBefore, readCsv } from "./csv.ts";
import type { PriceSource, SourcePrice } from "./source.ts";

export type CsvReplaySourceParameters = {
  name: string;
  file: string;
  /** Candle length: 3600 for hourly files, 86400 for daily ones. */
  barSeconds: bigint;
  timeColumn?: string;
  closeColumn?: string;
};

const HOUR = 3600n;

/**
 * A source backed by a candle CSV. Hourly (or shorter) candles: the latest one ending at or before M. Longer
 * candles (daily): only the one ending exactly at M, as the USD rules allow daily candles only at 00:00 UTC.
 *
 * @example
 * const kraken = new CsvReplaySource({ name: "kraken", file: "data/eth_usd_1h_kraken.csv", barSeconds: 3600n });
 * await kraken.priceAt(1_655_510_400n); // { priceWad: …, endsAt: 1_655_510_400n }
 */
export class CsvReplaySource implements PriceSource {
  readonly name: string;
  readonly #p: CsvReplaySourceParameters;
  #ends: bigint[] | undefined;
  #closes: string[] = [];

  constructor(parameters: CsvReplaySourceParameters) {
    this.name = parameters.name;
    this.#p = parameters;
  }

  #load(): bigint[] {
    if (this.#ends !== undefined) return this.#ends;
    const { file, barSeconds } = this.#p;
    const table = readCsv(file, this.name);
    const time = column(table, this.#p.timeColumn ?? "unix", file, this.name);
    const close = column(table, this.#p.closeColumn ?? "close", file, this.name);
    const ends: bigint[] = [];
    for (const row of table.rows) {
      const open = row[time];
      const price = row[close];
      if (open === undefined || price === undefined || !/^\d+$/.test(open)) {
        throw new SourceError({
          source: this.name,
          problem: `${file} has a malformed row: ${row.join(",")}`,
          fix: "Repair the row (unix seconds and a decimal close).",
        });
      }
      const end = BigInt(open) + barSeconds;
      if (ends.length > 0 && end <= (ends.at(-1) ?? 0n)) {
        throw new SourceError({
          source: this.name,
          problem: `${file} is not sorted by time`,
          fix: "Sort the rows ascending by time.",
        });
      }
      ends.push(end);
      this.#closes.push(price);
    }
    this.#ends = ends;
    return ends;
  }

  async priceAt(timestamp: bigint): Promise<SourcePrice | undefined> {
    const ends = this.#load();
    const i = lastAtOrBefore(ends, timestamp);
    const endsAt = ends[i];
    const close = this.#closes[i];
    if (endsAt === undefined || close === undefined) return undefined;
    if (this.#p.barSeconds > HOUR && endsAt !== timestamp) return undefined;
    return { priceWad: parseWad(close), endsAt };
  }
}
