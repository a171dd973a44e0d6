// Split: ETH in, the same amount of P and N out (the core wraps the ETH: no approval needed).
import { split } from "@pn/sdk";
import { useState } from "react";
import { AmountField } from "../components/AmountField.tsx";
import { PayoffChart } from "../components/PayoffChart.tsx";
import { useApp } from "../data/app.tsx";
import { useModel } from "../data/model.tsx";
import { useTx } from "../data/tx.ts";
import { parseAmount } from "../lib/amount.ts";
import { formatAmount, formatNumber, wadToNumber } from "../lib/format.ts";
import { modelQuote } from "../lib/quote.ts";
import { phaseOf, type SeriesInfo, symbolOf } from "../lib/series.ts";
import { checkSplit } from "../lib/validate.ts";
import { FormShell, isBusy, SubmitRow } from "./FormShell.tsx";
import type { ActionFormProps } from "./types.ts";

function SplitPreview({
  series,
  amount,
  x,
  now,
}: {
  series: SeriesInfo;
  amount: bigint | undefined;
  x: number;
  now: bigint;
}) {
  const { sigma } = useModel();
  if (amount === undefined) {
    return <p className="muted">1 ETH splits into 1 P and 1 N; merge them back into 1 ETH at any time.</p>;
  }
  const quote = modelQuote(series, { x, sigma, now });
  const a = wadToNumber(amount);
  const shown = formatAmount(amount, 18);
  return (
    <>
      <p>
        You pay <strong>{shown} ETH</strong> and get{" "}
        <strong>
          {shown} {symbolOf(series, "P")}
        </strong>{" "}
        and{" "}
        <strong>
          {shown} {symbolOf(series, "N")}
        </strong>
        .
      </p>
      <p className="muted">
        Model value now: P ≈ {formatNumber(a * quote.pEth, 4)} ETH ({formatNumber(a * quote.pIndex, 2)}{" "}
        {series.ticker}), N ≈ {formatNumber(a * quote.nEth, 4)} ETH ({formatNumber(a * quote.nIndex, 2)}{" "}
        {series.ticker}).
      </p>
    </>
  );
}

export function SplitForm({ series, holdings, account, now, x }: ActionFormProps) {
  const { deployment } = useApp();
  const tx = useTx();
  const [input, setInput] = useState("");
  const parsed = parseAmount(input);
  const amount = parsed.ok ? parsed.value : undefined;
  const ethBalance = holdings?.eth ?? 0n;
  // A matured series cannot be split whatever the amount; otherwise judge the amount once something is typed.
  const problem =
    phaseOf(series, now) !== "live"
      ? checkSplit({ series, amount: 0n, ethBalance, now })
      : input.trim() === ""
        ? undefined
        : parsed.ok
          ? checkSplit({ series, amount: parsed.value, ethBalance, now })
          : parsed.message;
  const canSend = account !== undefined && amount !== undefined && problem === undefined && !isBusy(tx.state);

  const submit = () => {
    if (!canSend || amount === undefined) return;
    void tx
      .run(`Split ${formatAmount(amount, 18)} ETH`, (wallet) =>
        split(wallet, { core: deployment.contracts.core, key: series.key, amount, native: true }),
      )
      .then((ok) => ok && setInput(""));
  };

  const chart = (
    <PayoffChart
      strikeWad={series.key.strikeWad}
      x={x}
      xLabel="x now"
      pAmount={amount ?? 0n}
      nAmount={amount ?? 0n}
      ticker={series.ticker}
    />
  );
  return (
    <FormShell onSubmit={submit} chart={chart}>
      <AmountField label="ETH to split" unit="ETH" value={input} onChange={setInput} error={problem} />
      <div className="preview" data-testid="preview">
        <SplitPreview series={series} amount={amount} x={x} now={now} />
      </div>
      <SubmitRow verb="Split" canSend={canSend} connected={account !== undefined} tx={tx.state} />
    </FormShell>
  );
}
