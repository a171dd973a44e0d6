// USD, EUR and CPI-U index paths from one ETH/USD path, with the rules of packages/core: the ECB rate dated
// strictly before M's UTC date, and the CPI-U print of the month two calendar months before M's month.

import { CPI_BASE_MILLI, cpiMonthFor, eurRateCutoffDate } from "@pn/core";
import { InvalidParameterError, MissingReferenceDataError } from "../errors.ts";
import type { PriceSeries } from "./types.ts";

export type EcbRates = { dates: readonly string[]; usdPerEur: Float64Array };
export type IndexSpec =
  | { index: "USD" }
  | { index: "EUR"; ecb: EcbRates }
  | { index: "CPI-U"; cpi: ReadonlyMap<string, number> };

const CPI_BASE = Number(CPI_BASE_MILLI) / 1000;

/** Converts an ETH/USD path into the chosen index's units per ETH. */
export function toIndexSeries(usd: PriceSeries, spec: IndexSpec): PriceSeries {
  if (usd.index !== "USD") {
    throw new InvalidParameterError({ field: "index", value: usd.index, expected: "a USD path to convert" });
  }
  if (spec.index === "USD") return usd;
  const x = new Float64Array(usd.x.length);
  for (let i = 0; i < x.length; i++) {
    const time = usd.t[i] ?? 0;
    const usdValue = usd.x[i] ?? 0;
    x[i] =
      spec.index === "EUR"
        ? usdValue / ecbRateFor(spec.ecb, time)
        : (usdValue * CPI_BASE) / cpiFor(spec.cpi, time);
  }
  return { ...usd, label: `${usd.label} in ${spec.index}`, index: spec.index, x };
}

/** The ECB USD-per-EUR rate the EUR rules use at time t: the latest dated strictly before t's UTC date. */
export function ecbRateFor(ecb: EcbRates, time: number): number {
  const cutoff = eurRateCutoffDate(BigInt(Math.floor(time)));
  let low = 0;
  let high = ecb.dates.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((ecb.dates[mid] ?? "") < cutoff) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  const rate = ecb.usdPerEur[found];
  if (found < 0 || rate === undefined) {
    throw new MissingReferenceDataError({
      what: "ECB EUR/USD rate",
      at: `a time on ${cutoff}`,
      fix: "Use a window after the ECB file's first date, or a longer ECB file.",
    });
  }
  return rate;
}

/**
 * The CPI-U level the CPI rules use at time t (the print two months before t's month). A month missing inside
 * the file (2025-10, never published) is interpolated linearly between its neighbours.
 */
export function cpiFor(cpi: ReadonlyMap<string, number>, time: number): number {
  const month = cpiMonthFor(BigInt(Math.floor(time)));
  const value = cpi.get(month);
  if (value !== undefined) return value;
  const before = neighbour(cpi, month, -1);
  const after = neighbour(cpi, month, 1);
  if (before === undefined || after === undefined) {
    throw new MissingReferenceDataError({
      what: "CPI-U print",
      at: `month ${month} (used from ${new Date(time * 1000).toISOString().slice(0, 7)})`,
      fix: "Use a window the CPI file covers (it ends two months before its last print's use), or a newer CPI file.",
    });
  }
  const weight = before.distance / (before.distance + after.distance);
  return before.value + (after.value - before.value) * weight;
}

function neighbour(
  cpi: ReadonlyMap<string, number>,
  month: string,
  step: 1 | -1,
): { value: number; distance: number } | undefined {
  const [year = 0, monthNumber = 1] = month.split("-").map(Number);
  for (let distance = 1; distance <= 12; distance++) {
    const index = year * 12 + monthNumber - 1 + step * distance;
    const key = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    const value = cpi.get(key);
    if (value !== undefined) return { value, distance };
  }
  return undefined;
}
