// Inline SVG charts, generated as text: no scripts, no CDN, the same bytes for the same input.

export type LineSeries = {
  label: string;
  t: readonly number[];
  y: readonly number[];
  color?: string;
  dashed?: boolean;
};
export type Frame = { title: string; yLabel?: string; xLabel?: string; width?: number; height?: number };

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const MARGIN = { left: 64, right: 16, top: 28, bottom: 40 };

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "0");

type Scale = { min: number; max: number; toPx: (v: number) => number };

function scale(values: readonly number[], from: number, to: number): Scale {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (min === max) [min, max] = [min - 1, max + 1];
  return { min, max, toPx: (v) => from + ((v - min) / (max - min)) * (to - from) };
}

/** Nice tick values between min and max (about `count`). */
export function ticks(min: number, max: number, count = 5): number[] {
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9 * step; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  return Number(v.toPrecision(3)).toString();
}

function open(frame: Frame, w: number, h: number): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="sans-serif" font-size="11">`,
    `<text x="${w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(frame.title)}</text>`,
  ];
}

function axes(parts: string[], geometry: { w: number; h: number; ys: Scale; frame: Frame }): void {
  const { w, h, ys, frame } = geometry;
  for (const v of ticks(ys.min, ys.max)) {
    const y = f1(ys.toPx(v));
    parts.push(`<line x1="${MARGIN.left}" x2="${w - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${MARGIN.left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(v)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${h - MARGIN.bottom}" stroke="#333"/>`,
  );
  if (frame.yLabel !== undefined) {
    parts.push(
      `<text transform="translate(12 ${h / 2}) rotate(-90)" text-anchor="middle">${escapeXml(frame.yLabel)}</text>`,
    );
  }
  if (frame.xLabel !== undefined) {
    parts.push(`<text x="${w / 2}" y="${h - 4}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`);
  }
}

function legend(parts: string[], labels: readonly { label: string; color: string }[], w: number): void {
  labels.forEach(({ label, color }, k) => {
    const y = MARGIN.top + 6 + 14 * k;
    parts.push(`<rect x="${w - MARGIN.right - 150}" y="${y - 8}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${w - MARGIN.right - 136}" y="${y + 1}">${escapeXml(label)}</text>`);
  });
}

/** A time-series line chart; t in unix seconds, labelled by date. */
export function lineChart(frame: Frame, series: readonly LineSeries[]): string {
  const w = frame.width ?? 760;
  const h = frame.height ?? 300;
  const xs = scale(
    series.flatMap((s) => s.t),
    MARGIN.left,
    w - MARGIN.right,
  );
  const ys = scale(
    series.flatMap((s) => s.y),
    h - MARGIN.bottom,
    MARGIN.top,
  );
  const parts = open(frame, w, h);
  axes(parts, { w, h, ys, frame });
  for (const v of ticks(xs.min, xs.max, 6)) {
    const label = new Date(v * 1000)
      .toISOString()
      .slice(0, xs.max - xs.min > 3 * 86_400 * 365 ? 4 : xs.max - xs.min > 3 * 86_400 ? 10 : 16);
    parts.push(
      `<text x="${f1(xs.toPx(v))}" y="${h - MARGIN.bottom + 14}" text-anchor="middle">${label.replace("T", " ")}</text>`,
    );
  }
  const colors = series.map((s, k) => s.color ?? PALETTE[k % PALETTE.length] ?? "#000");
  series.forEach((s, k) => {
    const step = Math.max(1, Math.floor(s.t.length / 1500));
    const points: string[] = [];
    for (let i = 0; i < s.t.length; i += step)
      points.push(`${f1(xs.toPx(s.t[i] ?? 0))},${f1(ys.toPx(s.y[i] ?? 0))}`);
    const dash = s.dashed === true ? ` stroke-dasharray="4 3"` : "";
    parts.push(
      `<polyline fill="none" stroke="${colors[k]}" stroke-width="1.3"${dash} points="${points.join(" ")}"/>`,
    );
  });
  legend(
    parts,
    series.map((s, k) => ({ label: s.label, color: colors[k] ?? "#000" })),
    w,
  );
  parts.push("</svg>");
  return parts.join("\n");
}

/** A stacked bar chart: one bar per category, one stack segment per series (negative values stack downward). */
export function stackedBars(
  frame: Frame,
  categories: readonly string[],
  stacks: readonly { label: string; values: readonly number[] }[],
): string {
  const w = frame.width ?? 760;
  const h = frame.height ?? 300;
  const totals = categories.flatMap((_, c) => {
    const pos = stacks.reduce((sum, s) => sum + Math.max(s.values[c] ?? 0, 0), 0);
    const neg = stacks.reduce((sum, s) => sum + Math.min(s.values[c] ?? 0, 0), 0);
    return [pos, neg];
  });
  const ys = scale([0, ...totals], h - MARGIN.bottom, MARGIN.top);
  const parts = open(frame, w, h);
  axes(parts, { w, h, ys, frame });
  const slot = (w - MARGIN.left - MARGIN.right - 160) / Math.max(categories.length, 1);
  categories.forEach((category, c) => {
    let up = 0;
    let down = 0;
    const x = MARGIN.left + c * slot + slot * 0.15;
    stacks.forEach((s, k) => {
      const v = s.values[c] ?? 0;
      const from = v >= 0 ? up : down;
      const to = from + v;
      if (v >= 0) up = to;
      else down = to;
      const top = Math.min(ys.toPx(from), ys.toPx(to));
      const height = Math.abs(ys.toPx(to) - ys.toPx(from));
      parts.push(
        `<rect x="${f1(x)}" y="${f1(top)}" width="${f1(slot * 0.7)}" height="${f1(height)}" fill="${PALETTE[k % PALETTE.length]}"/>`,
      );
    });
    parts.push(
      `<text x="${f1(x + slot * 0.35)}" y="${h - MARGIN.bottom + 14}" text-anchor="middle">${escapeXml(category)}</text>`,
    );
  });
  legend(
    parts,
    stacks.map((s, k) => ({ label: s.label, color: PALETTE[k % PALETTE.length] ?? "#000" })),
    w,
  );
  parts.push("</svg>");
  return parts.join("\n");
}

/** A labelled scatter plot (e.g. tracking error against cost, one point per policy). */
export function scatter(frame: Frame, points: readonly { label: string; x: number; y: number }[]): string {
  const w = frame.width ?? 760;
  const h = frame.height ?? 320;
  const xs = scale([0, ...points.map((p) => p.x)], MARGIN.left, w - MARGIN.right - 120);
  const ys = scale([0, ...points.map((p) => p.y)], h - MARGIN.bottom, MARGIN.top);
  const parts = open(frame, w, h);
  axes(parts, { w, h, ys, frame });
  for (const v of ticks(xs.min, xs.max, 6)) {
    parts.push(
      `<text x="${f1(xs.toPx(v))}" y="${h - MARGIN.bottom + 14}" text-anchor="middle">${tickLabel(v)}</text>`,
    );
  }
  points.forEach((p, k) => {
    const color = PALETTE[k % PALETTE.length] ?? "#000";
    parts.push(`<circle cx="${f1(xs.toPx(p.x))}" cy="${f1(ys.toPx(p.y))}" r="4" fill="${color}"/>`);
    parts.push(
      `<text x="${f1(xs.toPx(p.x) + 6)}" y="${f1(ys.toPx(p.y) - 4)}" fill="${color}">${escapeXml(p.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** A histogram of values in `bins` equal bins. */
export function histogram(frame: Frame, values: ArrayLike<number>, bins = 30): string {
  const finite = Array.from(values).filter(Number.isFinite);
  const { min, max } = scale(finite, 0, 1);
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) {
    const b = Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins));
    counts[b] = (counts[b] ?? 0) + 1;
  }
  const labels = counts.map((_, b) =>
    b % Math.ceil(bins / 6) === 0 ? tickLabel(min + ((max - min) * b) / bins) : "",
  );
  return stackedBars({ ...frame, yLabel: frame.yLabel ?? "paths" }, labels, [
    { label: frame.xLabel ?? "count", values: counts },
  ]);
}
