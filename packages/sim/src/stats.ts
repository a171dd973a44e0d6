// Small numeric helpers over arrays of numbers.

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Sample standard deviation (n - 1). */
export function stdDev(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ((values[i] ?? 0) - m) ** 2;
  return Math.sqrt(sum / (n - 1));
}

/** The q-quantile (0..1) by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const low = Math.floor(position);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)] ?? lowValue;
  return lowValue + (highValue - lowValue) * (position - low);
}

/** Excess kurtosis (population moments). */
export function excessKurtosis(values: ArrayLike<number>): number {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? 0) - m;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= values.length;
  m4 /= values.length;
  return m4 / (m2 * m2) - 3;
}

/** Log returns of a price series: r[i] = ln(x[i+1] / x[i]). */
export function logReturns(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(x.length - 1, 0));
  for (let i = 0; i < out.length; i++) out[i] = Math.log((x[i + 1] ?? 1) / (x[i] ?? 1));
  return out;
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}
