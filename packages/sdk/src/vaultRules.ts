// A vault's rules (`IPNVaultBase.Rules`): the type is @pn/core's `VaultRules`, checked here against the
// vault's ABI at compile time, so the TypeScript struct and the contract's cannot drift apart; and the rules preset
// that devnets and tests start from (`weeklyVaultRules`).
import { DEFAULT_TRIGGER_BPS, type VaultRules } from "@pn/core";
import type { ContractConstructorArgs, ContractFunctionReturnType } from "viem";
import type { pnVaultAbi } from "./generated/abis.ts";

/** A vault's policy, fixed at deployment (`IPNVaultBase.Rules`; docs/vault.md): defined once, in @pn/core. */
export type { VaultRules };

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/**
 * Fails to typecheck when `VaultRules` and the vault ABI's `Rules` tuple (the constructor's argument, `rules()`'s
 * return) are not mutually assignable: a field added, removed, renamed or retyped on either side.
 */
export type VaultRulesAbiCheck = [
  Assert<MutuallyAssignable<VaultRules, ContractConstructorArgs<typeof pnVaultAbi>[1]>>,
  Assert<MutuallyAssignable<VaultRules, ContractFunctionReturnType<typeof pnVaultAbi, "view", "rules">>>,
];

const DAY = 86_400n;

export type WeeklyVaultRulesParameters = Pick<VaultRules, "oracle" | "indexId"> & {
  /** A grid date (`maturityOrigin`): the vault's series mature on `origin + n weeks`, n ≥ 0. */
  origin: bigint;
} & Partial<Omit<VaultRules, "oracle" | "indexId" | "maturityOrigin">>;

/**
 * The vault's documented default rules (docs/vault.md, "The rules", the "Default (tests)" column) on a weekly
 * maturity grid from `origin`, with any field overridden:
 *
 * - strike k = 50% of the reference price on 2 significant digits, never below 25% of the current strike;
 * - a scheduled roll may raise the strike on a final oracle value at most a day old;
 * - signal roll when the hint is below 1.5·S (`DEFAULT_TRIGGER_BPS`), at most every 3 days after a roll starts;
 * - 28-day tenor on the weekly grid, scheduled roll 7 days before maturity;
 * - one-day linear roll auctions from 102% to 98% of the strike ratio, then a day at the floor;
 * - re-entry sales from 120% to 80% of (x − S)/S; keeper reward 1 bp of the amount, at most 0.01.
 *
 * @example
 * const rules = weeklyVaultRules({ oracle, indexId: indexIdFromTicker("USD"), origin, tenor: 14n * 86_400n });
 * const { vault } = await deployVault({ walletClient, publicClient, market, rules, refPriceWad, name, symbol });
 */
export function weeklyVaultRules(parameters: WeeklyVaultRulesParameters): VaultRules {
  const { oracle, indexId, origin, ...overrides } = parameters;
  return {
    oracle,
    indexId,
    strikeFractionBps: 5_000n,
    strikeSigFigs: 2n,
    minStrikeStepBps: 2_500n,
    maxRefAge: DAY,
    triggerBps: DEFAULT_TRIGGER_BPS,
    minRollInterval: 3n * DAY,
    tenor: 28n * DAY,
    maturityOrigin: origin,
    maturityPeriod: 7n * DAY,
    rollLead: 7n * DAY,
    auctionDuration: DAY,
    auctionHalfLife: 0n,
    auctionPatience: DAY,
    rollStartBps: 10_200n,
    rollFloorBps: 9_800n,
    saleStartBps: 12_000n,
    saleFloorBps: 8_000n,
    rewardBps: 1n,
    rewardCap: 10n ** 16n,
    ...overrides,
  };
}
