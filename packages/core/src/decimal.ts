// Exact decimal <-> WAD conversion. Prices in data files and APIs are decimal strings; the protocol works in
// integers scaled by 1e18. Parsing never goes through floating point.

import { WAD } from "./constants.ts";
import { PnError } from "./errors.ts";

/** A decimal string could not be read as a non-negative number. */
export class InvalidDecimalError extends PnError {
  override name = "InvalidDecimalError";
  readonly input: string;

  constructor({ input, reason }: { input: string; reason: string }) {
    super(`"${input}" is not a valid decimal: ${reason}.`, {
      fix: "Pass a plain non-negative decimal such as 1234.5678 (no exponent, at most 18 decimals).",
    });
    this.input = input;
  }
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses "1234.5678" into 1234.5678e18 exactly. Rejects exponents, signs and more than 18 decimals. */
export function parseWad(input: string): bigint {
  const match = DECIMAL.exec(input.trim());
  if (match === null)
    throw new InvalidDecimalError({ input, reason: "expected digits with an optional fraction" });
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > 18) throw new InvalidDecimalError({ input, reason: "more than 18 decimal places" });
  return BigInt(whole) * WAD + BigInt(fraction.padEnd(18, "0"));
}

/** Rounds `valueWad` down to a multiple of 10^(18 - decimals). */
export function roundDownWad(valueWad: bigint, decimals: number): bigint {
  const unit = 10n ** BigInt(18 - decimals);
  return valueWad - (valueWad % unit);
}
