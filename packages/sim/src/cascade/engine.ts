// The market loop shared by the CDP baseline, the cascade and the P/N roll flows. At each step the exogenous price
// is marked down by the impact still in the market; sellers committed earlier sell first; then every seller reacts
// to the current price, their sales move it, and they react again, until no one sells: the fixed point of the
// step. With no impact the first round is already the fixed point.

import { createImpact, type ImpactModel } from "./market.ts";

export type MarketView = {
  step: number;
  /** Step time, unix seconds. */
  t: number;
  /** Market price now, after this step's sales so far. */
  price: number;
  /** The final market price at or before `t - seconds` (the path's first price before the path starts). */
  priceAt(seconds: number): number;
};

export type Seller = {
  /** ETH committed earlier for sale in this step (e.g. an auction spread over several steps). */
  scheduled?(step: number): number;
  /**
   * Returns the ETH to sell now at this price (negative: to buy). Called again after every round of trades until
   * all return 0.
   */
  react(view: MarketView): number;
  /** What this seller's sales of one round fetched, USD. */
  filled?(step: number, eth: number, usd: number): void;
  /** The step is over; `price` is its final market price. */
  endStep?(step: number, price: number): void;
};

export type MarketRunParams = {
  /** Step times, unix seconds, increasing. */
  t: Float64Array;
  /** Exogenous price per step: what the price would be without these sellers. */
  x: Float64Array;
  sellers: readonly Seller[];
  impact?: ImpactModel;
  /** Safety bound on rounds per step (each round sells something, so the loop ends anyway). */
  maxRounds?: number;
};

export type MarketRun = {
  t: Float64Array;
  exogenous: Float64Array;
  /** Final market price per step. */
  price: Float64Array;
  soldEth: Float64Array;
  soldUsd: Float64Array;
  /** Rounds needed to reach the fixed point, per step. */
  rounds: Uint16Array;
};

/** The latest index j < end with t[j] <= time, or -1. */
function latestBefore(t: Float64Array, end: number, time: number): number {
  let lo = 0;
  let hi = end - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((t[mid] ?? 0) <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function runMarket(params: MarketRunParams): MarketRun {
  const { t, x, sellers } = params;
  const n = t.length;
  const impact = createImpact(params.impact ?? { kind: "none" });
  const run: MarketRun = {
    t,
    exogenous: x,
    price: new Float64Array(n),
    soldEth: new Float64Array(n),
    soldUsd: new Float64Array(n),
    rounds: new Uint16Array(n),
  };
  const first = x[0] ?? 0;
  const amounts = new Float64Array(sellers.length);
  for (let i = 0; i < n; i++) {
    if (i > 0) impact.recover((t[i] ?? 0) - (t[i - 1] ?? 0));
    const view: MarketView = {
      step: i,
      t: t[i] ?? 0,
      price: (x[i] ?? 0) * impact.factor(),
      priceAt(seconds) {
        if (seconds <= 0) return this.price;
        const j = latestBefore(t, i, this.t - seconds);
        return j < 0 ? first : (run.price[j] ?? first);
      },
    };
    const execute = (): boolean => {
      let total = 0;
      for (const a of amounts) total += a;
      if (total === 0 || !Number.isFinite(total)) return false;
      const fill = impact.sell(total, view.price);
      view.price = fill.priceAfter;
      run.soldEth[i] = (run.soldEth[i] ?? 0) + total;
      run.soldUsd[i] = (run.soldUsd[i] ?? 0) + fill.usd;
      sellers.forEach((s, k) => {
        const a = amounts[k] ?? 0;
        if (a > 0) s.filled?.(i, a, (fill.usd * a) / total);
      });
      return true;
    };
    sellers.forEach((s, k) => {
      amounts[k] = s.scheduled?.(i) ?? 0;
    });
    execute();
    const maxRounds = params.maxRounds ?? 1000;
    let rounds = 0;
    while (rounds < maxRounds) {
      sellers.forEach((s, k) => {
        amounts[k] = s.react(view);
      });
      if (!execute()) break;
      rounds++;
    }
    run.rounds[i] = rounds;
    run.price[i] = view.price;
    for (const s of sellers) s.endStep?.(i, view.price);
  }
  return run;
}

/** The `seconds`-long window (ending at a step) with the largest sum of `values`: its sum and bounds. */
export function worstWindow(
  t: Float64Array,
  values: Float64Array,
  seconds: number,
): { total: number; start: number; end: number } {
  let best = { total: 0, start: t[0] ?? 0, end: t[0] ?? 0 };
  let sum = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    sum += values[hi] ?? 0;
    while ((t[lo] ?? 0) <= (t[hi] ?? 0) - seconds) sum -= values[lo++] ?? 0;
    if (sum > best.total) best = { total: sum, start: (t[hi] ?? 0) - seconds, end: t[hi] ?? 0 };
  }
  return best;
}
