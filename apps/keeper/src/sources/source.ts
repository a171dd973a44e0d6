// The price-source plug-in interface. A source answers one question: "what was your candle close for time M?"
// with its latest candle ending at or before M (the USD rules' "price of a source"), or `undefined` if it has
// none. Which candles qualify (staleness, median) is decided by @pn/core's index functions, not here.

import type { SourcePrice } from "@pn/core";

export type { SourcePrice };

export interface PriceSource {
  /** Names the source in logs and errors. */
  readonly name: string;
  /**
   * The close of the latest candle ending at or before `timestamp`, with the time it ended; `undefined` when the
   * source has no such candle. Throws `SourceError` when the source cannot be read.
   */
  priceAt(timestamp: bigint): Promise<SourcePrice | undefined>;
}

/** The end of the last 1-hour candle ending at or before M (the candle opening an hour earlier). */
export function candleEndAtOrBefore(timestamp: bigint, barSeconds: bigint): bigint {
  return timestamp - (timestamp % barSeconds);
}
