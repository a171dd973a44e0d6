// The `oracle` section of the keeper config: which SlowOracle and PNCore to watch, and for each index the
// sources, tolerance and bond limit the proposer/disputer works with.

import { INDEX_TICKERS, parseWad } from "@pn/core";
import { z } from "zod";
import { addressSchema, baseConfigShape } from "../framework/config.ts";
import { sourceSchema } from "../sources/factory.ts";

const ticker = z.enum(INDEX_TICKERS as readonly ["USD", "EUR", "CPI-U"], {
  error: `must be one of ${INDEX_TICKERS.join(", ")}`,
});

const ETH_AMOUNT = 'must be an ETH amount as a decimal string, e.g. "0.5"';
const ethAmount = z
  .string({ error: ETH_AMOUNT })
  .regex(/^\d+(\.\d{1,18})?$/, ETH_AMOUNT)
  .transform((s) => parseWad(s));

export const indexSectionSchema = z
  .strictObject({
    ticker,
    /** The rules text this keeper implements; its keccak256 must equal the index's on-chain rulesHash. */
    rulesFile: z.string().optional(),
    /** Dispute only answers further than this from the keeper's own value (basis points of it). */
    toleranceBps: z.number().int().min(0).max(10_000).default(25),
    /** The most the keeper posts as one bond (proposal or dispute), in ETH. */
    maxBondEth: ethAmount,
    /** Sources that must answer (a price or a clean "no candle") before the keeper proposes or disputes. */
    minSources: z.number().int().positive().default(3),
    sources: z.array(sourceSchema).min(1, "must list at least one price source (the rules ask for three)"),
    /** ECB rates CSV (date,usd_per_eur), required for EUR. */
    ecbFile: z.string().optional(),
    /** CPI-U CSV (month,cpi_u_nsa_1982_84_eq_100), required for CPI-U. */
    cpiFile: z.string().optional(),
  })
  .superRefine((index, ctx) => {
    if (index.ticker === "EUR" && index.ecbFile === undefined) {
      ctx.addIssue({ code: "custom", path: ["ecbFile"], message: "is required for EUR: the ECB rates CSV" });
    }
    if (index.ticker === "CPI-U" && index.cpiFile === undefined) {
      ctx.addIssue({ code: "custom", path: ["cpiFile"], message: "is required for CPI-U: the CPI-U CSV" });
    }
    if (index.minSources > index.sources.length) {
      ctx.addIssue({
        code: "custom",
        path: ["minSources"],
        message: `is ${index.minSources} but only ${index.sources.length} sources are configured: add sources or lower it`,
      });
    }
  });
export type IndexSection = z.infer<typeof indexSectionSchema>;

export const oracleSectionSchema = z
  .strictObject({
    slowOracle: addressSchema,
    /** PNCore to scan for SeriesCreated events on `slowOracle` and to settle series on. */
    core: addressSchema.optional(),
    /** First block to scan (the core's deployment block). */
    fromBlock: z.number().int().nonnegative().default(0),
    logChunkBlocks: z.number().int().positive().default(5_000),
    indices: z.array(indexSectionSchema).min(1, "must configure at least one index"),
    /** Questions to answer besides those discovered from series. */
    questions: z.array(z.strictObject({ ticker, timestamp: z.number().int().positive() })).default([]),
    /** Call PNCore.settle for every series of a question once its answer is final. */
    settleSeries: z.boolean().default(true),
    /** Withdraw credited bonds after a question is finalized. */
    withdrawCredits: z.boolean().default(true),
    /** Longest rest for a question nothing can change soon (not matured yet, bond above the limit). */
    maxRestSeconds: z.number().nonnegative().default(300),
    /** How long a computed x is reused before the sources are asked again. */
    valueCacheSeconds: z.number().nonnegative().default(300),
  })
  .superRefine((section, ctx) => {
    const tickers = section.indices.map((i) => i.ticker);
    const duplicate = tickers.find((t, i) => tickers.indexOf(t) !== i);
    if (duplicate !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["indices"],
        message: `configures ${duplicate} twice: merge the entries`,
      });
    }
    if (section.settleSeries && section.core === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["core"],
        message: "is required when settleSeries is true (the default)",
      });
    }
  });
export type OracleSection = z.infer<typeof oracleSectionSchema>;

/** The whole config file of `pn-keeper oracle`: the common fields plus the `oracle` section. */
export const oracleConfigSchema = z.strictObject({ ...baseConfigShape, oracle: oracleSectionSchema });
export type OracleConfig = z.infer<typeof oracleConfigSchema>;
