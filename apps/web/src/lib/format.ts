// Display helpers: amounts, prices, durations and dates. Amounts stay bigint until the last step.
import { formatWad, WAD } from "@pn/core";

/** A WAD amount with at most `decimals` fraction digits, rounded down, thousands separated: 1234.5 → "1,234.5". */
export function formatAmount(valueWad: bigint, decimals = 4): string {
  const negative = valueWad < 0n;
  const abs = negative ? -valueWad : valueWad;
  const unit = 10n ** BigInt(18 - decimals);
  const [whole = "0", fraction] = formatWad(abs - (abs % unit)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** A model value (float) with a fixed number of significant decimals: 1499.93 → "1,499.93". */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** An axis label: "0.50", "2,500", "1.2M". */
export function formatTick(value: number): string {
  if (Math.abs(value) >= 100_000) {
    return value.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });
  }
  return formatNumber(value, Math.abs(value) < 10 && value !== 0 ? 2 : 0);
}

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A strike or index value in index units: 1500e18 → "1,500". */
export function formatIndexValue(valueWad: bigint): string {
  return formatAmount(valueWad, valueWad % WAD === 0n ? 0 : 4);
}

/** A WAD as a float (nearest double), for the pricing model and charts only. */
export function wadToNumber(valueWad: bigint): number {
  return Number(valueWad) / 1e18;
}

/** Seconds as "3d 4h", "2h 05m", "4m 10s" or "12s"; negative durations are "0s". */
export function formatDuration(seconds: bigint | number): string {
  const s = Math.max(0, Number(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = Math.floor(s % 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, "0")}s`;
  return `${sec}s`;
}

/** Unix seconds as "2026-11-27 08:00 UTC". */
export function formatUtc(timestamp: bigint): string {
  return `${new Date(Number(timestamp) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A shortened address: 0x1234…abcd. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A WAD amount as plain input text, exact: 1.5e18 → "1.5". */
export function formatWadInput(valueWad: bigint): string {
  return formatWad(valueWad);
}
