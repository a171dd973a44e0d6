// Points of the payoff-at-maturity diagram, computed with @pn/core's payout functions (the same floor rounding as
// the contract), so the chart draws the rule the protocol enforces: P pays min(1, S/x) ETH, N max(0, 1 − S/x).
import { nPayout, pPayout, toWad } from "@pn/core";
import { wadToNumber } from "./format.ts";

export type PayoffUnit = "eth" | "index";
export type PayoffPoint = { x: number; p: number; n: number };

export type PayoffCurveParameters = {
  strikeWad: bigint;
  pAmount: bigint;
  nAmount: bigint;
  /** Right end of the x axis, in index units. */
  xMax: number;
  unit: PayoffUnit;
  steps?: number;
};

/** `steps + 1` points from x = xMax/steps/4 to xMax: the position's P and N payout in ETH or in index units. */
export function payoffCurve({ strikeWad, pAmount, nAmount, xMax, unit, steps = 96 }: PayoffCurveParameters) {
  const points: PayoffPoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = i === 0 ? xMax / steps / 4 : (xMax * i) / steps;
    const xWad = toWad(x);
    if (xWad === 0n) continue;
    const p = wadToNumber(pPayout(pAmount, strikeWad, xWad));
    const n = wadToNumber(nPayout(nAmount, strikeWad, xWad));
    const scale = unit === "eth" ? 1 : x;
    points.push({ x, p: p * scale, n: n * scale });
  }
  return points;
}

/** A round axis maximum at or above `value`: 1, 2, 2.5, 5 × 10^k. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Where the x axis of a series' diagram ends: past both the strike and today's x. */
export function payoffXMax(strike: number, x: number): number {
  return niceCeil(Math.max(2.5 * strike, 1.4 * x));
}
