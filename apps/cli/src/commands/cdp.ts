// The CDP side of `pn crash`: Maker, Liquity and Aave borrower books (src/cdp in @pn/sim), calibrated from the
// daily prices before the day, each also run as a cascade into a market of stated depth.

import { type CdpCrashProvider, defaultCdpProvider, loadDailyPrices } from "@pn/sim";

export function cdpProvider(historyPath: string): CdpCrashProvider {
  return defaultCdpProvider({ history: loadDailyPrices(historyPath) });
}
