// What a roll asks of a market, and what it costs. Values are in index units (USD for the USD index).

/** One side of a roll: `quantity` units of the series (strike, tau years). */
export type Leg = { strike: number; tau: number; quantity: number };

/**
 * A roll from P_A to P_B at one instant. `from` is absent on entry (cash → P_B). The market is (x, sigma): the
 * index value per ETH and the implied volatility the maker prices with.
 */
export type RollTrade = { x: number; sigma: number; from?: Leg; to: Leg };

/**
 * How the roll reaches the market.
 * - "gross": two full-size trades, sell P_A and buy P_B (a fixed fraction of the whole position each time).
 * - "spread": BRIEF §7: buy N_A, merge with P_A, split into P_B + N_B, sell N_B; the counterparty swaps one call
 *   for another and carries only the difference in risk.
 */
export type Route = "gross" | "spread";

/** What a hedged market maker charges for the net risk of a spread trade (and the gross route's spread). */
export type MakerRisk = {
  /** Volatility edge charged on the net vega, decimal (0.01 = 1 vol point). */
  volEdge: number;
  /** Cost of hedging the net delta in spot, basis points of the hedge's value. */
  deltaHedgeBps: number;
  /** Time risk: ½·|net gamma|·x²·σ² over this many days, the hedging P&L the maker is exposed to. */
  gammaHorizonDays: number;
  /** A floor per trade, index units. */
  minFee: number;
};

export type GasUnits = {
  split: number;
  merge: number;
  redeem: number;
  settle: number;
  /** One AMM swap (assumption: a Uniswap-v2-style swap of an ERC-20 pair). */
  ammSwap: number;
  /** Filling one signed quote or auction order (assumption). */
  orderFill: number;
  /** An atomic roll via the market (merge + split + the two N legs in one call): TBD, ~250k. */
  atomicRoll: number;
};

export type ExecutionSpec =
  | { venue: "amm"; route: Route; depth: number; feeBps: number }
  | { venue: "rfq"; route: Route; halfSpreadBps: number; maker: MakerRisk }
  | {
      venue: "auction";
      route: Route;
      durationHours: number;
      /** The holder's price improvement at the start, as a multiple of the RFQ charge (the edge decays from it). */
      startEdge: number;
      /** The maker's edge at the end, as a multiple of the RFQ charge. */
      endEdge: number;
      /** The edge a patient passive maker needs, as a multiple of the RFQ charge. */
      patience: number;
      halfSpreadBps: number;
      maker: MakerRisk;
    };

/** The cost of one roll. Slippage and fees are index units; gas is in gas units (priced by the engine). */
export type ExecutionCost = {
  /** Price paid beyond fair value: AMM price impact, a quoted spread or an auction's edge. */
  slippage: number;
  /** Explicit fees (AMM LP fee). */
  fees: number;
  gasUnits: number;
  /** Seconds from the decision to the fill (an auction waits for a maker). */
  delaySeconds: number;
  /** ETH delta the counterparty takes on (what it must hedge in spot): the flow the roll creates. */
  counterpartyDelta: number;
  /** Value that crossed the market, index units. */
  tradedValue: number;
};
