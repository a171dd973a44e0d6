// Index values from the project's data files, for the devnet's grid and its displayed "x now". The oracle bot
// computes settlement values itself, by the index rules, from its own configured sources.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cpiIndexValue, cpiMonthFor, eurIndexValue, eurRateFor, type IndexTicker, parseWad } from "@pn/core";
import { repoRoot } from "../tools.ts";

const dataDir = join(repoRoot, "data");

function rows(file: string): string[][] {
  const [, ...lines] = readFileSync(join(dataDir, file), "utf8").trim().split("\n");
  return lines.map((l) => l.split(","));
}

export type ReplayData = {
  from: bigint;
  to: bigint;
  /** The last daily close at or before `t` (USD per ETH, WAD). */
  ethUsdAt: (t: bigint) => bigint;
  /** Index values at `t` (WAD per ETH). */
  valuesAt: (t: bigint) => Map<IndexTicker, bigint>;
};

/** Loads the daily composite ETH/USD closes, the ECB rates and the CPI-U prints. */
export function loadReplayData(): ReplayData {
  const daily = rows("eth_usd_1d_composite.csv").map((r) => ({
    end: BigInt(r[1] ?? "0") + 86_400n,
    close: r[5] ?? "0",
  }));
  const rates = rows("eurusd_daily_ecb.csv").map((r) => ({
    date: r[0] ?? "",
    usdPerEurWad: parseWad(r[1] ?? "0"),
  }));
  const cpi = new Map(
    rows("us_cpi_u_monthly.csv").map((r) => [r[0] ?? "", BigInt(Math.round(Number(r[1]) * 1000))]),
  );
  const ethUsdAt = (t: bigint): bigint => {
    let best = daily[0];
    for (const d of daily) if (d.end <= t) best = d;
    return parseWad(best?.close ?? "0");
  };
  const valuesAt = (t: bigint) => {
    const usd = ethUsdAt(t);
    const values = new Map<IndexTicker, bigint>([["USD", usd]]);
    try {
      values.set("EUR", eurIndexValue(usd, eurRateFor(rates, t)));
    } catch {}
    const print = cpi.get(cpiMonthFor(t));
    if (print !== undefined) values.set("CPI-U", cpiIndexValue(usd, print));
    return values;
  };
  return { from: daily[0]?.end ?? 0n, to: daily.at(-1)?.end ?? 0n, ethUsdAt, valuesAt };
}

/** Parses YYYY-MM-DD as 00:00 UTC. */
export function parseDay(day: string): bigint | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : BigInt(ms / 1000);
}
