// Typed errors of @pn/core. Every error extends `PnError`, carries a one-line `shortMessage`, and its `message`
// says what to do about it. Errors that mirror a revert of the core name it in `contractError`, so a parity test
// can compare error names across the two languages.

export type PnErrorOptions = {
  /** Extra lines of context, printed under the short message. */
  metaMessages?: readonly string[];
  /** What to do about it, printed last. */
  fix?: string;
  /** The name of the matching custom error in the Solidity core, when there is one. */
  contractError?: string;
  cause?: unknown;
};

/** Base class of every error thrown by @pn/core. */
export class PnError extends Error {
  override name = "PnError";
  readonly shortMessage: string;
  readonly metaMessages: readonly string[];
  readonly contractError: string | undefined;

  constructor(shortMessage: string, options: PnErrorOptions = {}) {
    const lines = [shortMessage, ...(options.metaMessages ?? [])];
    if (options.fix !== undefined) lines.push(options.fix);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.metaMessages = options.metaMessages ?? [];
    this.contractError = options.contractError;
  }
}

/** An amount is negative or does not fit in 128 bits. Mirrors the core's `AmountOverflow`. */
export class AmountOutOfRangeError extends PnError {
  override name = "AmountOutOfRangeError";
  readonly field: string;
  readonly value: bigint;

  constructor({ field, value }: { field: string; value: bigint }) {
    super(`${field} = ${value} is outside [0, 2^128).`, {
      fix: `Pass a whole number of base units from 0 to 2^128 - 1; split larger positions into several calls.`,
      contractError: "AmountOverflow",
    });
    this.field = field;
    this.value = value;
  }
}

/** A strike is negative or does not fit in 128 bits (the key stores it as a uint128). */
export class StrikeOutOfRangeError extends PnError {
  override name = "StrikeOutOfRangeError";
  readonly strikeWad: bigint;

  constructor({ strikeWad }: { strikeWad: bigint }) {
    super(`strikeWad = ${strikeWad} is outside [0, 2^128).`, {
      metaMessages: [
        "A strike is index units per whole collateral unit, scaled by 1e18 (1500 USD = 1500n * 10n ** 18n).",
      ],
      fix: "Pass a WAD-scaled strike below 2^128.",
    });
    this.strikeWad = strikeWad;
  }
}

/** A settlement value is zero or does not fit in 128 bits. Mirrors the core's `InvalidSettlementValue`. */
export class InvalidSettlementValueError extends PnError {
  override name = "InvalidSettlementValueError";
  readonly xWad: bigint;

  constructor({ xWad }: { xWad: bigint }) {
    super(`xWad = ${xWad} is not a valid settlement value: it must be in [1, 2^128).`, {
      metaMessages: [
        "x is the index value at maturity, in index units per whole collateral unit, scaled by 1e18.",
      ],
      fix: "Pass the WAD-scaled settlement value the oracle reported; the core never settles at 0 or at 2^128 and above.",
      contractError: "InvalidSettlementValue",
    });
    this.xWad = xWad;
  }
}

/** A series key field cannot be encoded as `SeriesKeyLib.pack` encodes it. */
export class InvalidSeriesKeyError extends PnError {
  override name = "InvalidSeriesKeyError";
  readonly field: string;

  constructor({ field, value, expected }: { field: string; value: unknown; expected: string }) {
    super(`Series key field \`${field}\` = ${String(value)} is invalid: expected ${expected}.`, {
      fix: `Fix \`${field}\`; a series key is (collateral, oracle, indexId, strikeWad, maturity) as in SeriesKey.sol.`,
    });
    this.field = field;
  }
}

/** A ticker cannot be stored as a left-aligned ASCII index id. */
export class InvalidTickerError extends PnError {
  override name = "InvalidTickerError";
  readonly ticker: string;

  constructor({ ticker, reason }: { ticker: string; reason: string }) {
    super(`Ticker ${JSON.stringify(ticker)} cannot be an index id: ${reason}.`, {
      fix: "Use 1 to 31 printable ASCII characters without spaces (0x21..0x7e), such as USD or EUR.",
    });
    this.ticker = ticker;
  }
}

/** A value is not a 32-byte hex string. */
export class InvalidIndexIdError extends PnError {
  override name = "InvalidIndexIdError";
  readonly indexId: string;

  constructor({ indexId }: { indexId: string }) {
    super(`Index id ${indexId} is not a 32-byte hex string.`, {
      fix: "Pass a 0x-prefixed bytes32 (64 hex digits); build one from a ticker with indexIdFromTicker.",
    });
    this.indexId = indexId;
  }
}
