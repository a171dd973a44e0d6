// What P/N rolling does in a crash. Nothing is force-sold: a P holder whose trigger fires (x < 1.5 S, or fewer than
// 7 days left) rolls by a spread trade in a patient auction: buy back N_A, merge with P_A, split into P_B + N_B at
// S_B = x / 2, sell N_B. The makers on the other side swap one call for another; the only spot flow is their delta
// hedge: the holder's delta falls from u_A * dP_A/dx to u_B * dP_B/dx (u_B = u_A P_A / P_B: value kept), so a
// hedged maker sells that difference in ETH, spread over the auction. Those sales are patient and priced (the
// auction's), not forced at any price. Holders check the price every `checkSeconds`, each at its own phase.

import { nValue, pGreeks, pValue, SECONDS_PER_YEAR } from "@pn/core";
import { AAVE_V2_CALIBRATION } from "../cdp/calibration.ts";
import { type CrashPath, validatePath } from "../cdp/run.ts";
import { InvalidParameterError } from "../errors.ts";
import { createRng } from "../rng.ts";
import { type MarketView, runMarket, type Seller, worstWindow } from "./engine.ts";
import type { ImpactModel } from "./market.ts";

const DAY = 86_400;

export type RollFlowParams = {
  path: CrashPath;
  /** Number of P holders (default 10,000). */
  holders?: number;
  seed?: number;
  /** USD value of all P held at the start (default: the calibrated CDP book's debt, for a like-for-like table). */
  notionalUsd?: number;
  /** Price the strikes were set against (default: the path's first price). */
  referencePrice?: number;
  /** Strike at the last roll, as a share of the reference price: uniform in [lo, hi] (default [0.35, 0.5]). */
  strikeShare?: readonly [number, number];
  /** Roll when x < trigger x S (default 1.5). */
  trigger?: number;
  /** New strike as a share of the price at the roll (default 0.5). */
  newStrikeShare?: number;
  /** Days left on the holders' series: uniform in [lo, hi] (default [7, 56]); roll when under `minDaysLeft`. */
  daysLeft?: readonly [number, number];
  minDaysLeft?: number;
  /** Tenor of the new series, days (default 42). */
  newTenorDays?: number;
  /** Implied volatility the auctions price at (annualised; one value or one per step; default 1.0). */
  sigma?: number | Float64Array;
  /** Seconds between a holder's price checks (default 3600). */
  checkSeconds?: number;
  /** Length of a roll auction, over which the maker's hedge is spread (default 3 hours). */
  auctionSeconds?: number;
  /** Price impact of the hedge flow (default none). */
  impact?: ImpactModel;
};

export type RollFlowResult = {
  holders: number;
  notionalUsd: number;
  /** Roll auctions started, and holders that rolled at least once. */
  rolls: number;
  holdersRolled: number;
  /** USD value moved from one series to the next. */
  rolledValueUsd: number;
  /** Call premium changing hands in the spread trades (N bought back + N sold), USD. */
  premiumTradedUsd: number;
  /** Makers' delta-hedge sales (+) net of purchases, ETH and USD: the only spot flow rolling creates. */
  hedgeSalesEth: number;
  hedgeSalesUsd: number;
  /** Hedge flow still scheduled after the path ends (auctions running past it), ETH. */
  hedgeAfterPathEth: number;
  /** Forced sales: none, by construction. */
  forcedSalesEth: 0;
  worstHour: { start: number; end: number; hedgeEth: number; hedgeUsd: number };
  exogenousLow: number;
  marketLow: number;
  steps: {
    t: Float64Array;
    exogenous: Float64Array;
    market: Float64Array;
    rolls: Uint32Array;
    hedgeEth: Float64Array;
    hedgeUsd: Float64Array;
  };
};

type Holders = {
  units: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  phase: Float64Array;
  rolled: Uint8Array;
};

function createHolders(
  p: RollFlowParams,
  n: number,
  start: number,
  x0: number,
): { h: Holders; notional: number } {
  const rng = createRng(p.seed ?? 2);
  const ref = p.referencePrice ?? x0;
  const [kLo, kHi] = p.strikeShare ?? [0.35, 0.5];
  const [dLo, dHi] = p.daysLeft ?? [7, 56];
  const sigma0 = sigmaAt(p.sigma, 0);
  const h: Holders = {
    units: new Float64Array(n),
    strike: new Float64Array(n),
    expiry: new Float64Array(n),
    phase: new Float64Array(n),
    rolled: new Uint8Array(n),
  };
  const { mu, sigma } = AAVE_V2_CALIBRATION.size;
  const values = Float64Array.from({ length: n }, () => Math.exp(mu + sigma * rng.normal()));
  const total = values.reduce((s, v) => s + v, 0);
  const notional = p.notionalUsd ?? AAVE_V2_CALIBRATION.bookDebtUsd;
  for (let i = 0; i < n; i++) {
    h.strike[i] = ref * (kLo + (kHi - kLo) * rng.nextFloat());
    h.expiry[i] = start + (dLo + (dHi - dLo) * rng.nextFloat()) * DAY;
    h.phase[i] = rng.nextFloat() * (p.checkSeconds ?? 3600);
    const unit = pValue({
      x: x0,
      strike: h.strike[i] ?? 0,
      tau: ((h.expiry[i] ?? 0) - start) / SECONDS_PER_YEAR,
      sigma: sigma0,
    });
    h.units[i] = ((values[i] ?? 0) / total) * (notional / unit);
  }
  return { h, notional };
}

const sigmaAt = (sigma: number | Float64Array | undefined, i: number): number =>
  sigma === undefined ? 1 : typeof sigma === "number" ? sigma : (sigma[i] ?? sigma[sigma.length - 1] ?? 1);

/** The roll book as a market participant: its "sales" are the makers' hedges of the rolls it starts. */
class RollBook implements Seller {
  readonly rolls: Uint32Array;
  readonly hedgeEth: Float64Array;
  readonly hedgeUsd: Float64Array;
  readonly schedule: Float64Array;
  rolledValueUsd = 0;
  premiumTradedUsd = 0;
  hedgeAfterPathEth = 0;
  readonly #p: RollFlowParams;
  readonly #h: Holders;
  readonly #t: Float64Array;
  readonly #checkedAt: Int32Array;

  constructor(p: RollFlowParams, h: Holders, t: Float64Array) {
    this.#p = p;
    this.#h = h;
    this.#t = t;
    const n = t.length;
    this.rolls = new Uint32Array(n);
    this.hedgeEth = new Float64Array(n);
    this.hedgeUsd = new Float64Array(n);
    this.schedule = new Float64Array(n);
    this.#checkedAt = new Int32Array(h.units.length).fill(-1);
  }

  scheduled(step: number): number {
    return this.schedule[step] ?? 0;
  }

  /** Whether holder j checks the price during step i (a check time falls in (t[i-1], t[i]]). */
  #checks(j: number, i: number): boolean {
    const every = this.#p.checkSeconds ?? 3600;
    const phase = this.#h.phase[j] ?? 0;
    const now = Math.floor(((this.#t[i] ?? 0) - phase) / every);
    const before = i === 0 ? now - 1 : Math.floor(((this.#t[i - 1] ?? 0) - phase) / every);
    return now > before;
  }

  react(view: MarketView): number {
    const h = this.#h;
    const i = view.step;
    let now = 0;
    for (let j = 0; j < h.units.length; j++) {
      if (this.#checkedAt[j] === i || !this.#checks(j, i)) continue;
      const daysLeft = ((h.expiry[j] ?? 0) - view.t) / DAY;
      if (
        !(view.price < (this.#p.trigger ?? 1.5) * (h.strike[j] ?? 0) || daysLeft < (this.#p.minDaysLeft ?? 7))
      )
        continue;
      this.#checkedAt[j] = i;
      now += this.#roll(j, i, view);
    }
    return now;
  }

  /** Rolls holder j at the view's price; returns the part of the maker's hedge sold in this step. */
  #roll(j: number, i: number, view: MarketView): number {
    const h = this.#h;
    const sigma = sigmaAt(this.#p.sigma, i);
    const x = view.price;
    const a = {
      x,
      strike: h.strike[j] ?? 0,
      tau: Math.max(0, ((h.expiry[j] ?? 0) - view.t) / SECONDS_PER_YEAR),
      sigma,
    };
    const newExpiry = view.t + (this.#p.newTenorDays ?? 42) * DAY;
    const b = {
      x,
      strike: (this.#p.newStrikeShare ?? 0.5) * x,
      tau: (newExpiry - view.t) / SECONDS_PER_YEAR,
      sigma,
    };
    const unitsA = h.units[j] ?? 0;
    const value = unitsA * pValue(a);
    const unitsB = value / pValue(b);
    const hedge = unitsA * pGreeks(a).delta - unitsB * pGreeks(b).delta;
    this.rolledValueUsd += value;
    this.premiumTradedUsd += unitsA * nValue(a) + unitsB * nValue(b);
    this.rolls[i] = (this.rolls[i] ?? 0) + 1;
    h.units[j] = unitsB;
    h.strike[j] = b.strike;
    h.expiry[j] = newExpiry;
    h.rolled[j] = 1;
    // The auction fills evenly over its length; the maker hedges each fill.
    const steps = Math.max(
      1,
      Math.round((this.#p.auctionSeconds ?? 3 * 3600) / Math.max(1, stepSeconds(this.#t))),
    );
    for (let k = 1; k < steps; k++) {
      if (i + k < this.schedule.length) this.schedule[i + k] = (this.schedule[i + k] ?? 0) + hedge / steps;
      else this.hedgeAfterPathEth += hedge / steps;
    }
    return hedge / steps;
  }

  filled(step: number, eth: number, usd: number): void {
    this.hedgeEth[step] = (this.hedgeEth[step] ?? 0) + eth;
    this.hedgeUsd[step] = (this.hedgeUsd[step] ?? 0) + usd;
  }
}

function stepSeconds(t: Float64Array): number {
  return t.length < 2 ? 600 : ((t[t.length - 1] ?? 0) - (t[0] ?? 0)) / (t.length - 1);
}

/**
 * The flows P/N rolling creates on a path, for the same book size as the CDP side.
 * @example
 * const flows = rollFlows({ path: { t, x }, sigma: 1.2, checkSeconds: 3600 });
 * flows.forcedSalesEth; // 0
 * flows.hedgeSalesEth;  // the makers' hedges of the rolls
 */
export function rollFlows(params: RollFlowParams): RollFlowResult {
  validatePath(params.path);
  const { t, x } = params.path;
  const n = params.holders ?? 10_000;
  if (!(Number.isInteger(n) && n > 0))
    throw new InvalidParameterError({ field: "holders", value: n, expected: "a positive integer" });
  const { h, notional } = createHolders(params, n, t[0] ?? 0, x[0] ?? 0);
  const book = new RollBook(params, h, t);
  const run = runMarket({
    t,
    x,
    sellers: [book],
    ...(params.impact === undefined ? {} : { impact: params.impact }),
  });
  const worstEth = worstWindow(t, book.hedgeEth, 3600);
  const worstUsd = worstWindow(t, book.hedgeUsd, 3600);
  const total = (a: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
    return s;
  };
  return {
    holders: n,
    notionalUsd: notional,
    rolls: total(book.rolls),
    holdersRolled: total(h.rolled),
    rolledValueUsd: book.rolledValueUsd,
    premiumTradedUsd: book.premiumTradedUsd,
    hedgeSalesEth: total(book.hedgeEth),
    hedgeSalesUsd: total(book.hedgeUsd),
    hedgeAfterPathEth: book.hedgeAfterPathEth,
    forcedSalesEth: 0,
    worstHour: {
      start: worstUsd.start,
      end: worstUsd.end,
      hedgeEth: worstEth.total,
      hedgeUsd: worstUsd.total,
    },
    exogenousLow: x.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY),
    marketLow: run.price.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY),
    steps: {
      t,
      exogenous: x,
      market: run.price,
      rolls: book.rolls,
      hedgeEth: book.hedgeEth,
      hedgeUsd: book.hedgeUsd,
    },
  };
}
