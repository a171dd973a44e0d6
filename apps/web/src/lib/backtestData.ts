// The shape of public/backtest.json: the simulator's results as the Backtest page charts them. Written by
// scripts/backtest-data.ts (from @pn/sim), read by the page. Numbers are rounded so the file is small and the
// same on every machine; times are unix seconds or offsets from a stated origin.

export const BACKTEST_DATA_VERSION = 1;

export type CostLine = {
  /** premium/drift − slippage − fees − gas = net drift; all log drags per year (0.01 = 1%/yr). */
  premiumDrift: number;
  slippage: number;
  fees: number;
  gas: number;
  total: number;
};

export type BacktestSummary = {
  years: number;
  trackingError: number;
  meanDrift: number;
  worstDrawdown: number;
  worstShortfall: number;
  endValue: number;
  rolls: number;
  rollsPerYear: number;
  costs: CostLine;
};

export type BacktestRoll = {
  /** Unix seconds. */
  t: number;
  x: number;
  reason: string;
  toStrike: number;
  /** slippage + fees + gas of this roll, index units. */
  cost: number;
};

export type BacktestRun = {
  label: string;
  policy: {
    name: string;
    strikeFraction: number;
    triggerMultiple: number;
    tenorDays: number;
    rollLeadDays: number;
  };
  execution: string;
  check: string;
  notional: number;
  pathNote: string;
  /** Sample times: unix seconds = t0 + day · 86,400. */
  t0: number;
  day: number[];
  /** Position value, index units (the target is flat at `notional`). */
  value: number[];
  /** The index x (ETH/USD) and the strike held. */
  x: number[];
  strike: number[];
  rolls: BacktestRoll[];
  summary: BacktestSummary;
};

/** The same policy through each execution venue and route: where the costs come from. */
export type CostComparison = {
  label: string;
  execution: string;
  trackingError: number;
  meanDrift: number;
  costs: CostLine;
  ruined: boolean;
};

export type CrashPnSide = {
  label: string;
  check: string;
  /** Value relative to the day's open (1 = unchanged), per 10-minute bar of the day. */
  relative: number[];
  worstVsOpen: number;
  closeVsOpen: number;
  rolls: number;
  /** ETH the rolls' counterparties sold to hedge, as a share of the ETH the position held at the open. */
  hedgeShare: number;
};

export type CrashCdpSide = {
  label: string;
  liquidations: number;
  forceSoldEth: number;
  /** Forced sales as a share of the book's collateral at the open. */
  forceSoldShare: number;
  worstHourEth: number;
  /** How much lower the book's own forced sales pushed the low (0.025 = 2.5%). */
  cascadeExtraDrop: number;
  /** Book equity relative to the open, per 10-minute bar of the day. */
  relative: number[];
};

export type CrashWindow = {
  day: string;
  /** Unix seconds of the first bar; bars are 10 minutes apart. */
  t0: number;
  barSeconds: number;
  x: number[];
  open: number;
  low: number;
  close: number;
  pn: CrashPnSide[];
  cdp: CrashCdpSide[];
  note: string;
};

export type BacktestData = {
  version: typeof BACKTEST_DATA_VERSION;
  source: string;
  backtest: BacktestRun;
  costs: CostComparison[];
  crashes: CrashWindow[];
};

/** Checks the top level of a fetched file (the script writes the rest; a stale file fails here, not in a chart). */
export function parseBacktestData(json: unknown): BacktestData {
  if (typeof json !== "object" || json === null) throw new Error("backtest.json is not an object");
  const data = json as Partial<BacktestData>;
  if (data.version !== BACKTEST_DATA_VERSION) {
    throw new Error(
      `backtest.json has version ${String(data.version)}, not ${BACKTEST_DATA_VERSION}: regenerate it with node apps/web/scripts/backtest-data.ts`,
    );
  }
  if (
    data.backtest === undefined ||
    !Array.isArray(data.backtest.value) ||
    !Array.isArray(data.costs) ||
    !Array.isArray(data.crashes)
  ) {
    throw new Error("backtest.json is missing its backtest, costs or crashes");
  }
  return data as BacktestData;
}
