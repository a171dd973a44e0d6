// What each protocol error means for a user, and what to do about it. One entry per Solidity error name;
// `errors.test.ts` fails if a contract error has no entry here.

import { MARKET_HINTS } from "./hintsMarket.ts";
import { ORACLE_HINTS } from "./hintsOracle.ts";
import { VAULT_HINTS } from "./hintsVault.ts";
import { LIBRARY_HINTS } from "./libraryErrors.ts";

export type ErrorHint = { what: string; fix: string };

const HINTS: Record<string, (args: readonly unknown[]) => ErrorHint> = {
  ZeroAddress: () => ({
    what: "an address is zero.",
    fix: "Pass a non-zero recipient, collateral and oracle.",
  }),
  ZeroAmount: () => ({ what: "the amount is zero.", fix: "Pass an amount of at least 1 base unit." }),
  ZeroStrike: () => ({ what: "the strike is zero.", fix: "Pass a strike above zero (index units per ETH)." }),
  MaturityNotInFuture: ([m]) => ({
    what: `maturity ${m} is not in the future.`,
    fix: "Choose a maturity after the current block time.",
  }),
  CollateralNotContract: ([c]) => ({
    what: `collateral ${c} has no code.`,
    fix: "Use an ERC-20 token address.",
  }),
  SeriesExists: () => ({
    what: "this series already exists.",
    fix: "Use the existing series: its tokens are live.",
  }),
  SeriesNotFound: () => ({ what: "no such series.", fix: "Create the series first, or check its key." }),
  // Two contracts name an error SeriesMatured: the core's (bytes32 id, maturity), the vault's (maturity, now).
  SeriesMatured: (args) =>
    typeof args[0] === "string"
      ? {
          what: `the series matured at ${args[1]}; no new pairs can be split.`,
          fix: "Use a series with a later maturity.",
        }
      : { what: `the vault's series matured at ${args[0]}.`, fix: "Wait for the vault to roll or re-enter." },
  NotMatured: ([, m]) => ({ what: `the series matures at ${m}.`, fix: "Wait until maturity, then settle." }),
  NotSettled: () => ({
    what: "the series is not settled yet.",
    fix: "Call settle once the oracle is final.",
  }),
  AlreadySettled: ([, x]) => ({ what: `the series already settled at x = ${x}.`, fix: "Redeem instead." }),
  OracleNotFinal: () => ({
    what: "the oracle has no final answer yet.",
    fix: "Wait for the challenge window (or arbitration) to end; pairs can be merged meanwhile.",
  }),
  InvalidSettlementValue: ([, x]) => ({
    what: `the oracle reported an unusable x = ${x}.`,
    fix: "Report it.",
  }),
  AmountOverflow: ([a]) => ({
    what: `amount ${a} exceeds 2^128 - 1.`,
    fix: "Split it into smaller amounts.",
  }),
  PairOverflow: () => ({ what: "a balance or supply would exceed 2^128 - 1.", fix: "Use a smaller amount." }),
  InsufficientBalance: ([, side, , balance, needed]) => ({
    what: `${side === 0 ? "P" : "N"} balance ${balance} is below ${needed}.`,
    fix: "Lower the amount, or acquire more of that token first.",
  }),
  CollateralTransferMismatch: ([, expected, received]) => ({
    what: `the collateral moved ${received} instead of ${expected}.`,
    fix: "This token charges fees or rebases; it cannot back a series.",
  }),
  NativeValueMismatch: ([value, amount]) => ({
    what: `sent ${value} wei of ETH for an amount of ${amount}.`,
    fix: "Send exactly the amount as value, or send no ETH and approve the collateral.",
  }),
  NativeNotSupported: () => ({ what: "this series is not backed by WETH.", fix: "Use the ERC-20 path." }),
  NotSeriesToken: () => ({
    what: "the caller is not a token of this core.",
    fix: "Use the series' P or N token.",
  }),
  UnexpectedNativeSender: () => ({
    what: "ETH was sent to the core directly.",
    fix: "Use split with value.",
  }),
  OnlyCore: () => ({ what: "only the core can do this.", fix: "Call the core, not the token." }),
  InvalidRecipient: () => ({ what: "the recipient is the zero address.", fix: "Pass a real recipient." }),
  // Solady ERC20, inherited by every P and N token.
  InsufficientAllowance: () => ({ what: "the allowance is too low.", fix: "Approve the spender first." }),
  AllowanceOverflow: () => ({ what: "the allowance would overflow.", fix: "Approve a smaller amount." }),
  AllowanceUnderflow: () => ({ what: "the allowance would underflow.", fix: "Approve a larger amount." }),
  InvalidPermit: () => ({
    what: "the permit signature is invalid.",
    fix: "Sign again with the current nonce.",
  }),
  PermitExpired: () => ({
    what: "the permit's deadline passed.",
    fix: "Sign a new permit with a later deadline.",
  }),
  Permit2AllowanceIsFixedAtInfinity: () => ({
    what: "Permit2's allowance is fixed.",
    fix: "Approve directly.",
  }),
  TotalSupplyOverflow: () => ({ what: "the supply would overflow.", fix: "Use a smaller amount." }),
  Reentrancy: () => ({ what: "a call re-entered the contract.", fix: "Do not call back into the protocol." }),
};

const ALL: Record<string, (args: readonly unknown[]) => ErrorHint> = {
  ...HINTS,
  ...ORACLE_HINTS,
  ...MARKET_HINTS,
  ...VAULT_HINTS,
  ...LIBRARY_HINTS,
};

export function errorHint(errorName: string, args: readonly unknown[]): ErrorHint {
  return (
    ALL[errorName]?.(args) ?? {
      what: "the contract rejected the call.",
      fix: "See the contract's NatSpec for this error.",
    }
  );
}

export function hasHint(errorName: string): boolean {
  return errorName in ALL;
}
