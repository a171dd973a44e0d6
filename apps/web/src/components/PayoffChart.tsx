// Payoff at maturity against x, hand-drawn in SVG: P pays min(1, S/x) ETH per unit, N max(0, 1 − S/x). Shows the
// strike S and the current (or settlement) x. In index units P is min(S, x) and N max(x − S, 0).
import { useId, useState } from "react";
import { formatNumber, formatTick, wadToNumber } from "../lib/format.ts";
import { niceCeil, type PayoffUnit, payoffCurve, payoffXMax } from "../lib/payoff.ts";
import { H, M, PayoffCaption, pathOf, W } from "./PayoffFrame.tsx";

export type PayoffChartProps = {
  strikeWad: bigint;
  /** Today's x, or the settlement value. */
  x: number;
  xLabel: string;
  pAmount: bigint;
  nAmount: bigint;
  ticker: string;
};

export function PayoffChart({ strikeWad, x, xLabel, pAmount, nAmount, ticker }: PayoffChartProps) {
  const [unit, setUnit] = useState<PayoffUnit>("eth");
  const titleId = useId();
  const perUnit = pAmount === 0n && nAmount === 0n;
  const one = 10n ** 18n;
  const strike = wadToNumber(strikeWad);
  const xMax = payoffXMax(strike, x);
  const curve = payoffCurve({
    strikeWad,
    pAmount: perUnit ? one : pAmount,
    nAmount: perUnit ? one : nAmount,
    xMax,
    unit,
  });
  const yMax = niceCeil(Math.max(...curve.map((c) => Math.max(c.p, c.n, c.p + c.n))) * 1.05);
  const sx = (v: number) => M.left + (v / xMax) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const showTotal = pAmount > 0n && nAmount > 0n;
  const unitLabel = unit === "eth" ? "ETH" : ticker;
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * xMax);
  const yTicks = [0, 0.5, 1].map((f) => f * yMax);

  return (
    <figure className="payoff">
      <PayoffCaption unit={unit} setUnit={setUnit} ticker={ticker}>
        Payoff at maturity{perUnit ? " per 1 P and 1 N" : ""}, in {unitLabel}
      </PayoffCaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} data-testid="payoff-chart">
        <title id={titleId}>
          P and N payoff against x at maturity; strike {formatNumber(strike, 0)}, {xLabel}{" "}
          {formatNumber(x, 0)}
        </title>
        {yTicks.map((v) => (
          <g key={`y${v}`} className="grid">
            <line x1={M.left} x2={W - M.right} y1={sy(v)} y2={sy(v)} />
            <text x={M.left - 6} y={sy(v) + 4} textAnchor="end">
              {formatTick(v)}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={`x${v}`} className="axis" x={sx(v)} y={H - M.bottom + 16} textAnchor="middle">
            {formatTick(v)}
          </text>
        ))}
        <text className="axis" x={W - M.right} y={H - 4} textAnchor="end">
          x ({ticker} per ETH)
        </text>
        <line className="marker strike" x1={sx(strike)} x2={sx(strike)} y1={M.top} y2={H - M.bottom} />
        <text className="marker-label" x={sx(strike) + 4} y={M.top + 10}>
          S = {formatNumber(strike, 0)}
        </text>
        <line className="marker now" x1={sx(x)} x2={sx(x)} y1={M.top} y2={H - M.bottom} />
        <text className="marker-label" x={sx(x) + 4} y={M.top + 24}>
          {xLabel} = {formatNumber(x, 0)}
        </text>
        {showTotal && (
          <path className="line total" d={pathOf(curve.map((c) => ({ x: sx(c.x), y: sy(c.p + c.n) })))} />
        )}
        <path className="line p" d={pathOf(curve.map((c) => ({ x: sx(c.x), y: sy(c.p) })))} />
        <path className="line n" d={pathOf(curve.map((c) => ({ x: sx(c.x), y: sy(c.n) })))} />
      </svg>
      <ul className="legend">
        <li className="p">P: {unit === "eth" ? "min(1, S/x) ETH" : "min(S, x)"}</li>
        <li className="n">N: {unit === "eth" ? "max(0, 1 − S/x) ETH" : "max(x − S, 0)"}</li>
        {showTotal && <li className="total">P + N</li>}
      </ul>
    </figure>
  );
}
