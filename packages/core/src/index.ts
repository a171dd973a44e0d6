// Public API of @pn/core: the pure TypeScript mirror of the pn-protocol rules.

export { SERIES_KEY_PACKED_LENGTH, UINT40_LIMIT, UINT128_LIMIT, WAD } from "./constants.ts";
export {
  AmountOutOfRangeError,
  InvalidIndexIdError,
  InvalidSeriesKeyError,
  InvalidSettlementValueError,
  InvalidTickerError,
  PnError,
  type PnErrorOptions,
  StrikeOutOfRangeError,
} from "./errors.ts";
export {
  assertInvariant,
  type BalanceChangeParameters,
  type ClaimsCoveredParameters,
  checkBalancesSumToSupply,
  checkClaimsCovered,
  checkFullyCollateralised,
  checkNoBalanceFallWithoutConsent,
  checkPayoutSum,
  checkSettlementWrittenOnce,
  checkSupplyParity,
  INVARIANTS,
  type InvariantId,
  type InvariantResult,
  InvariantViolationError,
  type PayoutSumParameters,
} from "./invariants.ts";
export {
  assertAmount,
  assertSettlementValue,
  assertStrike,
  nPayout,
  pPayout,
  type RedeemPayoutParameters,
  redeemPayout,
} from "./payoff.ts";
export {
  assertSeriesKey,
  formatMaturity,
  formatWad,
  indexIdFromTicker,
  indexLabel,
  packSeriesKey,
  type SeriesKey,
  type Side,
  seriesId,
  seriesName,
  seriesSymbol,
  tickerFromIndexId,
  tokenArgs,
} from "./series.ts";
