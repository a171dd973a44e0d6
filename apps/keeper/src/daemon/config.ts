// The `daemon` section of the keeper config: the position to look after, the private price sources, and the
// private policy: when to roll (levels and dates, each with random jitter), into what, and how (a patient roll
// auction, escalated to the atomic router near the strike). None of it is ever written on chain.

import { parseWad } from "@pn/core";
import { type Hex, isHex } from "viem";
import { z } from "zod";
import { addressSchema, baseConfigShape } from "../framework/config.ts";
import { sourceSchema } from "../sources/factory.ts";

const seriesIdSchema = z
  .string()
  .refine((s) => isHex(s) && s.length === 66, "must be a series id (0x + 64 hex digits; `pn series list`)")
  .transform((s) => s as Hex);

/** A value with a symmetric uniform jitter: each draw is in `[value − jitter, value + jitter]`. */
const jittered = (what: string, value: number, jitter: number) =>
  z
    .strictObject({
      value: z.number().positive(`must be a positive ${what}`),
      jitter: z.number().nonnegative("must be zero or more (the half-width of the random draw)"),
    })
    .refine((j) => j.jitter < j.value, "jitter must be below value (draws stay positive)")
    .prefault({ value, jitter });
export type Jittered = { value: number; jitter: number };

const bps = z.number().min(0).max(10_000);

export const policySchema = z.strictObject({
  /** Roll once x < trigger · S (the post's 1.5). */
  trigger: jittered("multiple of the strike", 1.5, 0.1),
  /** Give up on the auction and roll atomically once x < escalate · S. */
  escalate: jittered("multiple of the strike", 1.15, 0.03),
  /** Roll once fewer than this many days are left to maturity (never hold to maturity). */
  daysBeforeMaturity: jittered("number of days", 7, 2),
  /** Escalate once fewer than this many days are left. */
  escalateDaysBeforeMaturity: jittered("number of days", 1, 0.25),
  /** The new strike: S' = x · fraction (the post's S' ≈ x / 2). */
  strikeFraction: jittered("fraction of x", 0.5, 0.05),
  /** The new maturity aimed at: now + tenor. */
  tenorDays: jittered("number of days", 28, 3),
  /** Existing series maturing sooner than this are not candidates. */
  minTenorDays: z.number().positive().default(14),
  /** An existing series qualifies when its strike is within this relative distance of S'. */
  strikeTolerance: z.number().min(0).max(1).default(0.15),
  /** Wait a random time in [0, this] after a trigger before acting (not when escalating). */
  maxDelaySeconds: z.number().nonnegative().default(3_600),
  /** Create the target series when no existing one qualifies. */
  createSeries: z.boolean().default(true),
  /** A created series' strike is S' rounded down to this step (index units). */
  strikeStep: z
    .string()
    .regex(/^\d+(\.\d{1,18})?$/, 'must be a decimal string, e.g. "50"')
    .default("50")
    .transform((s) => parseWad(s)),
  /**
   * A created series' maturity: now + tenor rounded down to the grid `offset + n · align` (00:00 UTC days by
   * default), then later on the grid if it must be to lie minTenorDays out and after the current maturity.
   */
  maturityAlignSeconds: z.number().int().positive().default(86_400),
  maturityOffsetSeconds: z.number().int().nonnegative().default(0),
});
export type PolicyConfig = z.infer<typeof policySchema>;

export const auctionSchema = z.strictObject({
  curve: z.enum(["linear", "exponential"]).default("linear"),
  /** Start price above the model's fair ratio (P_B per P_A), basis points. */
  startPremiumBps: bps.default(100),
  /** Floor below the fair ratio, basis points. */
  floorDiscountBps: bps.default(150),
  /** Seconds from start to floor; jittered by ± durationJitter (a fraction). */
  durationSeconds: z.number().int().positive().default(86_400),
  durationJitter: z.number().min(0).max(0.9).default(0.2),
  /** Exponential curve: the half-life (seconds). */
  halfLifeSeconds: z.number().int().positive().default(7_200),
  /** The order expires this long after reaching its floor; it is then cancelled and posted again. */
  graceSeconds: z.number().int().nonnegative().default(3_600),
});

export const escalationSchema = z.strictObject({
  /** Slippage limit of the atomic roll, bps of the collateral traded (RollRouter minRefund). */
  slippageBps: bps.default(100),
  bufferSurplusBps: bps.default(10),
  /** The atomic roll's deadline, seconds after planning. */
  validForSeconds: z.number().int().positive().default(600),
  maxOrders: z.number().int().positive().max(64).default(16),
});

export const daemonSectionSchema = z
  .strictObject({
    core: addressSchema,
    market: addressSchema,
    router: addressSchema,
    /** First block to scan for series (the core's deployment block). */
    fromBlock: z.number().int().nonnegative().default(0),
    /** The series whose P the daemon holds at its first start; afterwards the state file knows the position. */
    series: seriesIdSchema,
    /** x is the lower median of these sources' latest prices at chain time. None is built in. */
    sources: z.array(sourceSchema).min(1, "must list at least one price source (three or more recommended)"),
    minSources: z.number().int().positive().default(1),
    maxPriceAgeSeconds: z.number().positive().default(7_200),
    /** Black-76 volatility for the fair roll ratio and the atomic roll's size. */
    volatility: z.number().positive().max(5).default(0.7),
    policy: policySchema.prefault({}),
    /** The jitter's secret seed (32 bytes hex). Omit it: a random one is made at first start and kept in the state. */
    seed: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "must be 32 bytes of hex (0x + 64 digits)")
      .transform((s) => s as Hex)
      .optional(),
    auction: auctionSchema.prefault({}),
    escalation: escalationSchema.prefault({}),
    /** Blocks a roll's last effect must be under before the roll counts as done. */
    confirmations: z.number().int().nonnegative().default(2),
    /** Mined transactions younger than this many blocks are re-checked for reorgs every tick. */
    reorgWindowBlocks: z.number().int().positive().default(64),
  })
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const p = d.policy;
    const hi = (j: Jittered) => j.value + j.jitter;
    const lo = (j: Jittered) => j.value - j.jitter;
    if (d.minSources > d.sources.length)
      issue(["minSources"], `is ${d.minSources} but only ${d.sources.length} sources are configured`);
    if (lo(p.escalate) <= 1) issue(["policy", "escalate"], "must stay above 1 (x above the strike)");
    if (hi(p.escalate) >= lo(p.trigger))
      issue(["policy", "escalate"], "must stay below the trigger's lowest draw");
    if (1 / hi(p.strikeFraction) <= hi(p.trigger))
      issue(["policy", "strikeFraction"], "is too high: a fresh roll would trigger again at once");
    if (hi(p.escalateDaysBeforeMaturity) >= lo(p.daysBeforeMaturity))
      issue(["policy", "escalateDaysBeforeMaturity"], "must stay below daysBeforeMaturity's lowest draw");
    if (p.minTenorDays <= hi(p.daysBeforeMaturity))
      issue(["policy", "minTenorDays"], "must exceed daysBeforeMaturity's highest draw");
    if (lo(p.tenorDays) < p.minTenorDays)
      issue(["policy", "tenorDays"], "its lowest draw must be at least minTenorDays");
  });
export type DaemonSection = z.infer<typeof daemonSectionSchema>;

/** The config file of `pn-keeper daemon`: the common fields (stateFile is the SQLite database) plus `daemon`. */
export const daemonConfigSchema = z.strictObject({ ...baseConfigShape, daemon: daemonSectionSchema });
export type DaemonConfig = z.infer<typeof daemonConfigSchema>;
