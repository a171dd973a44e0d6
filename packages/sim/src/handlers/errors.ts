// Typed reverts of the handlers. Each `CoreRevertError` carries in `contractError` the name of the custom error
// the Solidity contract reverts with at the same point, and in `args` its arguments in the same order and types
// (uint -> bigint, bytes32 and address -> hex string, enum -> number), so a parity test can compare both.

import { PnError } from "@pn/core";

/** Every revert the handlers can raise, named as in Solidity (IPNCore, PairLib, PNToken, Solady, DevOracle). */
export type CoreErrorName =
  // IPNCore
  | "ZeroAddress"
  | "ZeroAmount"
  | "ZeroStrike"
  | "MaturityNotInFuture"
  | "CollateralNotContract"
  | "SeriesExists"
  | "SeriesNotFound"
  | "SeriesMatured"
  | "NotMatured"
  | "NotSettled"
  | "AlreadySettled"
  | "OracleNotFinal"
  | "InvalidSettlementValue"
  | "AmountOverflow"
  | "InsufficientBalance"
  | "NativeValueMismatch"
  | "CollateralTransferMismatch"
  | "NativeNotSupported"
  // PairLib
  | "PairOverflow"
  // PNToken
  | "InvalidRecipient"
  // Solady SafeTransferLib, ERC20 and WETH
  | "TransferFromFailed"
  | "TransferFailed"
  | "ETHTransferFailed"
  | "InsufficientAllowance"
  // DevOracle
  | "OnlyReporter"
  | "ZeroValue"
  | "AlreadyReported"
  // Solidity checked arithmetic (0x11); unreachable while the invariants hold
  | "Panic";

const WHAT: Record<CoreErrorName, string> = {
  ZeroAddress: "an address is zero",
  ZeroAmount: "the amount is zero",
  ZeroStrike: "the strike is zero",
  MaturityNotInFuture: "the maturity is not after the current time",
  CollateralNotContract: "the collateral address has no code",
  SeriesExists: "the series already exists",
  SeriesNotFound: "the series was never created",
  SeriesMatured: "the series has matured; no new pairs can be split",
  NotMatured: "the series has not matured yet",
  NotSettled: "the series is not settled yet",
  AlreadySettled: "the series is already settled",
  OracleNotFinal: "the oracle has no final value for this maturity",
  InvalidSettlementValue: "the oracle's value is 0 or does not fit in 128 bits",
  AmountOverflow: "the amount does not fit in 128 bits",
  InsufficientBalance: "the balance is below the amount",
  NativeValueMismatch: "the ETH sent differs from the amount",
  CollateralTransferMismatch: "the collateral moved a different amount than asked",
  NativeNotSupported: "the series' collateral is not the core's WETH",
  PairOverflow: "a packed P or N amount would exceed 2^128 - 1",
  InvalidRecipient: "the token recipient is the zero address",
  TransferFromFailed: "the collateral token refused transferFrom (allowance or balance too low)",
  TransferFailed: "the collateral token refused transfer",
  ETHTransferFailed: "sending ETH failed",
  InsufficientAllowance: "the allowance is below the amount",
  OnlyReporter: "only the oracle's reporter can report",
  ZeroValue: "the reported value is zero",
  AlreadyReported: "a value was already reported for this index and time",
  Panic: "checked arithmetic under- or overflowed",
};

/** A handler reverted exactly where, and as, the contract would. The state was left unchanged. */
export class CoreRevertError extends PnError {
  override name = "CoreRevertError";
  declare readonly contractError: CoreErrorName;
  /** The Solidity error's arguments, in order. */
  readonly args: readonly unknown[];
  /** The handler that reverted, e.g. "split". */
  readonly handler: string;

  constructor(handler: string, contractError: CoreErrorName, args: readonly unknown[] = []) {
    const shown = args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
    super(`${handler} reverted with ${contractError}(${shown}): ${WHAT[contractError]}.`, {
      fix: "The contract would revert the same way: change the operation's inputs or the state before it.",
      contractError,
    });
    this.args = args;
    this.handler = handler;
  }
}

/** An operation the contracts cannot even express (a token of a series that was never deployed). */
export class UnsupportedOperationError extends PnError {
  override name = "UnsupportedOperationError";

  constructor(reason: string) {
    super(`The handlers cannot replay this operation: ${reason}.`, {
      fix: "Only replay operations on contracts that exist (create the series first).",
    });
  }
}
