// Minimal CSV reading for the project's data files (comma-separated, a header row, no quoted fields).

import { readFileSync } from "node:fs";
import { SourceError } from "../framework/errors.ts";

export type CsvTable = { header: readonly string[]; rows: readonly (readonly string[])[] };

export function readCsv(file: string, source: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new SourceError({
      source,
      problem: `cannot read ${file}`,
      fix: "Check the file path in the config.",
      cause,
    });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const [head, ...body] = lines;
  if (head === undefined) {
    throw new SourceError({
      source,
      problem: `${file} is empty`,
      fix: "Point the source at a CSV with a header row.",
    });
  }
  return {
    header: head.split(",").map((h) => h.trim()),
    rows: body.map((l) => l.split(",").map((c) => c.trim())),
  };
}

/** The index of `name` in the header, or a `SourceError` naming the columns that exist. */
export function column(table: CsvTable, name: string, file: string, source: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw new SourceError({
      source,
      problem: `${file} has no column "${name}" (columns: ${table.header.join(", ")})`,
      fix: "Set the column names in the source's config to ones the file has.",
    });
  }
  return index;
}

/** The last index `i` with `keys[i] <= target` in ascending `keys`, or -1. */
export function lastAtOrBefore(keys: readonly bigint[], target: bigint): number {
  let lo = 0;
  let hi = keys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const key = keys[mid];
    if (key !== undefined && key <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
