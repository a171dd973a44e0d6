// Reading what a user typed as an amount. The parsing is @pn/core's `parseWad` (exact, no floating point); this
// module turns its failures into sentences that say what is wrong and how to fix it.
import { InvalidDecimalError, parseWad, UINT128_LIMIT } from "@pn/core";

export type AmountResult = { ok: true; value: bigint } | { ok: false; message: string };

/** Parses an 18-decimal amount ("1.5", "0.25"); empty, malformed, zero and out-of-range inputs are errors. */
export function parseAmount(input: string): AmountResult {
  const text = input.trim();
  if (text === "") return { ok: false, message: "Enter an amount." };
  let value: bigint;
  try {
    value = parseWad(text.startsWith(".") ? `0${text}` : text);
  } catch (error) {
    if (!(error instanceof InvalidDecimalError)) throw error;
    if (/^\d*\.\d{19,}$/.test(text)) {
      return { ok: false, message: "Use at most 18 decimal places." };
    }
    return {
      ok: false,
      message: `"${text}" is not an amount: use digits and at most one decimal point, e.g. 0.5.`,
    };
  }
  if (value === 0n) return { ok: false, message: "The amount must be more than zero." };
  if (value >= UINT128_LIMIT)
    return { ok: false, message: "The amount is too large (at most 2^128 − 1 wei)." };
  return { ok: true, value };
}

/** Like `parseAmount`, but an empty field reads as zero (for the optional P or N amount of a redeem). */
export function parseOptionalAmount(input: string): AmountResult {
  if (input.trim() === "" || /^0*\.?0*$/.test(input.trim())) return { ok: true, value: 0n };
  return parseAmount(input);
}
