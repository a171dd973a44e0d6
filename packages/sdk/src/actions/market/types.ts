// Shared shapes of the market actions: an order as the market stores it, with its id, and the market's errors
// that the SDK raises before sending (terms the market would reject, a book too thin for a roll).
import type { Address } from "viem";
import { BaseError } from "viem";

/** An order as `IPNMarket.orderOf` returns it, with its id. A closed order reads as all zero (`open` false). */
export type MarketOrder = {
  id: bigint;
  maker: Address;
  /** The P or N token bought (bid) or offered (ask). */
  token: Address;
  /** Bid: the collateral escrowed. Ask: the wanted token (collateral, or another P/N token for a roll order). */
  counterToken: Address;
  isBid: boolean;
  /** Still open, token base units. */
  amount: bigint;
  /** Bid: the limit price. Ask: the start price. WAD, counter units per token. */
  priceWad: bigint;
  floorPriceWad: bigint;
  startTime: bigint;
  duration: bigint;
  halfLife: bigint;
  /** 0 = never. */
  expiry: bigint;
  escrow: bigint;
  open: boolean;
};

/** The market's `Order` struct as viem decodes it. */
export type AbiOrder = Omit<MarketOrder, "id" | "open">;

export function toMarketOrder(id: bigint, order: AbiOrder): MarketOrder {
  return { id, ...order, open: order.amount > 0n };
}

/** An order's terms that the market would reject; raised before anything is simulated or sent. */
export class InvalidOrderTermsError extends BaseError {
  constructor({ problem }: { problem: string }) {
    super(`Invalid order terms: ${problem}.`, {
      details:
        "A flat ask has floor = start and no half-life; a linear or exponential auction needs 0 < floor < start and a duration; prices and amounts must be above zero.",
      name: "InvalidOrderTermsError",
    });
  }
}

/** The book cannot fill a roll: too few open orders on one side. */
export class InsufficientBookError extends BaseError {
  readonly token: Address;
  readonly missing: bigint;

  constructor({ token, side, missing }: { token: Address; side: "asks" | "bids"; missing: bigint }) {
    super(`The book has too few ${side} on ${token}: ${missing} base units are missing.`, {
      metaMessages: [
        `An atomic roll needs open ${side} covering the whole amount on that token against the collateral.`,
      ],
      details:
        "Roll a smaller amount, wait for makers to quote, or post a roll auction instead (`order post --auction`).",
      name: "InsufficientBookError",
    });
    this.token = token;
    this.missing = missing;
  }
}

/** A roll that cannot be planned as asked (different collateral, a zero amount, a bad slippage). */
export class InvalidRollError extends BaseError {
  constructor({ problem }: { problem: string }) {
    super(`Cannot plan this roll: ${problem}.`, {
      details:
        "Roll between series of the same collateral, with amounts above zero and a slippage in [0, 10000] bps.",
      name: "InvalidRollError",
    });
  }
}
