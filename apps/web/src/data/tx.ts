// One transaction's life in the UI: waiting for the wallet, pending, confirmed, or failed with the reason. A
// protocol revert is decoded by @pn/sdk's decodePnError into the contract's error name and what to do.
import { approve, decodePnError, getAllowance, type PnWriteClient } from "@pn/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import {
  type Address,
  BaseError,
  type Hash,
  type PublicClient,
  publicActions,
  type TransactionReceipt,
  UserRejectedRequestError,
  walletActions,
} from "viem";
import { useConfig } from "wagmi";
import { getConnectorClient } from "wagmi/actions";
import { useApp } from "./app.tsx";

export type TxFailure = {
  /** The Solidity error name, when the protocol reverted. */
  errorName?: string;
  message: string;
  details?: string;
  /** The error's full short message (with the revert's arguments), for a tooltip. */
  raw?: string;
};

/** "SeriesMatured(0x…, 1795766400): the series matured…" → "The series matured…". */
function withoutCall(shortMessage: string, errorName: string): string {
  const at = shortMessage.indexOf("): ");
  if (!shortMessage.startsWith(`${errorName}(`) || at < 0) return shortMessage;
  const text = shortMessage.slice(at + 3);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type TxState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "confirmed"; label: string; hash: Hash; blockNumber: bigint }
  | { status: "failed"; label: string; failure: TxFailure; hash?: Hash };

/** Turns whatever a send threw into a sentence: the decoded protocol error first, then viem's short message. */
export function describeFailure(error: unknown): TxFailure {
  const decoded = decodePnError(error);
  if (decoded !== undefined) {
    return {
      errorName: decoded.errorName,
      message: withoutCall(decoded.shortMessage, decoded.errorName),
      raw: decoded.shortMessage,
      ...(decoded.details ? { details: decoded.details } : {}),
    };
  }
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError) instanceof UserRejectedRequestError) {
      return { message: "You rejected the request in your wallet." };
    }
    return { message: error.shortMessage, ...(error.details ? { details: error.details } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Renames the step in progress (e.g. "Approve P" before the action itself); shown while signing. */
export type Step = (label: string) => void;
export type Send = (wallet: PnWriteClient, step: Step) => Promise<Hash>;

/**
 * Approves `spender` for `amount` of `token` when the allowance falls short, and waits for it: the first step of
 * an action that pulls tokens (a roll auction escrows P or N in the market, the router pulls the rolled side).
 */
export async function ensureAllowance(
  wallet: PnWriteClient,
  client: PublicClient,
  { token, spender, amount, label }: { token: Address; spender: Address; amount: bigint; label: string },
  step: Step,
): Promise<void> {
  const allowance = await getAllowance(client, { token, owner: wallet.account.address, spender });
  if (allowance >= amount) return;
  step(label);
  const hash = await approve(wallet, { token, spender, amount });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${label} reverted on chain.`);
}

/**
 * `run(label, send)` signs and sends with the connected wallet, waits for the receipt, then refreshes reads.
 * Resolves to the receipt when the transaction is confirmed, undefined otherwise.
 */
export function useTx() {
  const config = useConfig();
  const { client } = useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });
  const busy = useRef(false);

  const run = useCallback(
    async (label: string, send: Send): Promise<TransactionReceipt | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setState({ status: "signing", label });
      let hash: Hash | undefined;
      try {
        const connected = await getConnectorClient(config);
        const wallet = connected.extend(publicActions).extend(walletActions);
        hash = await send(wallet, (step) => setState({ status: "signing", label: step }));
        setState({ status: "pending", label, hash });
        const receipt = await client.waitForTransactionReceipt({ hash });
        if (receipt.status === "reverted") {
          setState({
            status: "failed",
            label,
            hash,
            failure: { message: "The transaction reverted on chain." },
          });
          return undefined;
        }
        setState({ status: "confirmed", label, hash, blockNumber: receipt.blockNumber });
        return receipt;
      } catch (error) {
        setState({ status: "failed", label, failure: describeFailure(error), ...(hash ? { hash } : {}) });
        return undefined;
      } finally {
        busy.current = false;
        await queryClient.invalidateQueries();
      }
    },
    [config, client, queryClient],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, run, reset };
}
