// A roll's payoff diagram: what the position pays at maturity against x, before the roll (A's side) and after it
// (B's side, at the amount the roll delivers), in ETH or index units. Hand-drawn SVG, styled like PayoffChart.
import type { Side } from "@pn/core";
import { useId, useState } from "react";
import { formatNumber, formatTick, wadToNumber } from "../lib/format.ts";
import { niceCeil, type PayoffUnit, payoffCurve, payoffXMax } from "../lib/payoff.ts";
import { H, M, PayoffCaption, pathOf, W } from "./PayoffFrame.tsx";

export type RollLegCurve = { strikeWad: bigint; amount: bigint; label: string };

export type RollPayoffChartProps = {
  side: Side;
  before: RollLegCurve;
  after: RollLegCurve | undefined;
  x: number;
  ticker: string;
};

export function RollPayoffChart({ side, before, after, x, ticker }: RollPayoffChartProps) {
  const [unit, setUnit] = useState<PayoffUnit>("eth");
  const titleId = useId();
  const one = 10n ** 18n;
  const perUnit = before.amount === 0n;
  const strikes = [before.strikeWad, ...(after ? [after.strikeWad] : [])].map(wadToNumber);
  const xMax = payoffXMax(Math.max(...strikes), x);
  const curve = (leg: RollLegCurve) =>
    payoffCurve({
      strikeWad: leg.strikeWad,
      pAmount: side === "P" ? (perUnit ? one : leg.amount) : 0n,
      nAmount: side === "N" ? (perUnit ? one : leg.amount) : 0n,
      xMax,
      unit,
    }).map((c) => ({ x: c.x, y: side === "P" ? c.p : c.n }));
  const beforeCurve = curve(before);
  const afterCurve = after === undefined ? [] : curve(after);
  const yMax = niceCeil(Math.max(...beforeCurve.map((c) => c.y), ...afterCurve.map((c) => c.y), 1e-9) * 1.05);
  const sx = (v: number) => M.left + (v / xMax) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const unitLabel = unit === "eth" ? "ETH" : ticker;
  const [strikeA, strikeB] = strikes;
  const strikeMarks =
    strikeB === undefined || strikeB === strikeA
      ? [{ value: strikeA ?? 0, label: strikeB === undefined ? "S_A" : "S_A = S_B" }]
      : [
          { value: strikeA ?? 0, label: "S_A" },
          { value: strikeB, label: "S_B" },
        ];
  return (
    <figure className="payoff">
      <PayoffCaption unit={unit} setUnit={setUnit} ticker={ticker}>
        {side} payoff at maturity{perUnit ? " per unit" : ""}, in {unitLabel}: before and after the roll
      </PayoffCaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} data-testid="payoff-chart">
        <title id={titleId}>
          {side} payoff against x at maturity, before ({before.label}) and after (
          {after?.label ?? "no target"})
        </title>
        {[0, 0.5, 1].map((f) => (
          <g key={`y${f}`} className="grid">
            <line x1={M.left} x2={W - M.right} y1={sy(f * yMax)} y2={sy(f * yMax)} />
            <text x={M.left - 6} y={sy(f * yMax) + 4} textAnchor="end">
              {formatTick(f * yMax)}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <text key={`x${f}`} className="axis" x={sx(f * xMax)} y={H - M.bottom + 16} textAnchor="middle">
            {formatTick(f * xMax)}
          </text>
        ))}
        <text className="axis" x={W - M.right} y={H - 4} textAnchor="end">
          x ({ticker} per ETH)
        </text>
        {strikeMarks.map(({ value, label }, i) => (
          <g key={label}>
            <line className="marker strike" x1={sx(value)} x2={sx(value)} y1={M.top} y2={H - M.bottom} />
            <text className="marker-label" x={sx(value) + 4} y={M.top + 10 + i * 12}>
              {label} = {formatNumber(value, 0)}
            </text>
          </g>
        ))}
        <line className="marker now" x1={sx(x)} x2={sx(x)} y1={M.top} y2={H - M.bottom} />
        <text className="marker-label" x={sx(x) + 4} y={M.top + 38}>
          x now = {formatNumber(x, 0)}
        </text>
        {after && (
          <path className="line after" d={pathOf(afterCurve.map((c) => ({ x: sx(c.x), y: sy(c.y) })))} />
        )}
        <path className="line before" d={pathOf(beforeCurve.map((c) => ({ x: sx(c.x), y: sy(c.y) })))} />
      </svg>
      <ul className="legend">
        <li className="before">now: {before.label}</li>
        {after && <li className="after">after: {after.label}</li>}
      </ul>
    </figure>
  );
}
