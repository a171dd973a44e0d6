// Typed errors of @pn/sim. Each extends core's PnError: a one-line `shortMessage`, then what to do about it.

import { PnError } from "@pn/core";

/** A data file is missing, unreadable or empty. */
export class DataFileError extends PnError {
  override name = "DataFileError";
  readonly path: string;
  constructor({ path, reason, cause }: { path: string; reason: string; cause?: unknown }) {
    super(`Cannot read data file ${path}: ${reason}.`, {
      fix: "Check the path (relative paths are resolved from the current directory); the project's files are in data/.",
      cause,
    });
    this.path = path;
  }
}

/** A CSV row or header does not have the shape a loader expects. */
export class CsvFormatError extends PnError {
  override name = "CsvFormatError";
  readonly path: string;
  readonly line: number;
  constructor({ path, line, reason, fix }: { path: string; line: number; reason: string; fix?: string }) {
    super(`${path}:${line}: ${reason}.`, {
      fix:
        fix ??
        "Use a CSV in the shape of the files in data/ (see data/PROVENANCE.md): a header row, then one row per bar, sorted by time.",
    });
    this.path = path;
    this.line = line;
  }
}

/** A CSV lacks a column a loader needs. */
export class MissingColumnError extends PnError {
  override name = "MissingColumnError";
  readonly column: string;
  constructor({ path, column, header }: { path: string; column: string; header: readonly string[] }) {
    super(`${path} has no column "${column}".`, {
      metaMessages: [`Its columns are: ${header.join(", ")}.`],
      fix: `Pick one of those columns (e.g. --column close) or pass a file that has "${column}".`,
    });
    this.column = column;
  }
}

/** A requested time window is malformed or holds no data in the chosen file. */
export class WindowError extends PnError {
  override name = "WindowError";
  constructor({ reason, available }: { reason: string; available?: string }) {
    super(`Bad window: ${reason}.`, {
      ...(available === undefined ? {} : { metaMessages: [`The data covers ${available}.`] }),
      fix: "Pass --from and --to as UTC dates (YYYY-MM-DD or ISO-8601), from before to, inside the data's range.",
    });
  }
}

/** A model or policy parameter is out of its valid range. */
export class InvalidParameterError extends PnError {
  override name = "InvalidParameterError";
  readonly field: string;
  constructor({ field, value, expected }: { field: string; value: unknown; expected: string }) {
    super(`Parameter ${field} = ${String(value)} is invalid: expected ${expected}.`, {
      fix: `Change ${field} to ${expected}.`,
    });
    this.field = field;
  }
}

/** A reference series (ECB rate, CPI print, implied vol) has no value for a time the path needs. */
export class MissingReferenceDataError extends PnError {
  override name = "MissingReferenceDataError";
  constructor({ what, at, fix }: { what: string; at: string; fix: string }) {
    super(`No ${what} for ${at}.`, { fix });
  }
}

/** A trade is larger than the liquidity the execution model was given. */
export class InsufficientLiquidityError extends PnError {
  override name = "InsufficientLiquidityError";
  constructor({ tradeValue, depth }: { tradeValue: number; depth: number }) {
    super(`A trade worth ${tradeValue.toFixed(2)} cannot be filled by a pool of depth ${depth.toFixed(2)}.`, {
      fix: "Raise the AMM depth (--amm-depth) or lower the position size (--notional).",
    });
  }
}

/** A Monte Carlo worker thread failed. */
export class WorkerFailedError extends PnError {
  override name = "WorkerFailedError";
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`A Monte Carlo worker failed: ${reason}.`, {
      fix: "Re-run with --workers 1 to see the error in this thread; it is usually a bad parameter.",
      cause,
    });
  }
}
