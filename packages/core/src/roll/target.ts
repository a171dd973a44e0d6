// Which series to roll into. Strike: fraction · x rounded down on the strike grid, never below the minimum step
// of the current strike (and, for the vault, never above it unless a reference raises it). Maturity: now + tenor
// on the maturity grid, at least the minimum tenor ahead and after the current maturity. An existing listed series
// close to that aim is preferred when candidates are given. `targetSeriesFloat` is the simulator's float form.

import { WAD } from "../constants.ts";
import type { SeriesKey } from "../series.ts";
import type { ListingRule, MaturityGrid, MaturityRule, StrikeGrid, StrikeRule } from "./policy.ts";
import { nextMaturity, strikeGridDown } from "./vaultMath.ts";

/** A series' place on the grids: strike (WAD) and maturity (unix seconds). */
export type SeriesTarget = { strikeWad: bigint; maturity: bigint };

/** `valueWad` rounded down to a multiple of `stepWad`; values below one step are kept (the daemon's grid). */
export function strikeStepDown(valueWad: bigint, stepWad: bigint): bigint {
  return valueWad >= stepWad ? (valueWad / stepWad) * stepWad : valueWad;
}

/** `valueWad` rounded down on the strike grid. */
export function strikeOnGrid(valueWad: bigint, grid: StrikeGrid): bigint {
  return "sigFigs" in grid ? strikeGridDown(valueWad, grid.sigFigs) : strikeStepDown(valueWad, grid.stepWad);
}

/** The strike for index value `priceWad`: `fraction * price` (rounded down), down on the grid (`_strikeFor`). */
export function strikeFor(priceWad: bigint, rule: StrikeRule): bigint {
  return strikeOnGrid((priceWad * rule.fractionWad) / WAD, rule.grid);
}

/** The lowest strike a roll may set: `minStep * strike` (rounded down), down on the grid; 0 without a min step. */
export function strikeFloorWad(strikeWad: bigint, rule: StrikeRule): bigint {
  return rule.minStepWad === undefined ? 0n : strikeOnGrid((strikeWad * rule.minStepWad) / WAD, rule.grid);
}

/**
 * The next strike from index value `xWad` (undefined: the current strike stays): `strikeFor(x)`, at most the
 * current strike when `lowerOnly`, at least `strikeFloorWad`; the current strike if that comes to 0.
 */
export function targetStrikeWad(p: {
  xWad: bigint | undefined;
  strikeWad: bigint;
  rule: StrikeRule;
}): bigint {
  let next = p.xWad === undefined ? p.strikeWad : strikeFor(p.xWad, p.rule);
  if (p.rule.lowerOnly === true && next > p.strikeWad) next = p.strikeWad;
  const floor = strikeFloorWad(p.strikeWad, p.rule);
  if (next < floor) next = floor;
  return next === 0n ? p.strikeWad : next;
}

/** The last grid date at or before `t` (the origin when `t` is before it). */
export function previousMaturity(t: bigint, grid: MaturityGrid): bigint {
  if (t <= grid.origin) return grid.origin;
  return grid.origin + ((t - grid.origin) / grid.period) * grid.period;
}

/**
 * The next maturity: now + tenor rounded on the grid (`aim`), or the first grid date at or after the earliest
 * allowed, `max(now + minTenor, currentMaturity + 1)`, when that comes later.
 */
export function targetMaturity(p: { now: bigint; maturity: bigint | undefined; rule: MaturityRule }): bigint {
  const { grid, tenorSeconds } = p.rule;
  const aim = p.now + tenorSeconds;
  const onGrid =
    p.rule.aim === "up" ? nextMaturity(aim, grid.origin, grid.period) : previousMaturity(aim, grid);
  let earliest = p.now + (p.rule.minTenorSeconds ?? tenorSeconds);
  if (p.maturity !== undefined && p.maturity + 1n > earliest) earliest = p.maturity + 1n;
  return onGrid >= earliest ? onGrid : nextMaturity(earliest, grid.origin, grid.period);
}

/** Where a roll aims before any grid: S' = fraction · x, M' = now + tenor. */
export function rollAim(p: {
  now: bigint;
  xWad: bigint;
  strike: StrikeRule;
  maturity: MaturityRule;
}): SeriesTarget {
  return { strikeWad: (p.xWad * p.strike.fractionWad) / WAD, maturity: p.now + p.maturity.tenorSeconds };
}

/** A listed series the roll may go into. */
export type ListedSeries = { key: SeriesKey };

/**
 * The listed series closest to `aim`: same collateral, oracle and index as `from`, maturing after it and at
 * least `minTenor` from now, with a strike within `strikeTolerance` of the aim; scored by relative strike distance
 * plus maturity distance in tenors. Undefined when none qualifies.
 */
export function closestListedSeries<C extends ListedSeries>(
  candidates: readonly C[],
  p: { from: SeriesKey; now: bigint; aim: SeriesTarget; tenorSeconds: bigint; listing: ListingRule },
): C | undefined {
  const minMaturity = p.now + p.listing.minTenorSeconds;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let best: { c: C; score: number } | undefined;
  for (const c of candidates) {
    const k = c.key;
    if (!same(k.collateral, p.from.collateral) || !same(k.oracle, p.from.oracle)) continue;
    if (!same(k.indexId, p.from.indexId)) continue;
    if (k.maturity <= p.from.maturity || k.maturity < minMaturity) continue;
    const strikeDistance = Math.abs(Number(k.strikeWad) / Number(p.aim.strikeWad) - 1);
    if (strikeDistance > p.listing.strikeTolerance) continue;
    const score = strikeDistance + Math.abs(Number(k.maturity - p.aim.maturity)) / Number(p.tenorSeconds);
    if (best === undefined || score < best.score) best = { c, score };
  }
  return best?.c;
}

/** Rounds a positive value down to `digits` significant figures (1234.5, 3 → 1230): `strikeGridDown` on numbers. */
export function roundDownSignificant(value: number, digits: number): number {
  if (!(value > 0)) return value;
  const step = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  const rounded = Math.floor(value / step + 1e-9) * step;
  return Number(rounded.toPrecision(digits));
}

/** `nextMaturity` on numbers. */
export function nextMaturityFloat(t: number, origin: number, period: number): number {
  if (t <= origin) return origin;
  return origin + Math.ceil((t - origin) / period) * period;
}

/** The simulator's target: strike `fraction · x` to `sigFigs` digits, maturity the first grid date ≥ now + tenor. */
export function targetSeriesFloat(p: {
  now: number;
  x: number;
  strikeFraction: number;
  sigFigs: number;
  tenorSeconds: number;
  grid: { origin: number; period: number };
}): { strike: number; maturity: number } {
  return {
    strike: roundDownSignificant(p.x * p.strikeFraction, p.sigFigs),
    maturity: nextMaturityFloat(p.now + p.tenorSeconds, p.grid.origin, p.grid.period),
  };
}
