// User hints for the market's and the roll router's errors (see hints.ts).
import type { ErrorHint } from "./hints.ts";

type Hints = Record<string, (args: readonly unknown[]) => ErrorHint>;

export const MARKET_HINTS: Hints = {
  ZeroPrice: () => ({ what: "the price is zero.", fix: "Pass a price above zero (collateral per token)." }),
  PriceOverflow: () => ({ what: "the price is too large.", fix: "Pass a smaller price." }),
  InvalidCurve: () => ({
    what: "the auction curve is not usable.",
    fix: "Use floor <= start, a duration above zero and a half-life above zero for exponential curves.",
  }),
  InvalidExpiry: () => ({ what: "the expiry is in the past.", fix: "Use a future expiry, or 0 for none." }),
  InvalidCounterToken: () => ({
    what: "the order's pair is not allowed.",
    fix: "Trade a P/N token of the core.",
  }),
  OrderNotOpen: ([id]) => ({ what: `order ${id} is filled or cancelled.`, fix: "Refresh the book." }),
  OrderExpired: ([id]) => ({ what: `order ${id} has expired.`, fix: "Pick another order." }),
  FillExceedsRemaining: ([, remaining]) => ({
    what: `the order has only ${remaining} left.`,
    fix: "Fill at most what remains.",
  }),
  CancelNotAllowed: () => ({ what: "only the maker can cancel before expiry.", fix: "Wait for the expiry." }),
  NotBid: ([id]) => ({ what: `order ${id} is not a bid.`, fix: "Use fill for asks." }),
  NativeValueTooLow: ([value, cost]) => ({
    what: `sent ${value} wei; the cost is ${cost}.`,
    fix: "Send more ETH.",
  }),
  RegistryFull: () => ({ what: "the token registry is full.", fix: "Use an already registered token." }),
  // RollRouter
  BufferTooSmall: ([, need]) => ({
    what: `the collateral buffer is too small (needs ${need}).`,
    fix: "Send more.",
  }),
  CollateralMismatch: () => ({
    what: "the two series use different collateral.",
    fix: "Roll within one collateral.",
  }),
  DeadlineExpired: () => ({ what: "the deadline passed.", fix: "Send again with a later deadline." }),
  InsufficientLiquidity: ([token, missing]) => ({
    what: `the orders given lack ${missing} of ${token}.`,
    fix: "Pass more orders or a smaller amount.",
  }),
  SlippageExceeded: ([refund, min]) => ({
    what: `the roll would return ${refund}, below the minimum ${min}.`,
    fix: "Raise the slippage limit or wait for better orders.",
  }),
  WrongOrder: ([id]) => ({
    what: `order ${id} does not fit this roll.`,
    fix: "Pass orders of the right tokens.",
  }),
};
