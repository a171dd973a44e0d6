import type { TxState } from "../data/tx.ts";
import { shortAddress } from "../lib/format.ts";

/** Where the last transaction stands; a failure shows the decoded contract error and what to do about it. */
export function TxStatus({ state }: { state: TxState }) {
  if (state.status === "idle") return null;
  return (
    <div className={`tx tx-${state.status}`} data-testid="tx-status" data-status={state.status} role="status">
      {state.status === "signing" && <p>{state.label}: waiting for the wallet…</p>}
      {state.status === "pending" && (
        <p>
          {state.label}: pending <code title={state.hash}>{shortAddress(state.hash)}</code>
        </p>
      )}
      {state.status === "confirmed" && (
        <p>
          {state.label}: confirmed in block {state.blockNumber.toString()}{" "}
          <code title={state.hash}>{shortAddress(state.hash)}</code>
        </p>
      )}
      {state.status === "failed" && (
        <>
          <p>
            <strong>{state.label} failed.</strong>{" "}
            {state.failure.errorName && <code data-testid="tx-error-name">{state.failure.errorName}</code>}
          </p>
          <p data-testid="tx-error" title={state.failure.raw}>
            {state.failure.message}
          </p>
          {state.failure.details && <p className="muted">{state.failure.details}</p>}
        </>
      )}
    </div>
  );
}
