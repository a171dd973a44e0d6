// Why a call failed, in one instructive sentence. Protocol reverts (core, oracle, arbiter, market, router) are
// decoded by the SDK (decodePnError → PnContractError: shortMessage + details, one hint per contract error);
// other contracts' reverts are named from their ABI; the rest (funds, network) get a plain reason.

import { decodePnError } from "@pn/sdk";
import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
} from "viem";
import { TransactionFailedError } from "../errors.ts";

const s = (v: unknown) => String(v);

/** Turns any failure of `action` (simulation, sending, waiting) into a TransactionFailedError. */
export function describeFailure(action: string, error: unknown): TransactionFailedError {
  if (error instanceof TransactionFailedError) return error;
  const protocol = decodePnError(error);
  if (protocol !== undefined) {
    return new TransactionFailedError({
      action,
      reason: protocol.shortMessage,
      fix: protocol.details,
      errorName: protocol.errorName,
      cause: error,
    });
  }
  if (!(error instanceof BaseError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new TransactionFailedError({ action, reason, fix: "See the message above.", cause: error });
  }
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    const name = reverted.data?.errorName;
    const args = reverted.data?.args ?? [];
    const signature =
      name === undefined ? (reverted.reason ?? "an unknown revert") : `${name}(${args.map(s).join(", ")})`;
    return new TransactionFailedError({
      action,
      reason: `the contract reverted with ${signature}.`,
      fix: "See the contract's NatSpec for this error.",
      ...(name === undefined ? {} : { errorName: name }),
      cause: error,
    });
  }
  if (error.walk((e) => e instanceof InsufficientFundsError) !== null) {
    return new TransactionFailedError({
      action,
      reason: "the account has too little ETH for the value plus gas.",
      fix: "Fund the account with ETH, or lower the amount.",
      cause: error,
    });
  }
  if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null) {
    return new TransactionFailedError({
      action,
      reason: `the RPC did not answer (${error.shortMessage}).`,
      fix: "Check the node; if a transaction hash was printed above, look it up before retrying.",
      cause: error,
    });
  }
  return new TransactionFailedError({
    action,
    reason: error.shortMessage,
    fix: error.details || "See above.",
    cause: error,
  });
}
