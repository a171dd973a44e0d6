// Human and JSON output of the protocol commands: exact amounts, UTC times, durations, aligned tables.

import { formatUnits } from "viem";
import type { CliIo } from "./io.ts";

/** An amount in base units as an exact decimal (never rounded). */
export function formatAmount(baseUnits: bigint, decimals: number): string {
  return formatUnits(baseUnits, decimals);
}

/** Unix seconds as a UTC ISO time without milliseconds. */
export function formatTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A duration as `2d 3h 4m`, `5m 6s` or `7s`. */
export function formatDuration(seconds: bigint): string {
  const total = seconds < 0n ? -seconds : seconds;
  const d = total / 86_400n;
  const h = (total % 86_400n) / 3_600n;
  const m = (total % 3_600n) / 60n;
  const s = total % 60n;
  const parts =
    d > 0n
      ? [`${d}d`, `${h}h`, `${m}m`]
      : h > 0n
        ? [`${h}h`, `${m}m`]
        : m > 0n
          ? [`${m}m`, `${s}s`]
          : [`${s}s`];
  return parts.join(" ");
}

/** A model value with `digits` significant decimals after the point. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits);
}

export function formatPercent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** Columns padded to their widest cell; numbers-looking cells are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = (cell: string) => /^[-+]?[\d.,]+%?$/.test(cell);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** JSON with bigints as decimal strings. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`;
}

/** Prints the result: JSON for `--json`, else the human text. */
export function emitResult(io: CliIo, json: boolean, data: unknown, human: () => string): void {
  io.stdout.write(json ? toJsonText(data) : `${human()}\n`);
}
