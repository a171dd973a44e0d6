// A strict CSV reader: a header row, then rows with exactly as many fields. Fields may be double-quoted (RFC 4180);
// numbers are parsed exactly as written (`Number`), and anything that is not a finite number is an error.

import { readFileSync } from "node:fs";
import { CsvFormatError, DataFileError, MissingColumnError } from "../errors.ts";

export type CsvTable = {
  path: string;
  header: readonly string[];
  /** Data rows; `lines[i]` is the 1-based line number of `rows[i]` in the file. */
  rows: readonly (readonly string[])[];
  lines: readonly number[];
};

/** Reads and splits a CSV file. Throws DataFileError for a missing/empty file and CsvFormatError for ragged rows. */
export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "read error";
    throw new DataFileError({ path, reason: code === "ENOENT" ? "no such file" : code, cause });
  }
  return parseCsv(text, path);
}

/** Splits CSV text; `path` only labels errors. */
export function parseCsv(text: string, path = "<csv>"): CsvTable {
  const raw = text.replace(/^\uFEFF/, "").split("\n");
  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  for (let i = 0; i < raw.length; i++) {
    const line = (raw[i] ?? "").replace(/\r$/, "");
    if (line.trim() === "") continue;
    const fields = line.includes('"') ? splitQuoted(line, path, i + 1) : line.split(",");
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      continue;
    }
    if (fields.length !== header.length) {
      throw new CsvFormatError({
        path,
        line: i + 1,
        reason: `expected ${header.length} fields (${header.join(",")}), found ${fields.length}`,
      });
    }
    rows.push(fields);
    lines.push(i + 1);
  }
  if (header === undefined || rows.length === 0)
    throw new DataFileError({ path, reason: "it has no data rows" });
  return { path, header, rows, lines };
}

function splitQuoted(line: string, path: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  if (quoted) throw new CsvFormatError({ path, line: lineNumber, reason: "unterminated quoted field" });
  fields.push(field);
  return fields;
}

/** The position of a column, or a MissingColumnError naming the columns that do exist. */
export function columnIndex(table: CsvTable, column: string): number {
  const index = table.header.indexOf(column);
  if (index < 0) throw new MissingColumnError({ path: table.path, column, header: table.header });
  return index;
}

/** The first of `candidates` that the table has, or a MissingColumnError for the first candidate. */
export function firstColumn(table: CsvTable, candidates: readonly string[]): string {
  const found = candidates.find((c) => table.header.includes(c));
  if (found === undefined) {
    throw new MissingColumnError({ path: table.path, column: candidates.join(" or "), header: table.header });
  }
  return found;
}

/** Parses a field as a finite number, or throws a CsvFormatError pointing at the line. */
export function numberAt(table: CsvTable, row: number, column: number): number {
  const text = table.rows[row]?.[column] ?? "";
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new CsvFormatError({
      path: table.path,
      line: table.lines[row] ?? 0,
      reason: `column "${table.header[column]}" is ${JSON.stringify(text)}, not a number`,
    });
  }
  return value;
}

/** A field as text. */
export function textAt(table: CsvTable, row: number, column: number): string {
  return table.rows[row]?.[column] ?? "";
}
