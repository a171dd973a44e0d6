// Readers for the calibration inputs: Aave v2 liquidation events and daily ETH lows and closes.

import { columnIndex, numberAt, readCsv, textAt } from "../data/csv.ts";
import { CsvFormatError } from "../errors.ts";
import type { DailyPrice, LiquidationEvent } from "./calibrate.ts";

/** The USD stablecoins of Aave v2 counted as "USD debt". */
export const USD_STABLECOINS: readonly string[] = ["USDC", "USDT", "DAI", "TUSD", "SUSD", "GUSD", "BUSD"];

export type AaveFilter = {
  /** Collateral asset (default WETH). */
  collateral?: string;
  /** Debt assets (default USD_STABLECOINS). */
  debt?: readonly string[];
  /** Keep only this pool (lowercase address prefix); default: the main market 0xb53c… (not the AMM pool). */
  poolPrefix?: string;
};

/** Liquidation events of data/aave_v2_liquidations_rpi.csv (or a file of the same shape), filtered. */
export function loadAaveLiquidations(path: string, filter: AaveFilter = {}): LiquidationEvent[] {
  const table = readCsv(path);
  const col = (name: string) => columnIndex(table, name);
  const [time, pool, user, collateral, debt, amount, price] = [
    col("timestamp_utc"),
    col("pool"),
    col("user"),
    col("collateral_asset"),
    col("debt_asset"),
    col("debt_amount"),
    col("debt_price_usd"),
  ];
  const wantCollateral = filter.collateral ?? "WETH";
  const wantDebt = new Set(filter.debt ?? USD_STABLECOINS);
  const poolPrefix = filter.poolPrefix ?? "0xb53c";
  const events: LiquidationEvent[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    if (textAt(table, r, collateral) !== wantCollateral || !wantDebt.has(textAt(table, r, debt))) continue;
    if (!textAt(table, r, pool).toLowerCase().startsWith(poolPrefix)) continue;
    const priceText = textAt(table, r, price).trim();
    const usdPerUnit = priceText === "" ? 1 : numberAt(table, r, price);
    events.push({
      day: textAt(table, r, time).slice(0, 10),
      user: textAt(table, r, user).toLowerCase(),
      debtUsd: numberAt(table, r, amount) * usdPerUnit,
    });
  }
  return events;
}

/** Daily (UTC) lows and closes from an hourly OHLC file with `timestamp_utc`, `low` and `close` columns. */
export function loadDailyPrices(path: string): DailyPrice[] {
  const table = readCsv(path);
  const [time, low, close] = [
    columnIndex(table, "timestamp_utc"),
    columnIndex(table, "low"),
    columnIndex(table, "close"),
  ];
  const out: DailyPrice[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const day = textAt(table, r, time).slice(0, 10);
    const l = numberAt(table, r, low);
    const c = numberAt(table, r, close);
    const last = out[out.length - 1];
    if (last !== undefined && last.day === day) {
      last.low = Math.min(last.low, l);
      last.close = c;
    } else if (last !== undefined && last.day > day) {
      throw new CsvFormatError({
        path,
        line: table.lines[r] ?? 0,
        reason: `day ${day} comes after ${last.day}`,
      });
    } else out.push({ day, low: l, close: c });
  }
  return out;
}
