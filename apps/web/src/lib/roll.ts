// A roll from series A to series B, before it is sent: which series it can go to, the model's fair exchange rate
// (units of B's side per unit of A's, the price of a roll auction), default auction terms, and what is wrong with
// the inputs. The market and the router have the last word; their reverts are decoded and shown.
import { askTermsProblem, costUp, type Side, UINT128_LIMIT } from "@pn/core";
import { type AmountResult, parseAmount } from "./amount.ts";
import { formatAmount, formatUtc } from "./format.ts";
import { type ModelInput, modelQuote } from "./quote.ts";
import { phaseOf, type SeriesInfo } from "./series.ts";

export type RollSide = Side;

/** Series a position in `from` can roll into: same collateral, not `from`, still live; by maturity then strike. */
export function rollTargets(from: SeriesInfo, all: readonly SeriesInfo[], now: bigint): SeriesInfo[] {
  return all
    .filter(
      (s) =>
        s.id !== from.id &&
        s.key.collateral.toLowerCase() === from.key.collateral.toLowerCase() &&
        phaseOf(s, now) === "live",
    )
    .sort((a, b) =>
      a.key.maturity === b.key.maturity
        ? a.key.strikeWad < b.key.strikeWad
          ? -1
          : 1
        : a.key.maturity < b.key.maturity
          ? -1
          : 1,
    );
}

/** The default target: the nearest later maturity of the same index (the usual roll), else the first target. */
export function defaultTarget(from: SeriesInfo, targets: readonly SeriesInfo[]): SeriesInfo | undefined {
  const later = targets.filter((s) => s.ticker === from.ticker && s.key.maturity > from.key.maturity);
  const firstMaturity = later[0]?.key.maturity;
  const sameStrike = later.find(
    (s) => s.key.maturity === firstMaturity && s.key.strikeWad === from.key.strikeWad,
  );
  return sameStrike ?? later[0] ?? targets[0];
}

/** The model's rate: how many units of B's `side` one unit of A's is worth (ETH value of A / ETH value of B). */
export function fairRollRate(from: SeriesInfo, to: SeriesInfo, side: RollSide, model: ModelInput): number {
  const a = modelQuote(from, model);
  const b = modelQuote(to, model);
  return side === "P" ? a.pEth / b.pEth : a.nEth / b.nEth;
}

/** A positive number as a decimal string with `digits` significant digits (no exponent): 1.0404 → "1.04040". */
export function significant(value: number, digits = 6): string {
  if (!(value > 0) || !Number.isFinite(value)) return "0";
  const decimals = Math.max(0, Math.min(18, digits - 1 - Math.floor(Math.log10(value))));
  return value.toFixed(decimals);
}

/** Default auction terms around the model's rate: start 2% above it, floor 2% below (the vault's own margins). */
export const DEFAULT_START_MARGIN = 0.02;
export const DEFAULT_FLOOR_MARGIN = 0.02;
export const DEFAULT_DURATION_HOURS = 6;
export const DEFAULT_SLIPPAGE_PERCENT = 1;

export function defaultAuctionPrices(rate: number): { start: string; floor: string } {
  return {
    start: significant(rate * (1 + DEFAULT_START_MARGIN)),
    floor: significant(rate * (1 - DEFAULT_FLOOR_MARGIN)),
  };
}

/** A price as the market takes it (WAD, wanted units per offered unit); empty means the default. */
export function parsePrice(input: string, fallback: string, name: string): AmountResult {
  const text = input.trim() === "" ? fallback : input;
  const parsed = parseAmount(text);
  if (parsed.ok) return parsed;
  return { ok: false, message: `${name}: ${parsed.message.replace("amount", "price")}` };
}

/** Hours as whole seconds; undefined when not a positive number of hours (at most a year). */
export function parseHours(input: string): bigint | undefined {
  const text = input.trim();
  if (!/^\d*\.?\d+$/.test(text)) return undefined;
  const hours = Number(text);
  if (!(hours > 0) || hours > 8_760) return undefined;
  const seconds = BigInt(Math.round(hours * 3_600));
  return seconds > 0n ? seconds : undefined;
}

/** A slippage in percent as basis points; undefined outside [0, 100]. */
export function parseSlippage(input: string): number | undefined {
  const text = input.trim();
  if (!/^\d*\.?\d+$/.test(text)) return undefined;
  const percent = Number(text);
  return percent >= 0 && percent <= 100 ? Math.round(percent * 100) : undefined;
}

export type RollCheck = {
  from: SeriesInfo;
  to: SeriesInfo | undefined;
  side: RollSide;
  amount: bigint;
  held: bigint;
  now: bigint;
};

/** What is wrong with a roll of `amount` of `side` from `from` to `to`, whatever the route. */
export function checkRoll({ from, to, side, amount, held, now }: RollCheck): string | undefined {
  if (phaseOf(from, now) !== "live") {
    return `This series matured at ${formatUtc(from.key.maturity)}: it can no longer be rolled. Redeem it once it is settled.`;
  }
  if (to === undefined) return "Pick the series to roll into.";
  if (to.id === from.id) return "Pick a different series to roll into.";
  if (to.key.collateral.toLowerCase() !== from.key.collateral.toLowerCase()) {
    return "These two series have different collateral: a roll needs the same on both sides.";
  }
  if (phaseOf(to, now) !== "live") {
    return `That series matured at ${formatUtc(to.key.maturity)}: roll into a later one.`;
  }
  if (amount > held) {
    return `You hold ${formatAmount(held)} ${side} of this series: you can roll at most that.`;
  }
  return undefined;
}

export type AuctionTerms = { startWad: bigint; floorWad: bigint; duration: bigint };

/** What the market would reject in a roll auction's terms (a linear Dutch auction from start to floor). */
export function checkAuctionTerms({ startWad, floorWad, duration }: AuctionTerms, amount: bigint) {
  if (startWad >= UINT128_LIMIT) return "The start price is too large.";
  if (floorWad > startWad) return "The floor must not be above the start price: the price only falls.";
  if (floorWad === startWad) return "The floor must be below the start price for a Dutch auction.";
  const problem = askTermsProblem({
    amount,
    startPriceWad: startWad,
    floorPriceWad: floorWad,
    duration,
    halfLife: 0n,
  });
  return problem === undefined ? undefined : `The market would reject these terms: ${problem}.`;
}

/** B a fill of all `amount` of A at `priceWad` delivers: `ceil(amount * price / 1e18)`, as the market charges. */
export function receivedAt(amount: bigint, priceWad: bigint): bigint {
  return costUp(amount, priceWad);
}
