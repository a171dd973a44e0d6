// Parsing what the user types: amounts (exact decimals, never floats), times, indices, addresses, volatility.
// Each parser throws an InvalidArgumentError naming the argument and what to pass instead.

import { indexIdFromTicker, parseWad, tickerFromIndexId, WAD } from "@pn/core";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { InvalidArgumentError } from "./errors.ts";

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A decimal above zero, as a WAD (1e18-scaled) bigint, with at most `decimals` fraction digits. */
export function parsePositiveDecimal(argument: string, text: string, decimals = 18): bigint {
  const trimmed = text.trim();
  const fix = `Pass a positive decimal such as 1.5 (no sign, no exponent, at most ${decimals} decimals).`;
  const bad = (problem: string) => new InvalidArgumentError({ argument, value: text, problem, fix });
  if (trimmed.startsWith("-")) throw bad("is negative");
  if (!DECIMAL.test(trimmed)) throw bad("is not a decimal number");
  const fraction = trimmed.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw bad(`has ${fraction.length} decimals; at most ${decimals} are possible here`);
  }
  const wad = parseWad(trimmed);
  if (wad === 0n) throw bad("is zero");
  return wad;
}

/** A token amount in base units of a token with `decimals` decimals (at most 18). */
export function parseAmount(argument: string, text: string, decimals: number): bigint {
  const wad = parsePositiveDecimal(argument, text, decimals);
  return wad / 10n ** BigInt(18 - decimals);
}

/** A WAD value as a float for the pricing model (model inputs only, never amounts). */
export function wadToNumber(wad: bigint): number {
  return Number(wad / WAD) + Number(wad % WAD) / 1e18;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A UTC instant: `2026-12-31` (00:00 UTC), `2026-12-31T08:00Z`, `2026-12-31T08:00:00+00:00`, or unix seconds.
 * A time must carry its zone, so nothing depends on the machine's time zone.
 */
export function parseInstant(argument: string, text: string): bigint {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return BigInt(trimmed);
  const bad = (problem: string) =>
    new InvalidArgumentError({
      argument,
      value: text,
      problem,
      fix: "Pass a UTC date such as 2026-12-31 (00:00 UTC), a time with its zone such as 2026-12-31T08:00Z, or unix seconds.",
    });
  const match = ISO.exec(trimmed);
  if (match === null) throw bad("is not a date");
  const [, y, mo, d, h = "00", mi = "00", sec = "00", zone = "Z"] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${sec}${zone}`;
  const ms = Date.parse(iso);
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(ms) || day.getUTCDate() !== Number(d) || day.getUTCMonth() !== Number(mo) - 1) {
    throw bad("is not a valid calendar date and time");
  }
  return BigInt(ms / 1000);
}

export type IndexRef = { indexId: Hex; label: string };

/** An index by ticker (USD, EUR, CPI-U) or by its bytes32 id. */
export function parseIndex(argument: string, text: string): IndexRef {
  const trimmed = text.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(trimmed)) {
    const indexId = trimmed.toLowerCase() as Hex;
    return { indexId, label: tickerFromIndexId(indexId) ?? indexId };
  }
  try {
    return { indexId: indexIdFromTicker(trimmed.toUpperCase()), label: trimmed.toUpperCase() };
  } catch {
    throw new InvalidArgumentError({
      argument,
      value: text,
      problem: "is not an index ticker",
      fix: "Pass a ticker such as USD, EUR or CPI-U, or a 0x-prefixed bytes32 index id.",
    });
  }
}

export function parseAddress(argument: string, text: string): Address {
  if (!isAddress(text.trim(), { strict: false })) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      problem: "is not an address",
      fix: "Pass a 0x-prefixed address of 40 hex digits.",
    });
  }
  return getAddress(text.trim());
}

/** Annual volatility: `0.8` or `80%`, above 0 and at most 1000%. */
export function parseVolatility(argument: string, text: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const body = percent ? trimmed.slice(0, -1) : trimmed;
  const value = DECIMAL.test(body) ? Number(body) / (percent ? 100 : 1) : Number.NaN;
  if (!(value > 0 && value <= 10)) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      problem: "is not a volatility above 0 and up to 10 (1000%)",
      fix: "Pass an annual volatility such as 0.8 or 80%.",
    });
  }
  return value;
}
