// Price sources from config: the `sources` entries of an index, discriminated by `type`.

import { z } from "zod";
import { addressSchema } from "../framework/config.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import { CsvReplaySource } from "./csvReplay.ts";
import { HttpJsonSource } from "./httpJson.ts";
import { PoolPriceSource } from "./poolPrice.ts";
import type { PriceSource } from "./source.ts";

const name = z.string().min(1, "must name the source (used in logs)");
const barSeconds = z
  .number()
  .int()
  .positive("must be the candle length in seconds (3600 for hourly)")
  .default(3600);

export const csvSourceSchema = z.strictObject({
  type: z.literal("csv"),
  name,
  /** A candle CSV such as data/eth_usd_1h_kraken.csv; relative to the config file. */
  file: z.string().min(1),
  barSeconds,
  timeColumn: z.string().default("unix"),
  closeColumn: z.string().default("close"),
});

export const httpJsonSourceSchema = z.strictObject({
  type: z.literal("http-json"),
  name,
  url: z
    .string()
    .regex(/^https?:\/\//, "must be an http(s) URL template, e.g. https://api.example.com/c?t={timestamp}"),
  pricePath: z.string().min(1, "must be the JSON path to the close price, e.g. data.0.close"),
  endsAtPath: z.string().optional(),
  openTimePath: z.string().optional(),
  timeUnit: z.enum(["s", "ms"]).default("s"),
  barSeconds,
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
});

export const poolSourceSchema = z.strictObject({
  type: z.literal("pool"),
  name,
  /** A Uniswap-V2-style pair (getReserves, token0), read on the keeper's chain. */
  pair: addressSchema,
  /** The priced asset (WETH). */
  baseToken: addressSchema,
  baseDecimals: z.number().int().min(0).max(36).default(18),
  quoteDecimals: z.number().int().min(0).max(36),
});

export const sourceSchema = z.discriminatedUnion("type", [
  csvSourceSchema,
  httpJsonSourceSchema,
  poolSourceSchema,
]);
export type SourceConfig = z.infer<typeof sourceSchema>;

export type SourceDeps = { client: KeeperPublicClient; resolvePath: (path: string) => string };

/** Builds the source a config entry describes. */
export function createSource(config: SourceConfig, deps: SourceDeps): PriceSource {
  switch (config.type) {
    case "csv":
      return new CsvReplaySource({
        name: config.name,
        file: deps.resolvePath(config.file),
        barSeconds: BigInt(config.barSeconds),
        timeColumn: config.timeColumn,
        closeColumn: config.closeColumn,
      });
    case "http-json":
      return new HttpJsonSource({
        name: config.name,
        url: config.url,
        pricePath: config.pricePath,
        timeUnit: config.timeUnit,
        ...(config.endsAtPath === undefined ? {} : { endsAtPath: config.endsAtPath }),
        ...(config.openTimePath === undefined ? {} : { openTimePath: config.openTimePath }),
        ...(config.headers === undefined ? {} : { headers: config.headers }),
        barSeconds: BigInt(config.barSeconds),
        timeoutMs: config.timeoutMs,
      });
    case "pool":
      return new PoolPriceSource({
        name: config.name,
        client: deps.client,
        pair: config.pair,
        baseToken: config.baseToken,
        baseDecimals: config.baseDecimals,
        quoteDecimals: config.quoteDecimals,
      });
  }
}
