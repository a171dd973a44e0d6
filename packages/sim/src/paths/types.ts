// The shapes every path shares, historical or generated.

/** A price path of one index: x in index units per ETH at strictly increasing times. */
export type PriceSeries = {
  /** Human label, e.g. "data/eth_usd_1h_composite.csv" or "gbm(seed 1)". */
  label: string;
  /** Index ticker the values are in ("USD", "EUR", "CPI-U"). */
  index: string;
  /** The length of one bar in seconds (0 for point snapshots). A bar's time is its close. */
  barSeconds: number;
  /** Bar close times, unix seconds, strictly increasing. */
  t: Float64Array;
  /** Index value per ETH at each time. */
  x: Float64Array;
};

/** A price path with the annualised implied volatility the market quoted at each time. */
export type MarketPath = PriceSeries & {
  iv: Float64Array;
  /** Where the volatility came from, e.g. "DVOL 1,840 days; realised 30 d + 5.0 vol pts before". */
  ivNote: string;
};

/** A dated scalar series (DVOL, gas price): value v[i] known from time t[i] on. */
export type TimeSeries = { label: string; t: Float64Array; v: Float64Array };
