// What the daemon persists: the position it holds and, per roll, the state machine. bigints are decimal strings.
//
// A roll (one per position epoch) moves through
//   planned → posting → posted ─┬─ (filled in full) ──────────────→ filled → done
//                               ├─ expired → (cancelled) → planned (next attempt, re-priced)
//                               └─ escalated → (cancel, atomic roll) → filled → done
// `planned` is also where a roll starts: the target series is chosen (and created when allowed) there. Every
// transaction is sent under a key stored here *before* it is sent, so a restart resumes with the same key and the
// sender never sends twice. `filled` waits for `confirmations` blocks on top of the last effect.

import type { SeriesKey } from "@pn/core";
import { type Address, type Hex, isAddress, isHex } from "viem";
import { z } from "zod";

const uint = z.string().regex(/^\d+$/);
const address = z.custom<Address>((v) => typeof v === "string" && isAddress(v, { strict: false }));
const hex = z.custom<Hex>((v) => typeof v === "string" && isHex(v));

export const seriesRefSchema = z.object({
  id: hex,
  pToken: address,
  nToken: address,
  key: z.object({
    collateral: address,
    oracle: address,
    indexId: hex,
    strikeWad: uint,
    maturity: uint,
  }),
});
/** A series as stored: its id, key and tokens. */
export type SeriesRef = z.infer<typeof seriesRefSchema>;

export const positionSchema = z.object({
  /** Increments at every completed roll; the roll of epoch n moves out of this series. */
  epoch: z.number().int().nonnegative(),
  series: seriesRefSchema,
  /** Chain time the current trigger was first seen (the random delay counts from it); cleared when it clears. */
  triggerSeenAt: uint.optional(),
  since: z.string(),
});
export type PositionRecord = z.infer<typeof positionSchema>;

export const ROLL_STATES = [
  "planned",
  "posting",
  "posted",
  "expired",
  "escalated",
  "filled",
  "done",
] as const;
export type RollState = (typeof ROLL_STATES)[number];

/** The terms of one posted roll order (one auction attempt). */
export const postTermsSchema = z.object({
  key: z.string(),
  amount: uint,
  startPriceWad: uint,
  floorPriceWad: uint,
  duration: uint,
  halfLife: uint,
  expiry: uint,
  fairRatioWad: uint,
});
export type PostTerms = z.infer<typeof postTermsSchema>;

export const rollSchema = z.object({
  epoch: z.number().int().nonnegative(),
  state: z.enum(ROLL_STATES),
  reason: z.enum(["strike", "maturity"]),
  /** x (WAD) and chain time when the roll was decided. */
  xWad: uint,
  triggeredAt: uint,
  from: seriesRefSchema,
  to: seriesRefSchema,
  /** Set when the daemon creates the target series itself (`create:<epoch>`). */
  createKey: z.string().optional(),
  /** Auction attempt, the suffix of `post:<epoch>:<attempt>`. */
  attempt: z.number().int().positive(),
  post: postTermsSchema.optional(),
  /** The order of the current attempt, read from its post's receipt (and the block that receipt is in). */
  orderId: uint.optional(),
  orderBlock: uint.optional(),
  /** Every order this roll posted. */
  orders: z.array(uint),
  cancelKey: z.string().optional(),
  /** Atomic attempt, the suffix of `roll:<epoch>:<n>`. */
  atomicAttempt: z.number().int().nonnegative(),
  atomicKey: z.string().optional(),
  outcome: z.enum(["auction", "atomic", "mixed"]).optional(),
  /** Units of P_A given up and P_B received (known once filled). */
  amountIn: uint.optional(),
  amountOut: uint.optional(),
  doneAt: uint.optional(),
});
export type RollRecord = z.infer<typeof rollSchema>;

export function toSeriesKey(ref: SeriesRef): SeriesKey {
  return {
    collateral: ref.key.collateral,
    oracle: ref.key.oracle,
    indexId: ref.key.indexId,
    strikeWad: BigInt(ref.key.strikeWad),
    maturity: BigInt(ref.key.maturity),
  };
}

export function toSeriesRef(p: { id: Hex; key: SeriesKey; pToken: Address; nToken: Address }): SeriesRef {
  return {
    id: p.id,
    pToken: p.pToken,
    nToken: p.nToken,
    key: {
      collateral: p.key.collateral,
      oracle: p.key.oracle,
      indexId: p.key.indexId,
      strikeWad: p.key.strikeWad.toString(),
      maturity: p.key.maturity.toString(),
    },
  };
}
