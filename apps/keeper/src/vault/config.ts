// The `vault` section of the keeper config: which vaults to keep rolling, the price sources of the roll hint, the
// oracle references that may raise a strike, how long to rest, and the optional reward-versus-gas check.

import { parseWad } from "@pn/core";
import { z } from "zod";
import { addressSchema, baseConfigShape } from "../framework/config.ts";
import { sourceSchema } from "../sources/factory.ts";

const ETH_AMOUNT = 'must be an ETH amount as a decimal string, e.g. "0.001"';
const ethAmount = z
  .string({ error: ETH_AMOUNT })
  .regex(/^\d+(\.\d{1,18})?$/, ETH_AMOUNT)
  .transform((s) => parseWad(s));

export const profitabilitySchema = z.strictObject({
  /** Off by default (devnets): the keeper calls whenever a call is allowed. */
  enabled: z.boolean().default(false),
  /** Send only when reward value ≥ minRatio × estimated gas cost (both in ETH). */
  minRatio: z.number().positive().default(1),
  /** Calls that pay no reward (closeAuction) are sent anyway when true (others' deposits depend on them). */
  alwaysClose: z.boolean().default(true),
});

export const vaultSectionSchema = z
  .strictObject({
    /** The PNVault contracts to keep rolling (each an item of the job). */
    vaults: z.array(addressSchema).min(1, "must list at least one vault address"),
    /**
     * The roll hint (the vault's signal): the lower median of these sources' latest candles at chain time. The
     * hint is non-binding (it can only trigger a signal roll and lower the next strike); without a fresh one the
     * keeper passes 0 (scheduled rolls only).
     */
    sources: z
      .array(sourceSchema)
      .min(1, "must list at least one price source for the hint (three recommended)"),
    minSources: z.number().int().positive().default(1),
    /** A candle older than this (chain time) is stale. */
    maxPriceAgeSeconds: z.number().positive().default(7_200),
    /**
     * On a scheduled roll, pass the latest final slow-oracle value within the rules' `maxRefAge` as `refTimestamp`
     * when it gives a higher strike (k × min(x, hint)). Candidates: questions proposed on the oracle (its
     * `Proposed` events) and the maturity of the series the vault last rolled from.
     */
    useReference: z.boolean().default(true),
    /**
     * How long after a scheduled roll opens the keeper waits for a candidate reference (a proposed question, or
     * the maturity of the series it last rolled from) to become final. 0: never wait.
     */
    referenceWaitSeconds: z.number().nonnegative().default(21_600),
    /** First block to scan for the oracle's `Finalized` events (the vault's deployment block). */
    fromBlock: z.number().int().nonnegative().default(0),
    logChunkBlocks: z.number().int().positive().default(5_000),
    /** Longest rest between two looks at a vault (its next event may come sooner than computed, e.g. a fill). */
    maxRestSeconds: z.number().nonnegative().default(300),
    profitability: profitabilitySchema.prefault({}),
    /** ETH the keeper keeps for gas: it warns below this balance (it still tries to send). */
    minBalanceEth: ethAmount.default(parseWad("0.01")),
  })
  .superRefine((section, ctx) => {
    if (section.minSources > section.sources.length) {
      ctx.addIssue({
        code: "custom",
        path: ["minSources"],
        message: `is ${section.minSources} but only ${section.sources.length} sources are configured`,
      });
    }
    const ids = section.vaults.map((v) => v.toLowerCase());
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) {
      ctx.addIssue({ code: "custom", path: ["vaults"], message: `lists ${duplicate} twice` });
    }
  });
export type VaultSection = z.infer<typeof vaultSectionSchema>;

/** The whole config file of `pn-keeper vault`: the common fields plus the `vault` section. */
export const vaultConfigSchema = z.strictObject({ ...baseConfigShape, vault: vaultSectionSchema });
export type VaultConfig = z.infer<typeof vaultConfigSchema>;
/** The config as written (before defaults): what a devnet script writes to a file. */
export type VaultConfigInput = z.input<typeof vaultConfigSchema>;
