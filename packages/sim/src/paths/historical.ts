// One call from files to a market path: prices (any CSV of the data/ shape), the chosen index, a window, and
// implied volatility from DVOL or trailing realised vol + spread. Volatility is computed on the whole file
// before the window is cut, so a window's first bars have their history.

import { loadCpi, loadDvol, loadEurUsd, loadPriceCsv, rangeText, selectWindow } from "../data/loaders.ts";
import type { Window } from "../data/time.ts";
import { InvalidParameterError } from "../errors.ts";
import { type IndexSpec, toIndexSeries } from "./indices.ts";
import type { MarketPath } from "./types.ts";
import { attachImpliedVol } from "./vol.ts";

export type HistoricalPathOptions = {
  pricesPath: string;
  column?: string;
  window?: Window;
  index?: "USD" | "EUR" | "CPI-U";
  ecbPath?: string;
  cpiPath?: string;
  /** DVOL file; without it volatility is realised + spread throughout. */
  dvolPath?: string;
  ivSpread?: number;
  ivWindowDays?: number;
  /** One-bar spike filter threshold (log move); default 0.25; 0 turns it off. */
  despikeLogThreshold?: number;
};

export type HistoricalPath = { path: MarketPath; note: string; despiked: readonly string[] };

export function loadHistoricalPath(options: HistoricalPathOptions): HistoricalPath {
  const threshold = options.despikeLogThreshold ?? 0.25;
  const prices = loadPriceCsv(options.pricesPath, {
    ...(options.column === undefined ? {} : { column: options.column }),
    ...(threshold > 0 ? { despikeLogThreshold: threshold } : {}),
  });
  const indexed = toIndexSeries(prices, indexSpec(options));
  const path = attachImpliedVol(indexed, {
    ...(options.dvolPath === undefined ? {} : { dvol: loadDvol(options.dvolPath) }),
    ...(options.ivSpread === undefined ? {} : { spread: options.ivSpread }),
    ...(options.ivWindowDays === undefined ? {} : { realisedWindowDays: options.ivWindowDays }),
  });
  const windowed = options.window === undefined ? path : selectWindow(path, options.window);
  const spikes = prices.despiked.length === 0 ? "" : `; ${prices.despiked.length} one-bar spike(s) replaced`;
  const note = `${options.pricesPath} (${options.index ?? "USD"}), ${rangeText(windowed)}; ${windowed.ivNote} (whole file)${spikes}`;
  return { path: windowed, note, despiked: prices.despiked };
}

function indexSpec(options: HistoricalPathOptions): IndexSpec {
  const index = options.index ?? "USD";
  if (index === "USD") return { index };
  if (index === "EUR") {
    if (options.ecbPath === undefined) {
      throw new InvalidParameterError({
        field: "ecbPath",
        value: "none",
        expected: "the ECB EUR/USD file for the EUR index",
      });
    }
    return { index, ecb: loadEurUsd(options.ecbPath) };
  }
  if (options.cpiPath === undefined) {
    throw new InvalidParameterError({
      field: "cpiPath",
      value: "none",
      expected: "the CPI-U file for the CPI-U index",
    });
  }
  return { index, cpi: loadCpi(options.cpiPath) };
}
