// A small time-series line chart in hand-written SVG (no charting library: the Backtest page is its only user and
// the bundle budget matters): several series on one time axis, a linear or log y axis, optional reference lines
// and event ticks, and a hover readout of every series at the nearest time.
import { type PointerEvent, useId, useMemo, useState } from "react";
import { formatTick } from "../../lib/format.ts";

export type LineSeries = {
  label: string;
  color: string;
  /** Unix seconds, ascending. */
  t: readonly number[];
  y: readonly number[];
  dashed?: boolean;
  width?: number;
};

export type LineChartProps = {
  title: string;
  series: readonly LineSeries[];
  yLabel: string;
  /** Formats a y value for the readout (and the axis unless `tickFormat`). */
  format: (y: number) => string;
  tickFormat?: (y: number) => string;
  /** How times print on the axis and in the readout. */
  timeFormat: "date" | "time";
  log?: boolean;
  /** Horizontal reference lines (e.g. the target). */
  refs?: readonly { y: number; label: string }[];
  /** Event ticks along the bottom (e.g. rolls). */
  ticks?: readonly number[];
  ticksLabel?: string;
  height?: number;
  testId?: string;
};

const W = 760;
const M = { top: 12, right: 18, bottom: 30, left: 62 };

function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function linearTicks(min: number, max: number): number[] {
  const step = niceStep(max - min || 1, 4);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function logTicks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
}

function timeLabel(t: number, format: "date" | "time"): string {
  const iso = new Date(t * 1000).toISOString();
  return format === "date" ? iso.slice(0, 10) : `${iso.slice(11, 16)}`;
}

function timeTicks(t0: number, t1: number, format: "date" | "time"): number[] {
  if (format === "time") {
    const step = 3 * 3600;
    const out: number[] = [];
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
    return out;
  }
  const out: number[] = [];
  const start = new Date(t0 * 1000).getUTCFullYear();
  const end = new Date(t1 * 1000).getUTCFullYear();
  const every = end - start > 6 ? 2 : 1;
  for (let year = start; year <= end + 1; year += every) {
    const t = Date.UTC(year, 0, 1) / 1000;
    if (t >= t0 && t <= t1) out.push(t);
  }
  return out;
}

/** The index of the last time at or before `t` (binary search). */
function nearest(times: readonly number[], t: number): number {
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((times[mid] ?? Number.POSITIVE_INFINITY) <= t) low = mid;
    else high = mid - 1;
  }
  return low;
}

type Bounds = { t0: number; t1: number; y0: number; y1: number };
type Scale = { sx: (t: number) => number; sy: (y: number) => number };

function makeScale({ t0, t1, y0, y1 }: Bounds, H: number, log: boolean): Scale {
  const fy = (y: number) => (log ? Math.log(y) : y);
  return {
    sx: (t) => M.left + ((t - t0) / (t1 - t0 || 1)) * (W - M.left - M.right),
    sy: (y) => H - M.bottom - ((fy(y) - fy(y0)) / (fy(y1) - fy(y0) || 1)) * (H - M.top - M.bottom),
  };
}

/** The SVG path of a series; gaps (missing or, on a log axis, non-positive values) lift the pen. */
function pathOf(s: LineSeries, { sx, sy }: Scale, log: boolean): string {
  let d = "";
  let pen = false;
  s.t.forEach((t, i) => {
    const y = s.y[i];
    if (y === undefined || !Number.isFinite(y) || (log && y <= 0)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${sx(t).toFixed(1)},${sy(y).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function LineChart(props: LineChartProps) {
  const { series, log = false, refs = [], ticks = [], height = 260 } = props;
  const titleId = useId();
  const H = height;
  const [hover, setHover] = useState<number | undefined>(undefined);
  const bounds = useMemo((): Bounds => {
    let t0 = Number.POSITIVE_INFINITY;
    let t1 = Number.NEGATIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const s of series) {
      t0 = Math.min(t0, s.t[0] ?? t0);
      t1 = Math.max(t1, s.t.at(-1) ?? t1);
      for (const y of s.y) {
        if (!Number.isFinite(y) || (log && y <= 0)) continue;
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
    for (const r of refs) {
      y0 = Math.min(y0, r.y);
      y1 = Math.max(y1, r.y);
    }
    if (log) return { t0, t1, y0: y0 / 1.1, y1: y1 * 1.1 };
    const pad = (y1 - y0) * 0.06 || Math.abs(y1) * 0.05 || 1;
    return { t0, t1, y0: y0 - pad, y1: y1 + pad };
  }, [series, refs, log]);
  const { t0, t1, y0, y1 } = bounds;
  const scale = useMemo(() => makeScale(bounds, H, log), [bounds, H, log]);
  const { sx, sy } = scale;
  const paths = useMemo(() => series.map((s) => pathOf(s, scale, log)), [series, scale, log]);
  const yTicks = log ? logTicks(y0, y1) : linearTicks(y0, y1);
  const tickFormat = props.tickFormat ?? formatTick;
  const first = series[0];
  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    if (first === undefined) return;
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * W;
    const t = t0 + ((px - M.left) / (W - M.left - M.right)) * (t1 - t0);
    setHover(Math.min(Math.max(t, t0), t1));
  };
  return (
    <figure className="line-chart" data-testid={props.testId}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={titleId}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(undefined)}
      >
        <title id={titleId}>{props.title}</title>
        {yTicks.map((v) => (
          <g key={`y${v}`} className="grid">
            <line x1={M.left} x2={W - M.right} y1={sy(v)} y2={sy(v)} />
            <text x={M.left - 6} y={sy(v) + 4} textAnchor="end">
              {tickFormat(v)}
            </text>
          </g>
        ))}
        {timeTicks(t0, t1, props.timeFormat).map((t) => (
          <text key={`t${t}`} className="axis" x={sx(t)} y={H - M.bottom + 16} textAnchor="middle">
            {props.timeFormat === "date" ? timeLabel(t, "date").slice(0, 4) : timeLabel(t, "time")}
          </text>
        ))}
        <text
          className="axis"
          x={12}
          y={M.top + 4}
          transform={`rotate(-90 12 ${M.top + 4})`}
          textAnchor="end"
        >
          {props.yLabel}
        </text>
        {refs.map((r) => (
          <g key={`r${r.label}`} className="ref">
            <line x1={M.left} x2={W - M.right} y1={sy(r.y)} y2={sy(r.y)} />
            <text x={W - M.right - 4} y={sy(r.y) - 4} textAnchor="end">
              {r.label}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <line
            key={`k${t}`}
            className="event"
            x1={sx(t)}
            x2={sx(t)}
            y1={H - M.bottom - 6}
            y2={H - M.bottom}
          />
        ))}
        {series.map((s, i) => (
          <path
            key={s.label}
            d={paths[i]}
            fill="none"
            stroke={s.color}
            strokeWidth={s.width ?? 1.6}
            strokeDasharray={s.dashed ? "5 4" : undefined}
            strokeLinejoin="round"
          />
        ))}
        {hover !== undefined && (
          <line className="cursor" x1={sx(hover)} x2={sx(hover)} y1={M.top} y2={H - M.bottom} />
        )}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {series.map((s) => {
            const k = hover === undefined ? undefined : nearest(s.t, hover);
            const y = k === undefined ? undefined : s.y[k];
            return (
              <li key={s.label}>
                <span className={`swatch${s.dashed ? " dashed" : ""}`} style={{ borderColor: s.color }} />
                {s.label}
                {y !== undefined && Number.isFinite(y) && <strong> {props.format(y)}</strong>}
              </li>
            );
          })}
          {ticks.length > 0 && props.ticksLabel && (
            <li>
              <span className="swatch tick" />
              {props.ticksLabel}
            </li>
          )}
          {hover !== undefined && <li className="muted">{timeLabel(hover, props.timeFormat)} UTC</li>}
        </ul>
      </figcaption>
    </figure>
  );
}
