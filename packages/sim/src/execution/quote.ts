// Prices a roll on a venue and route: the constant-product AMM (taker), RFQ/spread quotes from hedged makers,
// and patient Dutch auctions filled by passive makers.

import { InvalidParameterError } from "../errors.ts";
import { ammBuyCost, ammSellCost } from "./amm.ts";
import { DEFAULT_GAS_UNITS } from "./gas.ts";
import { counterpartyDelta, type LegValues, legValues, spreadRiskCharge } from "./maker.ts";
import type { ExecutionCost, ExecutionSpec, GasUnits, RollTrade } from "./types.ts";

/** The cost of a roll (or an entry when `trade.from` is absent). */
export function quoteRoll(
  spec: ExecutionSpec,
  trade: RollTrade,
  units: GasUnits = DEFAULT_GAS_UNITS,
): ExecutionCost {
  switch (spec.venue) {
    case "amm":
      return ammQuote(spec, trade, units);
    case "rfq": {
      const values = legValues(trade);
      const { charge, delta } = referenceCharge(spec, trade, values);
      return { ...base({ spec, values, units, delta, entry: trade.from === undefined }), slippage: charge };
    }
    case "auction":
      return auctionQuote(spec, trade, units);
  }
}

function ammQuote(
  spec: Extract<ExecutionSpec, { venue: "amm" }>,
  trade: RollTrade,
  units: GasUnits,
): ExecutionCost {
  const values = legValues(trade);
  const params = { depth: spec.depth, feeBps: spec.feeBps };
  const entry = trade.from === undefined;
  // gross: sell P_A, buy P_B; spread: buy N_A, sell N_B (the merge/split happen in the core).
  const [buy, sell] =
    spec.route === "gross"
      ? [ammBuyCost({ ...params, value: values.pB }), ammSellCost({ ...params, value: values.pA })]
      : [ammBuyCost({ ...params, value: values.nA }), ammSellCost({ ...params, value: values.nB })];
  const cost = base({ spec, values, units, delta: counterpartyDelta(trade), entry });
  return { ...cost, slippage: buy.impact + sell.impact, fees: buy.fee + sell.fee };
}

/** The RFQ charge: half-spread on both full legs (gross) or the hedged maker's net-risk charge (spread). */
function referenceCharge(
  spec: Extract<ExecutionSpec, { venue: "rfq" | "auction" }>,
  trade: RollTrade,
  values: LegValues,
): { charge: number; delta: number } {
  if (spec.route === "gross") {
    return { charge: ((values.pA + values.pB) * spec.halfSpreadBps) / 1e4, delta: counterpartyDelta(trade) };
  }
  const { charge, netDelta } = spreadRiskCharge(trade, spec.maker);
  return { charge, delta: netDelta };
}

/**
 * A Dutch auction over `durationHours`: the maker's edge rises linearly from −startEdge·c to +endEdge·c (c, the
 * RFQ charge); from the holder's side, an improvement that decays through fair value. The first passive maker
 * whose required edge (patience·c) is met fills, at that edge and time. If none is met, the holder pays c at the end.
 */
function auctionQuote(
  spec: Extract<ExecutionSpec, { venue: "auction" }>,
  trade: RollTrade,
  units: GasUnits,
): ExecutionCost {
  if (!(spec.durationHours >= 0 && spec.startEdge >= 0 && spec.endEdge > 0 && spec.patience >= 0)) {
    throw new InvalidParameterError({
      field: "auction",
      value: JSON.stringify(spec),
      expected: "durationHours >= 0, startEdge >= 0, endEdge > 0, patience >= 0",
    });
  }
  const values = legValues(trade);
  const { charge, delta } = referenceCharge(spec, trade, values);
  const edge = spec.patience <= spec.endEdge ? spec.patience * charge : charge;
  const cost = base({ spec, values, units, delta, entry: trade.from === undefined });
  return { ...cost, slippage: edge, delaySeconds: executionDelaySeconds(spec) };
}

/** Seconds from a roll decision to its fill: 0 for AMM and RFQ, the crossing time for an auction. */
export function executionDelaySeconds(spec: ExecutionSpec): number {
  if (spec.venue !== "auction") return 0;
  const fills = spec.patience <= spec.endEdge;
  const fraction = fills ? (spec.startEdge + spec.patience) / (spec.startEdge + spec.endEdge) : 1;
  return Math.round(spec.durationHours * 3600 * fraction);
}

function base(params: {
  spec: ExecutionSpec;
  values: LegValues;
  units: GasUnits;
  delta: number;
  entry: boolean;
}): ExecutionCost {
  const { spec, values } = params;
  const tradedValue = spec.route === "gross" ? values.pA + values.pB : values.nA + values.nB;
  return {
    slippage: 0,
    fees: 0,
    gasUnits: gasFor(spec, params.units, params.entry),
    delaySeconds: 0,
    counterpartyDelta: params.delta,
    tradedValue,
  };
}

/** Gas units of one roll (or entry) on a venue and route. */
export function gasFor(spec: ExecutionSpec, units: GasUnits, entry: boolean): number {
  const fill = spec.venue === "amm" ? units.ammSwap : units.orderFill;
  if (spec.route === "gross") return entry ? fill : 2 * fill;
  if (entry) return units.split + fill;
  return spec.venue === "amm" ? units.merge + units.split + 2 * fill : units.atomicRoll;
}
