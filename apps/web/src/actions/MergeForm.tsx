// Merge: burn the same amount of P and N, get that much ETH back, before or after settlement.
import { merge } from "@pn/sdk";
import { useState } from "react";
import { AmountField } from "../components/AmountField.tsx";
import { PayoffChart } from "../components/PayoffChart.tsx";
import { useApp } from "../data/app.tsx";
import { useTx } from "../data/tx.ts";
import { parseAmount } from "../lib/amount.ts";
import { formatAmount, formatWadInput } from "../lib/format.ts";
import { symbolOf } from "../lib/series.ts";
import { checkMerge } from "../lib/validate.ts";
import { FormShell, isBusy, SubmitRow } from "./FormShell.tsx";
import type { ActionFormProps } from "./types.ts";

export function MergeForm({ series, holdings, account, x }: ActionFormProps) {
  const { deployment } = useApp();
  const tx = useTx();
  const [input, setInput] = useState("");
  const position = holdings?.positions.get(series.id) ?? { p: 0n, n: 0n };
  const pairs = position.p < position.n ? position.p : position.n;
  const parsed = parseAmount(input);
  const amount = parsed.ok ? parsed.value : undefined;
  const problem =
    input.trim() === ""
      ? undefined
      : parsed.ok
        ? checkMerge({ amount: parsed.value, ...position })
        : parsed.message;
  const canSend = account !== undefined && amount !== undefined && problem === undefined && !isBusy(tx.state);

  const submit = () => {
    if (!canSend || amount === undefined) return;
    void tx
      .run(`Merge ${formatAmount(amount, 18)} pairs`, (wallet) =>
        merge(wallet, { core: deployment.contracts.core, key: series.key, amount, native: true }),
      )
      .then((ok) => ok && setInput(""));
  };

  const shown = formatAmount(amount ?? 0n, 18);
  const chart = (
    <PayoffChart
      strikeWad={series.key.strikeWad}
      x={x}
      xLabel="x now"
      pAmount={position.p}
      nAmount={position.n}
      ticker={series.ticker}
    />
  );
  return (
    <FormShell onSubmit={submit} chart={chart}>
      <AmountField
        label="Pairs to merge (P + N)"
        unit="pairs"
        value={input}
        onChange={setInput}
        error={problem}
        onMax={pairs > 0n ? () => setInput(formatWadInput(pairs)) : undefined}
      />
      <div className="preview" data-testid="preview">
        {amount === undefined ? (
          <p className="muted">1 P + 1 N always merge back into 1 ETH, before or after settlement.</p>
        ) : (
          <p>
            You burn{" "}
            <strong>
              {shown} {symbolOf(series, "P")}
            </strong>{" "}
            and{" "}
            <strong>
              {shown} {symbolOf(series, "N")}
            </strong>{" "}
            and get <strong>{shown} ETH</strong>.
          </p>
        )}
      </div>
      <SubmitRow verb="Merge" canSend={canSend} connected={account !== undefined} tx={tx.state} />
    </FormShell>
  );
}
