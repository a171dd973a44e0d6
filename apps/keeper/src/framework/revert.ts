// Reading a revert: the protocol's custom error (name, arguments and the SDK's hint: what happened, what to do) when
// the revert data is one of the protocol's errors, else the custom error of the call's own ABI, else the node's
// message. A mined transaction that reverted carries no reason in its receipt: `explainMinedRevert` replays it.

import { decodePnError, errorHint } from "@pn/sdk";
import { BaseError, ContractFunctionRevertedError, type Hex, type TransactionReceipt } from "viem";
import { call, getTransaction } from "viem/actions";
import { isRpcUnavailable, type KeeperPublicClient } from "./rpc.ts";

/** What a log line says of a revert. `hint` and `fix` are the SDK's, for the protocol's own errors. */
export type DecodedRevert = {
  errorName: string | undefined;
  errorArgs: readonly unknown[];
  reason: string;
  hint?: string;
  fix?: string;
};

/** The revert's custom error name, arguments and hint, when known, else the node's message. */
export function decodeRevert(error: unknown): DecodedRevert {
  const pn = decodePnError(error);
  if (pn !== undefined) {
    const { what, fix } = errorHint(pn.errorName, pn.args);
    return { errorName: pn.errorName, errorArgs: pn.args, reason: pn.shortMessage, hint: what, fix };
  }
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

/**
 * Why a mined transaction reverted: out of gas when it used its whole limit, else its call replayed from the same
 * sender at the state before its block, then (when that passes: a transaction earlier in the block changed the
 * state) at the state after it. `replayedAt` says which; `undefined` when no replay reverts.
 */
export async function explainMinedRevert(
  client: KeeperPublicClient,
  tx: { hash: Hex; from: Hex; to: Hex; data: Hex; value: string },
  receipt: Pick<TransactionReceipt, "blockNumber" | "gasUsed">,
): Promise<(DecodedRevert & { replayedAt?: string }) | undefined> {
  const sent = await getTransaction(client, { hash: tx.hash }).catch(() => undefined);
  if (sent !== undefined && receipt.gasUsed >= sent.gas) {
    return { errorName: undefined, errorArgs: [], reason: `out of gas (used all ${sent.gas})` };
  }
  for (const [replayedAt, blockNumber] of [
    ["the block before", receipt.blockNumber - 1n],
    ["its block", receipt.blockNumber],
  ] as const) {
    try {
      await call(client, {
        account: tx.from,
        to: tx.to,
        data: tx.data,
        value: BigInt(tx.value),
        blockNumber,
      });
    } catch (error) {
      if (isRpcUnavailable(error)) return undefined;
      return { ...decodeRevert(error), replayedAt };
    }
  }
  return undefined;
}
