// The `mm` section of the keeper config: which market and series to make, the model (volatility, price
// sources), the quotes (spread, size, re-quote threshold, lifetime, inventory band), the roll-auction taker
// (the net-risk charge it needs before filling) and the discovery of series created later (a vault's next series).

import { indexIdFromTicker, parseWad } from "@pn/core";
import { type Hex, isHex } from "viem";
import { z } from "zod";
import { addressSchema, baseConfigShape } from "../framework/config.ts";
import { sourceSchema } from "../sources/factory.ts";

const TOKENS = 'must be a token amount as a decimal string, e.g. "2.5"';
const tokenAmount = z
  .string({ error: TOKENS })
  .regex(/^\d+(\.\d{1,18})?$/, TOKENS)
  .transform((s) => parseWad(s));
const volatility = z.number().positive("must be a positive annual volatility, e.g. 0.8").max(5);
const bps = (max: number) => z.number().min(0).max(max);

const INDEX = 'must be an index ticker (e.g. "USD") or an index id (0x + 64 hex digits)';
/** An index by ticker (`USD`) or by id (bytes32 hex); parsed to the id. */
const indexRef = z
  .string({ error: INDEX })
  .refine((s) => (s.startsWith("0x") ? isHex(s) && s.length === 66 : /^[!-~]{1,31}$/.test(s)), INDEX)
  .transform((s) => (s.startsWith("0x") ? (s.toLowerCase() as Hex) : indexIdFromTicker(s)));

const seriesIdSchema = z
  .string()
  .refine(
    (s) => isHex(s) && s.length === 66,
    "must be a series id (0x + 64 hex digits; `pn series list` shows it)",
  )
  .transform((s) => s as Hex);

export const mmSeriesSchema = z.strictObject({
  /** The series id (PNCore.seriesId). */
  id: seriesIdSchema,
  /** Overrides the section's volatility for this series. */
  volatility: volatility.optional(),
  /** Sides to quote; both by default. Roll auctions on any configured token are considered either way. */
  sides: z
    .array(z.enum(["P", "N"]))
    .min(1)
    .default(["P", "N"]),
});

export const inventorySchema = z.strictObject({
  /** Tokens held aimed at, per token. */
  target: tokenAmount.default(parseWad("0")),
  /** Band around the target: no bids above target + limit, no asks below target − limit. */
  limit: tokenAmount,
  /** Price lean at a full band, basis points. */
  skewBps: bps(9_999).default(100),
  /**
   * ETH to split into P and N of each quoted series that the maker holds neither side of, once per series (the
   * split is a recorded intent: never repeated, across restarts too), so it posts asks from its first quote.
   * Never spends `ethReserve`. Off when omitted.
   */
  seedSplit: z
    .string({ error: 'must be an ETH amount as a decimal string, e.g. "10"' })
    .regex(/^\d+(\.\d{1,18})?$/, 'must be an ETH amount as a decimal string, e.g. "10"')
    .transform((v) => parseWad(v))
    .optional(),
});

export const fillsSchema = z.strictObject({
  /** Fill others' asks (roll auctions, Dutch auctions, cheap limit sells) once they cross the model's price. */
  enabled: z.boolean().default(true),
  /** Largest fill per order, in the order's token. */
  maxFill: tokenAmount.default(parseWad("10")),
  /** Split ETH into the wanted series when the maker lacks the tokens a roll order asks for. */
  splitForFills: z.boolean().default(true),
  /** Net-risk charge (BRIEF §7): vol edge on net vega, delta-hedge cost, gamma over a horizon, a fee floor. */
  volEdge: z.number().min(0).max(1).default(0.01),
  deltaHedgeBps: bps(10_000).default(5),
  gammaHorizonDays: z.number().min(0).max(365).default(1),
  minFeeEth: tokenAmount.default(parseWad("0.0005")),
  /** Longest rest for an auction that has not crossed yet (it is re-read after this). */
  maxRestSeconds: z.number().nonnegative().default(300),
});

export const discoverSchema = z.strictObject({
  /**
   * Also work on series created on the core after start (a vault's next series, created by its `triggerRoll`):
   * fill roll auctions and re-entry sales on them, priced with the section's volatility.
   */
  enabled: z.boolean().default(false),
  /** Only series on this oracle (any when omitted). */
  oracle: addressSchema.optional(),
  /**
   * Only series on these indices (tickers or index ids): the ones the section's price sources measure. Required
   * with `enabled`: a series on another index (EUR, CPI-U) would be priced with the wrong x.
   */
  indices: z.array(indexRef).default([]),
  /** Sides to quote on a discovered series; none by default (fills only). */
  sides: z.array(z.enum(["P", "N"])).default([]),
});

export const mmSectionSchema = z
  .strictObject({
    core: addressSchema,
    market: addressSchema,
    /** First block to scan for orders (the market's deployment block); the scan resumes from the state file. */
    fromBlock: z.number().int().nonnegative().default(0),
    logChunkBlocks: z.number().int().positive().default(5_000),
    /** The model's x: the lower median of these sources' latest candles at chain time. */
    sources: z.array(sourceSchema).min(1, "must list at least one price source (three recommended)"),
    minSources: z.number().int().positive().default(1),
    /** A candle older than this (chain time) is stale; with too few fresh ones the maker pulls its quotes. */
    maxPriceAgeSeconds: z.number().positive().default(7_200),
    volatility,
    /** Bid–ask width, basis points of the mid. */
    spreadBps: bps(19_999)
      .refine((v) => v > 0, "must be above 0")
      .default(200),
    /** Re-quote (cancel + post) when the wanted price is further than this from the resting one. */
    requoteThresholdBps: bps(10_000).default(50),
    /** Re-quote a side once fills leave less than this fraction of its size. */
    refreshBelowFraction: z.number().min(0).max(1).default(0.5),
    quoteSize: tokenAmount,
    /** Orders expire this long after posting (and never after maturity − stopBeforeMaturitySeconds). */
    quoteTtlSeconds: z.number().int().positive().default(3_600),
    /** Stop quoting a series (and pull its quotes) this long before maturity. */
    stopBeforeMaturitySeconds: z.number().int().nonnegative().default(86_400),
    /**
     * Post no quote that would live less than this (its expiry is capped by maturity − stopBeforeMaturitySeconds):
     * it would be refreshed at once, or, when chain time jumps (a devnet replay), expire before it is mined.
     */
    minQuoteLifeSeconds: z.number().int().nonnegative().default(60),
    inventory: inventorySchema,
    /** ETH kept for gas: bids and fills never spend it. */
    ethReserve: tokenAmount.default(parseWad("0.05")),
    fills: fillsSchema.prefault({}),
    discover: discoverSchema.prefault({}),
    series: z.array(mmSeriesSchema).default([]),
  })
  .superRefine((section, ctx) => {
    if (section.series.length === 0 && !section.discover.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["series"],
        message: "must list at least one series to make (or enable discover)",
      });
    }
    if (section.discover.enabled && section.discover.indices.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["discover", "indices"],
        message:
          'must list the indices the price sources measure when discover is enabled, e.g. ["USD"]: a series on another index would be priced with the wrong x',
      });
    }
    if (section.minSources > section.sources.length) {
      ctx.addIssue({
        code: "custom",
        path: ["minSources"],
        message: `is ${section.minSources} but only ${section.sources.length} sources are configured`,
      });
    }
    const ids = section.series.map((s) => s.id.toLowerCase());
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["series"],
        message: `lists ${duplicate} twice: merge the entries`,
      });
    }
  });
export type MmSection = z.infer<typeof mmSectionSchema>;

/** The whole config file of `pn-keeper mm`: the common fields plus the `mm` section. */
export const mmConfigSchema = z.strictObject({ ...baseConfigShape, mm: mmSectionSchema });
export type MmConfig = z.infer<typeof mmConfigSchema>;
