// What the CLI values P and N at: x (index units per ETH) and σ, then Black-76 values and greeks from
// @pn/core. Given values win. A settled series is worth its exact payout. Otherwise x for USD and EUR falls back
// to the last close in the repository's data files, with the source spelled out so nobody mistakes an
// assumption for a live price.

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import {
  type Greeks,
  nGreeks,
  nPayout,
  nValue,
  nValueEth,
  parseWad,
  pGreeks,
  pPayout,
  pValue,
  pValueEth,
  SECONDS_PER_YEAR,
  WAD,
} from "@pn/core";
import { InvalidArgumentError } from "./errors.ts";
import { parsePositiveDecimal, parseVolatility, wadToNumber } from "./inputs.ts";
import { DEFAULT_FILES, REPO_ROOT } from "./paths.ts";

export type Assumed<T> = { value: T; source: string; given: boolean };

export const DEFAULT_VOLATILITY = 0.8;

export function volatility(flag: string | undefined): Assumed<number> {
  if (flag !== undefined) return { value: parseVolatility("--vol", flag), source: "--vol", given: true };
  return { value: DEFAULT_VOLATILITY, source: "default; pass --vol to change it", given: false };
}

/** `--x 2500` (every index) or `--x USD=2500,EUR=2300`, as WADs. */
export type XFlag = { all: bigint | undefined; byIndex: ReadonlyMap<string, bigint> };

export function parseXFlag(text: string | undefined): XFlag {
  if (text === undefined) return { all: undefined, byIndex: new Map() };
  if (!text.includes("=")) return { all: parsePositiveDecimal("--x", text), byIndex: new Map() };
  const byIndex = new Map<string, bigint>();
  for (const part of text.split(",")) {
    const [index, value, ...rest] = part.split("=");
    if (index === undefined || value === undefined || rest.length > 0 || index.trim() === "") {
      throw new InvalidArgumentError({
        argument: "--x",
        value: text,
        problem: "is neither a price nor a list of INDEX=price",
        fix: "Pass --x 2500 (index units per ETH), or --x USD=2500,EUR=2300 for several indices.",
      });
    }
    byIndex.set(index.trim().toUpperCase(), parsePositiveDecimal(`--x ${index.trim()}`, value));
  }
  return { all: undefined, byIndex };
}

function lastRow(file: string, minColumns: number): string[] | undefined {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  for (let i = lines.length - 1; i > 0; i--) {
    const cells = (lines[i] ?? "").split(",");
    if (cells.length >= minColumns) return cells;
  }
  return undefined;
}

function usdRateOn(date: string): { rateWad: bigint; date: string } | undefined {
  const lines = readFileSync(DEFAULT_FILES.ecb, "utf8").trim().split("\n").slice(1);
  let found: { rateWad: bigint; date: string } | undefined;
  for (const line of lines) {
    const [day, rate] = line.split(",");
    if (day === undefined || rate === undefined || day > date) break;
    found = { rateWad: parseWad(rate), date: day };
  }
  return found;
}

/** The last daily ETH/USD close in data/, as x for USD (and, divided by EUR/USD, for EUR). */
export function dataX(index: string): Assumed<bigint> | undefined {
  if (index !== "USD" && index !== "EUR") return undefined;
  try {
    const row = lastRow(DEFAULT_FILES.daily, 6);
    if (row === undefined || row[0] === undefined || row[5] === undefined) return undefined;
    const [date, , , , , close] = row;
    const usdWad = parseWad(close ?? "");
    const file = relative(REPO_ROOT, DEFAULT_FILES.daily);
    if (index === "USD") {
      return {
        value: usdWad,
        source: `assumed: last daily close in ${file}, ${date}; pass --x`,
        given: false,
      };
    }
    const eur = usdRateOn(date ?? "");
    if (eur === undefined) return undefined;
    return {
      value: (usdWad * WAD) / eur.rateWad,
      source: `assumed: ${file} close on ${date} / ECB EUR/USD of ${eur.date}; pass --x`,
      given: false,
    };
  } catch {
    return undefined;
  }
}

/** x for a series on `index`: its settlement once settled, else the flag, else the data files. */
export function indexX(index: string, flag: XFlag, settlementWad: bigint): Assumed<bigint> | undefined {
  if (settlementWad !== 0n) return { value: settlementWad, source: "settlement", given: false };
  const given = flag.byIndex.get(index.toUpperCase()) ?? flag.all;
  if (given !== undefined) return { value: given, source: "--x", given: true };
  return dataX(index);
}

export type Valuation = {
  /** Per token, in ETH (collateral units) and in index units. */
  pEth: number;
  nEth: number;
  pIndex: number;
  nIndex: number;
  /** Years to maturity (0 once matured). */
  tau: number;
  /** Exact payouts per whole token once settled (WAD), else undefined. */
  settledWad: { p: bigint; n: bigint } | undefined;
  /** Greeks in index units, while time is left. */
  greeks: { p: Greeks; n: Greeks } | undefined;
};

/** Values one P and one N of a series at x and σ (Black-76, zero rates), or at their payout once settled. */
export function valueSeries(params: {
  strikeWad: bigint;
  maturity: bigint;
  now: bigint;
  xWad: bigint;
  sigma: number;
  settlementWad: bigint;
}): Valuation {
  const { strikeWad, maturity, now, xWad, sigma, settlementWad } = params;
  const x = wadToNumber(xWad);
  if (settlementWad !== 0n) {
    const p = pPayout(WAD, strikeWad, settlementWad);
    const n = nPayout(WAD, strikeWad, settlementWad);
    const pEth = wadToNumber(p);
    const nEth = wadToNumber(n);
    return {
      pEth,
      nEth,
      pIndex: pEth * x,
      nIndex: nEth * x,
      tau: 0,
      settledWad: { p, n },
      greeks: undefined,
    };
  }
  const tau = maturity > now ? Number(maturity - now) / SECONDS_PER_YEAR : 0;
  const input = { x, strike: wadToNumber(strikeWad), tau, sigma };
  return {
    pEth: pValueEth(input),
    nEth: nValueEth(input),
    pIndex: pValue(input),
    nIndex: nValue(input),
    tau,
    settledWad: undefined,
    greeks: tau > 0 ? { p: pGreeks(input), n: nGreeks(input) } : undefined,
  };
}
