// UTC dates and windows. A date alone ("2020-03-12") means 00:00 UTC; a window's `to` date is inclusive of that day.

import { WindowError } from "../errors.ts";

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_HOUR = 3_600;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z?$/;

/** A UTC date or ISO-8601 instant → unix seconds. Throws WindowError for anything else. */
export function parseUtc(text: string): number {
  const trimmed = text.trim();
  if (!DATE.test(trimmed) && !DATE_TIME.test(trimmed)) {
    throw new WindowError({ reason: `"${text}" is not a UTC date (YYYY-MM-DD) or ISO-8601 time` });
  }
  const iso = DATE.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed.endsWith("Z") ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== trimmed.slice(0, 10)) {
    throw new WindowError({ reason: `"${text}" is not a real calendar date` });
  }
  return ms / 1000;
}

/** Unix seconds → "YYYY-MM-DD". */
export function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Unix seconds → "YYYY-MM-DDTHH:MMZ". */
export function isoMinute(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16)}Z`;
}

export type Window = {
  /** First bar whose period starts at or after this (UTC date or ISO time). */
  from?: string;
  /** Last bar whose period starts before the end of this day (a date) or before this instant (an ISO time). */
  to?: string;
};

/** A window as half-open unix bounds [start, end) on bar start times. */
export function windowBounds(window: Window): { start: number; end: number } {
  const start = window.from === undefined ? Number.NEGATIVE_INFINITY : parseUtc(window.from);
  const to = window.to;
  const end =
    to === undefined ? Number.POSITIVE_INFINITY : parseUtc(to) + (DATE.test(to.trim()) ? SECONDS_PER_DAY : 0);
  if (!(start < end)) {
    throw new WindowError({ reason: `from (${window.from}) must be before to (${window.to})` });
  }
  return { start, end };
}
