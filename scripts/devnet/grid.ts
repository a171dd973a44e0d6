// The devnet's standard grid of series: for each index, strikes at fixed fractions of the index value and
// maturities on fixed dates (weekly Fridays and the last Friday of each month, 00:00 UTC, so every price source,
// daily candles included, qualifies under the USD rules). Pure: the runner creates what is missing.
import type { IndexTicker } from "@pn/core";

const DAY = 86_400n;
const WEEK = 7n * DAY;
/** 1970-01-02 was a Friday. */
const FIRST_FRIDAY = DAY;

export type GridSpec = {
  ticker: IndexTicker;
  strikeFractions: readonly number[];
  weekly: number;
  monthly: number;
};

/** USD gets the full grid; EUR and CPI-U a monthly pair. */
export const DEVNET_GRID: readonly GridSpec[] = [
  { ticker: "USD", strikeFractions: [0.5, 0.65, 0.8], weekly: 4, monthly: 2 },
  { ticker: "EUR", strikeFractions: [0.5, 0.7], weekly: 0, monthly: 2 },
  { ticker: "CPI-U", strikeFractions: [0.5, 0.7], weekly: 0, monthly: 2 },
];

/** The next `count` Fridays 00:00 UTC strictly after `now`. */
export function weeklyMaturities(now: bigint, count: number): bigint[] {
  const first = FIRST_FRIDAY + ((now - FIRST_FRIDAY) / WEEK + 1n) * WEEK;
  return Array.from({ length: count }, (_, i) => first + BigInt(i) * WEEK);
}

/** The last Friday 00:00 UTC of each of the next `count` months whose last Friday is after `now`. */
export function monthlyMaturities(now: bigint, count: number): bigint[] {
  const out: bigint[] = [];
  const date = new Date(Number(now) * 1000);
  for (let m = 0; out.length < count && m < count + 2; m++) {
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + m + 1, 0));
    const back = (lastDay.getUTCDay() + 2) % 7; // days from the last Friday to the month's last day
    const friday =
      BigInt(Date.UTC(lastDay.getUTCFullYear(), lastDay.getUTCMonth(), lastDay.getUTCDate() - back)) / 1000n;
    if (friday > now) out.push(friday);
  }
  return out;
}

/** A strike rounded down to a round number: 2 significant digits (1537 -> 1500, 86.4 -> 86). */
export function roundStrike(valueWad: bigint): bigint {
  const whole = valueWad / 10n ** 18n;
  if (whole < 100n) return whole * 10n ** 18n;
  const unit = 10n ** BigInt(whole.toString().length - 2);
  return (whole / unit) * unit * 10n ** 18n;
}

export type GridSeries = { ticker: IndexTicker; strikeWad: bigint; maturity: bigint };

/** Every series the grid wants at time `now`, given each index's current value (WAD). */
export function gridAt(now: bigint, values: ReadonlyMap<IndexTicker, bigint>): GridSeries[] {
  const out: GridSeries[] = [];
  for (const spec of DEVNET_GRID) {
    const value = values.get(spec.ticker);
    if (value === undefined) continue;
    const maturities = [...weeklyMaturities(now, spec.weekly), ...monthlyMaturities(now, spec.monthly)];
    for (const maturity of [...new Set(maturities)]) {
      for (const fraction of spec.strikeFractions) {
        const strikeWad = roundStrike((value * BigInt(Math.round(fraction * 1000))) / 1000n);
        if (strikeWad > 0n) out.push({ ticker: spec.ticker, strikeWad, maturity });
      }
    }
  }
  return out;
}
