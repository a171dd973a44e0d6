// A vault's rules (`IPNVaultBase.Rules`): the type is @pn/core's `VaultRulesStruct`, checked here against the
// vault's ABI at compile time, so the TypeScript struct and the contract's cannot drift apart.
import type { VaultRulesStruct } from "@pn/core";
import type { ContractConstructorArgs, ContractFunctionReturnType } from "viem";
import type { pnVaultAbi } from "./generated/abis.ts";

/**
 * A vault's policy, fixed at deployment (`IPNVaultBase.Rules`; docs/vault.md, "The rules"): the constructor's
 * `rules` argument and what `rules()` returns. Bps are 1/10,000, prices and strikes WAD index units per collateral
 * unit, times in seconds. Defined once, in @pn/core (`VaultRulesStruct`); the roll planner reads a subset of it.
 */
export type VaultRules = VaultRulesStruct;

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
