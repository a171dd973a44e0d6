// Series keys, ids and token names, mirroring contracts/src/types/SeriesKey.sol (SeriesKeyLib).

import type { Address, Hex } from "viem";
import { encodePacked, isAddress, isHex, keccak256 } from "viem/utils"; // lighter than the root entry: faster ffi spawns
import { UINT40_LIMIT, UINT128_LIMIT, WAD } from "./constants.ts";
import { InvalidIndexIdError, InvalidSeriesKeyError, InvalidTickerError } from "./errors.ts";

/** Everything that defines a series; same fields and types as the Solidity `SeriesKey`. */
export type SeriesKey = {
  /** The ERC-20 each pair is backed by (WETH for ETH). */
  collateral: Address;
  /** The oracle asked "what was `indexId` at `maturity`?". */
  oracle: Address;
  /** bytes32 index name, e.g. `indexIdFromTicker("USD")`. */
  indexId: Hex;
  /** S, index units per whole collateral unit, scaled by 1e18 (uint128). */
  strikeWad: bigint;
  /** M, unix seconds (uint40). */
  maturity: bigint;
};

/** Side of a pair: P redeems `min(1, S/x)`, N redeems `max(0, 1 - S/x)`. Solidity `Side.P = 0`, `Side.N = 1`. */
export type Side = "P" | "N";

const MAX_TICKER_LENGTH = 31;
const SECONDS_PER_DAY = 86_400n;

function isBytes32(value: string): value is Hex {
  return isHex(value, { strict: true }) && value.length === 66;
}

/** Throws `InvalidSeriesKeyError` unless every field fits the type `SeriesKeyLib.pack` encodes it as. */
export function assertSeriesKey(key: SeriesKey): void {
  if (!isAddress(key.collateral)) {
    throw new InvalidSeriesKeyError({ field: "collateral", value: key.collateral, expected: "an address" });
  }
  if (!isAddress(key.oracle)) {
    throw new InvalidSeriesKeyError({ field: "oracle", value: key.oracle, expected: "an address" });
  }
  assertKeyIndexId(key.indexId);
  assertKeyStrike(key.strikeWad);
  assertKeyMaturity(key.maturity);
}

function assertKeyIndexId(indexId: Hex): void {
  if (!isBytes32(indexId)) {
    throw new InvalidSeriesKeyError({ field: "indexId", value: indexId, expected: "a bytes32" });
  }
}

function assertKeyStrike(strikeWad: bigint): void {
  if (strikeWad < 0n || strikeWad >= UINT128_LIMIT) {
    throw new InvalidSeriesKeyError({ field: "strikeWad", value: strikeWad, expected: "a uint128" });
  }
}

function assertKeyMaturity(maturity: bigint): void {
  if (maturity < 0n || maturity >= UINT40_LIMIT) {
    throw new InvalidSeriesKeyError({
      field: "maturity",
      value: maturity,
      expected: "a uint40 (unix seconds)",
    });
  }
}

/**
 * The 93-byte packed key: `abi.encodePacked(collateral, oracle, indexId, strikeWad, maturity)`, as
 * `SeriesKeyLib.pack`.
 */
export function packSeriesKey(key: SeriesKey): Hex {
  assertSeriesKey(key);
  return encodePacked(
    ["address", "address", "bytes32", "uint128", "uint40"],
    [key.collateral, key.oracle, key.indexId, key.strikeWad, Number(key.maturity)], // uint40 is a number in viem
  );
}

/** The series id: `keccak256(packSeriesKey(key))`, as `SeriesKeyLib.toId` and `IPNCore.seriesId`. */
export function seriesId(key: SeriesKey): Hex {
  return keccak256(packSeriesKey(key));
}

/** The packed immutable args of a series token, as `SeriesKeyLib.tokenArgs`: the packed key, then one side byte. */
export function tokenArgs(key: SeriesKey, side: Side): Hex {
  return `${packSeriesKey(key)}${side === "P" ? "00" : "01"}`;
}

function isTickerByte(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

/**
 * The index id of a ticker: its ASCII bytes, left-aligned and zero-padded to 32 bytes.
 * A ticker is 1 to 31 printable characters without spaces (0x21..0x7e).
 * @example indexIdFromTicker("USD") // 0x5553440000…00
 */
export function indexIdFromTicker(ticker: string): Hex {
  if (ticker.length === 0) throw new InvalidTickerError({ ticker, reason: "it is empty" });
  if (ticker.length > MAX_TICKER_LENGTH) {
    throw new InvalidTickerError({ ticker, reason: `it is longer than ${MAX_TICKER_LENGTH} characters` });
  }
  let hex = "";
  for (let i = 0; i < ticker.length; i++) {
    const code = ticker.charCodeAt(i);
    if (!isTickerByte(code)) {
      throw new InvalidTickerError({ ticker, reason: `character ${i} is not printable ASCII` });
    }
    hex += code.toString(16).padStart(2, "0");
  }
  return `0x${hex.padEnd(64, "0")}`;
}

/**
 * The ticker an index id spells, or `undefined` if it spells none: 1 to 31 bytes in 0x21..0x7e, then only zero
 * bytes. Exactly the ids `indexIdFromTicker` produces.
 */
export function tickerFromIndexId(indexId: Hex): string | undefined {
  if (!isBytes32(indexId)) throw new InvalidIndexIdError({ indexId });
  let ticker = "";
  let ended = false;
  for (let i = 0; i < 32; i++) {
    const code = Number.parseInt(indexId.slice(2 + 2 * i, 4 + 2 * i), 16);
    if (code === 0) ended = true;
    else if (ended || !isTickerByte(code)) return undefined;
    else ticker += String.fromCharCode(code);
  }
  return ticker.length > 0 && ticker.length <= MAX_TICKER_LENGTH ? ticker : undefined;
}

/** The index label in a symbol: the ticker, or `0x` + the first 4 bytes in lowercase hex if there is none. */
export function indexLabel(indexId: Hex): string {
  return tickerFromIndexId(indexId) ?? indexId.slice(0, 10).toLowerCase();
}

/** A WAD amount as a decimal: integer part, then `.` and the fraction without trailing zeros if it is non-zero. */
export function formatWad(valueWad: bigint): string {
  const integer = valueWad / WAD;
  const fraction = valueWad % WAD;
  if (fraction === 0n) return integer.toString();
  return `${integer}.${fraction.toString().padStart(18, "0").replace(/0+$/, "")}`;
}

const pad2 = (n: number): string => n.toString().padStart(2, "0");

/** A maturity as `YYYYMMDD` in UTC, plus `T` + `HHMM` when it is not exactly midnight UTC. Seconds are dropped. */
export function formatMaturity(maturity: bigint): string {
  const date = new Date(Number(maturity) * 1000); // maturity < 2^40 s, well inside Date's exact range
  const day = `${date.getUTCFullYear()}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}`;
  if (maturity % SECONDS_PER_DAY === 0n) return day;
  return `${day}T${pad2(date.getUTCHours())}${pad2(date.getUTCMinutes())}`;
}

/**
 * The ERC-20 symbol of a series token. The Solidity token (IPNToken) must build the same string:
 *
 *   `<side>-<index>-<strike>-<date>[T<HHMM>]`, e.g. `P-USD-1500-20261231`, `N-EUR-0.95-20270115T0800`
 *
 * - side: `P` or `N`.
 * - index: the ticker if `indexId` is 1..31 bytes in 0x21..0x7e followed only by zero bytes; otherwise `0x` and
 *   the first 4 bytes of `indexId` in lowercase hex (`0xdeadbeef`).
 * - strike: `strikeWad / 1e18` in decimal; if `strikeWad % 1e18 != 0`, then `.` and that remainder as 18 digits
 *   (zero-padded on the left) with trailing zeros removed (1500.5e18 -> `1500.5`, 1 wei -> `0.000000000000000001`).
 * - date: the UTC calendar date of `maturity` as `YYYYMMDD` (the year in plain decimal, month and day two digits).
 * - if `maturity % 86400 != 0`: `T`, then the UTC hour and minute, two digits each (`T0800`). Seconds are not shown.
 */
export function seriesSymbol(key: SeriesKey, side: Side): string {
  assertKeyIndexId(key.indexId);
  assertKeyStrike(key.strikeWad);
  assertKeyMaturity(key.maturity);
  return `${side}-${indexLabel(key.indexId)}-${formatWad(key.strikeWad)}-${formatMaturity(key.maturity)}`;
}

/** The ERC-20 name of a series token: `pn ` + its symbol, e.g. `pn P-USD-1500-20261231`. */
export function seriesName(key: SeriesKey, side: Side): string {
  return `pn ${seriesSymbol(key, side)}`;
}
