// Reading a revert: the custom error's name and arguments when the ABI declares it, else the node's message.

import { BaseError, ContractFunctionRevertedError } from "viem";

/** The revert's custom error name and arguments, when the ABI knows it, else the node's message. */
export function decodeRevert(error: unknown): {
  errorName: string | undefined;
  errorArgs: readonly unknown[];
  reason: string;
} {
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const errorName = revert.data?.errorName ?? undefined;
      const errorArgs = revert.data?.args ?? [];
      const reason =
        errorName === undefined
          ? (revert.reason ?? revert.shortMessage)
          : `${errorName}(${errorArgs.map(String).join(", ")})`;
      return { errorName, errorArgs, reason };
    }
    return { errorName: undefined, errorArgs: [], reason: error.shortMessage };
  }
  return {
    errorName: undefined,
    errorArgs: [],
    reason: error instanceof Error ? error.message : String(error),
  };
}
