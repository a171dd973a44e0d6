// Fair values of the legs and what a hedged maker charges for the net risk of a spread trade.

import { netRiskCharge, nGreeks, type RollLeg } from "@pn/core";
import { markN, markP } from "../engine/mark.ts";
import type { Leg, MakerRisk, RollTrade } from "./types.ts";

/** Fair value of one P of a leg, index units. */
export function pFair(trade: RollTrade, leg: Leg): number {
  return markP({ x: trade.x, strike: leg.strike, tau: leg.tau, sigma: trade.sigma });
}

/** Fair value of one N (the call) of a leg, index units. */
export function nFair(trade: RollTrade, leg: Leg): number {
  return markN({ x: trade.x, strike: leg.strike, tau: leg.tau, sigma: trade.sigma });
}

/** Net greeks of the maker's book after a spread roll: long q_B calls B, short q_A calls A. */
export function netCallGreeks(trade: RollTrade): { delta: number; gamma: number; vega: number } {
  const greeks = (leg: Leg) =>
    nGreeks({ x: trade.x, strike: leg.strike, tau: Math.max(leg.tau, 0), sigma: trade.sigma });
  const b = greeks(trade.to);
  const out = {
    delta: trade.to.quantity * b.delta,
    gamma: trade.to.quantity * b.gamma,
    vega: trade.to.quantity * b.vega,
  };
  if (trade.from !== undefined) {
    const a = greeks(trade.from);
    out.delta -= trade.from.quantity * a.delta;
    out.gamma -= trade.from.quantity * a.gamma;
    out.vega -= trade.from.quantity * a.vega;
  }
  return out;
}

/**
 * A hedged maker's charge for taking the other side of a spread roll, index units: the market-maker bot's own
 * model, `netRiskCharge` from @pn/core (volEdge·|net vega| + deltaHedgeBps·|delta|·x + ½·|net gamma|·x²·σ²·horizon,
 * at least minFee), with the maker receiving q_A P_A (or collateral on an entry) and giving q_B P_B. Its delta is
 * the economic one, minus the change in the holder's delta (counterpartyDelta).
 */
export function spreadRiskCharge(trade: RollTrade, maker: MakerRisk): { charge: number; netDelta: number } {
  const leg = (l: Leg): RollLeg => ({ side: "P", strike: l.strike, tau: l.tau });
  const net = netRiskCharge(
    {
      x: trade.x,
      sigma: trade.sigma,
      ...(trade.from === undefined ? {} : { from: leg(trade.from) }),
      to: leg(trade.to),
      quantityIn: trade.from?.quantity ?? 0,
      quantityOut: trade.to.quantity,
    },
    {
      volEdge: maker.volEdge,
      deltaHedgeBps: maker.deltaHedgeBps,
      gammaHorizonDays: maker.gammaHorizonDays,
      minFeeEth: maker.minFee / trade.x,
    },
  );
  return { charge: net.chargeEth * trade.x, netDelta: net.delta };
}

export type LegValues = { pA: number; pB: number; nA: number; nB: number };

/** Index-unit values of the legs each route trades: P legs for "gross", N legs for "spread". */
export function legValues(trade: RollTrade): LegValues {
  const from = trade.from;
  return {
    pA: from === undefined ? 0 : from.quantity * pFair(trade, from),
    pB: trade.to.quantity * pFair(trade, trade.to),
    nA: from === undefined ? 0 : from.quantity * nFair(trade, from),
    nB: trade.to.quantity * nFair(trade, trade.to),
  };
}

/**
 * ETH delta the counterparty takes on, whatever the route: what the holder gives up, q_A·ΔP_A − q_B·ΔP_B with
 * P's delta 1 − N's delta. Positive: the counterparty is long and hedges by selling that much ETH.
 */
export function counterpartyDelta(trade: RollTrade): number {
  const delta = (leg: Leg) =>
    1 - nGreeks({ x: trade.x, strike: leg.strike, tau: Math.max(leg.tau, 0), sigma: trade.sigma }).delta;
  const bought = trade.from === undefined ? 0 : trade.from.quantity * delta(trade.from);
  return bought - trade.to.quantity * delta(trade.to);
}
