// The frame every action form shares: fields and preview on the left, the payoff diagram on the right, and the
// submit button with the transaction's state under the fields.
import type { ReactNode } from "react";
import { TxStatus } from "../components/TxStatus.tsx";
import type { TxState } from "../data/tx.ts";

export function FormShell({
  onSubmit,
  chart,
  children,
}: {
  onSubmit(): void;
  chart: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      className="action-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <div className="form-main">{children}</div>
      <div className="form-side">{chart}</div>
    </form>
  );
}

export type SubmitRowProps = { verb: string; canSend: boolean; connected: boolean; tx: TxState };

export function SubmitRow({ verb, canSend, connected, tx }: SubmitRowProps) {
  return (
    <>
      {!connected && <p className="muted">Connect a wallet to {verb.toLowerCase()}.</p>}
      <button type="submit" className="primary" disabled={!canSend} data-testid="submit">
        {verb}
      </button>
      <TxStatus state={tx} />
    </>
  );
}

/** True while a transaction waits for the wallet or the chain. */
export function isBusy(tx: TxState): boolean {
  return tx.status === "signing" || tx.status === "pending";
}
