// The backtest engine: walks a market path bar by bar, marks the P position at S − Put(x, S, τ, σ) with the
// market's σ of that bar, asks the planner at the check frequency, and executes rolls on the chosen venue.
// Deterministic: the only randomness is the daemon's jitter, from a seeded PRNG.

import { InvalidParameterError } from "../errors.ts";
import { DEFAULT_GAS, DEFAULT_GAS_UNITS, gasCost } from "../execution/gas.ts";
import { pFair } from "../execution/maker.ts";
import { executionDelaySeconds, quoteRoll } from "../execution/quote.ts";
import type { ExecutionCost, Leg, RollTrade } from "../execution/types.ts";
import { createRng, type Rng } from "../rng.ts";
import { type Holding, planRoll, type SeriesTarget } from "../strategies/planner.ts";
import { drawThresholds, type Thresholds, validatePolicy } from "../strategies/policy.ts";
import { markP, SECONDS_PER_YEAR, yearsBetween } from "./mark.ts";
import { createTracker } from "./tracker.ts";
import type { BacktestParams, BacktestResult, RollEvent } from "./types.ts";

type Pending = { at: number; target: SeriesTarget; reason: RollEvent["reason"]; delaySeconds: number };

type State = {
  holding: Holding | undefined;
  thresholds: Thresholds;
  next: Thresholds;
  /** Value held outside P (index units): the notional before entry. */
  cashValue: number;
  /** x at the held series' maturity, once passed (P then redeems min(1, S/x) ETH). */
  settledX: number | undefined;
  pending: Pending | undefined;
  /** Time the costs ate the whole position (a roll cost more than it was worth), if they did. */
  ruinedAt: number | undefined;
  drag: { slippage: number; fees: number; gas: number };
  rolls: RollEvent[];
};

type Context = Required<Omit<BacktestParams, "gas">> & { gas: NonNullable<BacktestParams["gas"]>; rng: Rng };

/** Runs one backtest. */
export function runBacktest(params: BacktestParams): BacktestResult {
  const ctx = context(params);
  const { path } = ctx;
  const first = drawThresholds(ctx.policy, ctx.rng);
  const state: State = {
    holding: undefined,
    thresholds: first,
    next: first,
    cashValue: ctx.notional,
    settledX: undefined,
    pending: undefined,
    ruinedAt: undefined,
    drag: { slippage: 0, fees: 0, gas: 0 },
    rolls: [],
  };
  const tracker = createTracker({
    t: path.t,
    sampleEverySeconds: ctx.sampleEverySeconds,
    notional: ctx.notional,
    keepSeries: ctx.keepSeries,
  });
  let lastCheck = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < path.t.length; i++) {
    const t = path.t[i] ?? 0;
    if (state.pending !== undefined && i >= state.pending.at) execute(ctx, state, i);
    if (state.ruinedAt !== undefined) break;
    const bucket = ctx.checkEverySeconds === 0 ? i : Math.floor(t / ctx.checkEverySeconds);
    if (state.pending === undefined && (bucket > lastCheck || i === 0)) {
      lastCheck = bucket;
      decide(ctx, state, i);
      if (state.ruinedAt !== undefined) break;
    }
    tracker.observe(i, valueAt(ctx, state, i), path.x[i] ?? 0, state.holding?.strike ?? 0);
  }
  return finish(ctx, state, tracker.summary());
}

function context(params: BacktestParams): Context {
  const notional = params.notional ?? 100_000;
  const check = params.checkEverySeconds ?? 86_400;
  const sample = params.sampleEverySeconds ?? 86_400;
  if (!(notional > 0))
    throw new InvalidParameterError({ field: "notional", value: notional, expected: "> 0" });
  if (!(check >= 0))
    throw new InvalidParameterError({ field: "checkEverySeconds", value: check, expected: ">= 0" });
  if (!(sample > 0))
    throw new InvalidParameterError({ field: "sampleEverySeconds", value: sample, expected: "> 0" });
  const seed = params.seed ?? 1;
  return {
    path: params.path,
    policy: validatePolicy(params.policy),
    execution: params.execution,
    gas: params.gas ?? DEFAULT_GAS,
    notional,
    checkEverySeconds: check,
    sampleEverySeconds: sample,
    seed,
    keepSeries: params.keepSeries ?? true,
    rng: createRng(seed),
  };
}

/** Value of the position at bar i, index units. */
function valueAt(ctx: Context, state: State, i: number): number {
  const { holding } = state;
  const x = ctx.path.x[i] ?? 0;
  const t = ctx.path.t[i] ?? 0;
  if (holding === undefined) return state.cashValue;
  if (t >= holding.maturity) {
    state.settledX ??= x;
    return holding.quantity * Math.min(1, holding.strike / state.settledX) * x;
  }
  const sigma = ctx.path.iv[i] ?? 0;
  return (
    holding.quantity * markP({ x, strike: holding.strike, tau: yearsBetween(t, holding.maturity), sigma })
  );
}

function decide(ctx: Context, state: State, i: number): void {
  const marks = { t: ctx.path.t[i] ?? 0, x: ctx.path.x[i] ?? 0, sigma: ctx.path.iv[i] ?? 0 };
  const decision = planRoll({
    holding: state.holding,
    marks,
    policy: ctx.policy,
    thresholds: state.thresholds,
    next: state.next,
  });
  if (decision.action === "hold") return;
  const delay =
    executionDelaySeconds(ctx.execution) + (state.holding === undefined ? 0 : state.thresholds.delaySeconds);
  state.pending = {
    at: executionBar(ctx.path.t, i, delay),
    target: decision.target,
    reason: decision.reason,
    delaySeconds: delay,
  };
  if (state.pending.at === i) execute(ctx, state, i);
}

/** The bar nearest to `delay` seconds after bar i (never before i). */
function executionBar(t: Float64Array, i: number, delay: number): number {
  if (delay <= 0) return i;
  const due = (t[i] ?? 0) + delay;
  let j = i;
  while (j + 1 < t.length && (t[j] ?? 0) < due) j++;
  if (j > i && due - (t[j - 1] ?? 0) < (t[j] ?? 0) - due) return j - 1;
  return j;
}

function quote(
  ctx: Context,
  state: State,
  i: number,
  target: SeriesTarget,
): { trade: RollTrade; cost: ExecutionCost; value: number } {
  const t = ctx.path.t[i] ?? 0;
  const x = ctx.path.x[i] ?? 0;
  const sigma = ctx.path.iv[i] ?? 0;
  const value = valueAt(ctx, state, i);
  const { holding } = state;
  const live = holding !== undefined && t < holding.maturity;
  const from: Leg | undefined = live
    ? { strike: holding.strike, tau: yearsBetween(t, holding.maturity), quantity: holding.quantity }
    : undefined;
  const toLeg = { strike: target.strike, tau: yearsBetween(t, target.maturity), quantity: 0 };
  const trade: RollTrade = { x, sigma, to: toLeg, ...(from === undefined ? {} : { from }) };
  toLeg.quantity = value / pFair(trade, toLeg);
  const cost = quoteRoll(ctx.execution, trade, ctx.gas.units ?? DEFAULT_GAS_UNITS);
  return { trade, cost, value };
}

function execute(ctx: Context, state: State, i: number): void {
  const pending = state.pending;
  if (pending === undefined) return;
  state.pending = undefined;
  const { trade, cost, value } = quote(ctx, state, i, pending.target);
  const t = ctx.path.t[i] ?? 0;
  const gas = gasCost({ model: ctx.gas, gasUnits: cost.gasUnits, t, x: trade.x });
  const total = cost.slippage + cost.fees + gas;
  if (!(total < value)) {
    state.ruinedAt = t;
    state.holding = undefined;
    state.cashValue = 0;
    return;
  }
  const drag = -Math.log(1 - total / value);
  if (total > 0) {
    state.drag.slippage += (drag * cost.slippage) / total;
    state.drag.fees += (drag * cost.fees) / total;
    state.drag.gas += (drag * gas) / total;
  }
  const quantity = (value - total) / pFair(trade, trade.to);
  state.rolls.push(rollEvent({ trade, cost, value, gas, pending, t, fromStrike: state.holding?.strike }));
  state.holding = { strike: pending.target.strike, maturity: pending.target.maturity, quantity };
  state.thresholds = state.next;
  state.next = drawThresholds(ctx.policy, ctx.rng);
  state.settledX = undefined;
}

function rollEvent(params: {
  trade: RollTrade;
  cost: ExecutionCost;
  value: number;
  gas: number;
  pending: Pending;
  t: number;
  fromStrike: number | undefined;
}): RollEvent {
  const { trade, cost, pending } = params;
  return {
    t: params.t,
    x: trade.x,
    sigma: trade.sigma,
    reason: pending.reason,
    fromStrike: params.fromStrike,
    toStrike: pending.target.strike,
    toMaturity: pending.target.maturity,
    value: params.value,
    slippage: cost.slippage,
    fees: cost.fees,
    gas: params.gas,
    delaySeconds: pending.delaySeconds,
    counterpartyDelta: cost.counterpartyDelta,
    tradedValue: cost.tradedValue,
  };
}

function finish(
  ctx: Context,
  state: State,
  summary: ReturnType<ReturnType<typeof createTracker>["summary"]>,
): BacktestResult {
  const { path } = ctx;
  const years = ((path.t[path.t.length - 1] ?? 0) - (path.t[0] ?? 0)) / SECONDS_PER_YEAR;
  const endValue = state.ruinedAt === undefined ? valueAt(ctx, state, path.t.length - 1) : 0;
  const meanDrift =
    state.ruinedAt === undefined ? Math.log(endValue / ctx.notional) / years : Number.NEGATIVE_INFINITY;
  const { slippage, fees, gas } = state.drag;
  const total = (slippage + fees + gas) / years;
  const rolls = state.rolls.filter((r) => r.reason !== "no-position").length;
  const hedgeFlow = state.rolls.reduce((sum, r) => sum + Math.abs(r.counterpartyDelta) * r.x, 0);
  return {
    label: `${ctx.policy.name} · ${ctx.execution.venue}/${ctx.execution.route} · ${path.label}`,
    policy: ctx.policy,
    execution: ctx.execution,
    checkEverySeconds: ctx.checkEverySeconds,
    notional: ctx.notional,
    metrics: {
      years,
      trackingError: summary.trackingError,
      meanDrift,
      worstDrawdown: summary.worstDrawdown,
      worstPeriodReturn: summary.worstPeriodReturn,
      worstShortfall: summary.worstShortfall,
      endValue,
      ruinedAt: state.ruinedAt,
      costs: {
        premiumDrift: meanDrift + total,
        slippage: slippage / years,
        fees: fees / years,
        gas: gas / years,
        total,
      },
      rolls,
      rollsPerYear: rolls / years,
      hedgeFlow,
    },
    rolls: state.rolls,
    series: summary.series,
  };
}
