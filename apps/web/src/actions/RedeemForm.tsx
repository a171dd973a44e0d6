// Redeem: after settlement, P pays min(1, S/x) ETH and N max(0, 1 − S/x) ETH per unit. Before that the series
// must be settled (anyone can, once the oracle is final), and this form offers that step.
import { redeemPayout } from "@pn/core";
import { redeem, settle } from "@pn/sdk";
import { useState } from "react";
import { AmountField } from "../components/AmountField.tsx";
import { PayoffChart } from "../components/PayoffChart.tsx";
import { TxStatus } from "../components/TxStatus.tsx";
import { useApp } from "../data/app.tsx";
import { useOracleAnswer } from "../data/chain.ts";
import { useTx } from "../data/tx.ts";
import { parseOptionalAmount } from "../lib/amount.ts";
import { formatAmount, formatIndexValue, formatUtc, formatWadInput, wadToNumber } from "../lib/format.ts";
import { phaseOf, symbolOf } from "../lib/series.ts";
import { checkRedeem } from "../lib/validate.ts";
import { FormShell, isBusy, SubmitRow } from "./FormShell.tsx";
import type { ActionFormProps } from "./types.ts";

function SettleStep({ series, account }: Pick<ActionFormProps, "series" | "account">) {
  const { deployment } = useApp();
  const answer = useOracleAnswer(series);
  const tx = useTx();
  if (answer.data === undefined) return <p className="muted">Asking the oracle…</p>;
  if (!answer.data.isFinal) {
    return (
      <p className="card" data-testid="settle-waiting">
        Matured at {formatUtc(series.key.maturity)}. Waiting for the oracle's final x; see the{" "}
        <a href="#/oracle">Oracle</a> page. You can merge pairs meanwhile.
      </p>
    );
  }
  const send = () =>
    tx.run(
      "Settle",
      async (wallet) => (await settle(wallet, { core: deployment.contracts.core, key: series.key })).hash,
    );
  return (
    <div className="card" data-testid="settle-step">
      <p>
        The oracle's final answer is x = <strong>{formatIndexValue(answer.data.valueWad)}</strong>. Settle the
        series to open redemption (anyone can, once).
      </p>
      <button
        type="button"
        className="primary"
        disabled={account === undefined || isBusy(tx.state)}
        data-testid="settle"
        onClick={() => void send()}
      >
        Settle series
      </button>
      <TxStatus state={tx.state} />
    </div>
  );
}

type Amounts = { pAmount: bigint; nAmount: bigint; problem: string | undefined; touched: boolean };

/** Reads the two optional amounts and checks them against the holdings. */
function readAmounts(
  pInput: string,
  nInput: string,
  check: (p: bigint, n: bigint) => string | undefined,
): Amounts {
  const p = parseOptionalAmount(pInput);
  const n = parseOptionalAmount(nInput);
  const pAmount = p.ok ? p.value : 0n;
  const nAmount = n.ok ? n.value : 0n;
  const touched = pInput.trim() !== "" || nInput.trim() !== "";
  const format = !p.ok ? `P: ${p.message}` : !n.ok ? `N: ${n.message}` : undefined;
  return { pAmount, nAmount, touched, problem: touched ? (format ?? check(pAmount, nAmount)) : undefined };
}

function SettledRedeem({ series, holdings, account, now }: ActionFormProps) {
  const { deployment } = useApp();
  const tx = useTx();
  const [pInput, setPInput] = useState("");
  const [nInput, setNInput] = useState("");
  const position = holdings?.positions.get(series.id) ?? { p: 0n, n: 0n };
  const { pAmount, nAmount, problem, touched } = readAmounts(pInput, nInput, (p, n) =>
    checkRedeem({ series, pAmount: p, nAmount: n, ...position, now }),
  );
  const canSend = account !== undefined && touched && problem === undefined && !isBusy(tx.state);
  const payout =
    touched && problem === undefined
      ? redeemPayout({ pAmount, nAmount, strikeWad: series.key.strikeWad, xWad: series.settlementWad })
      : undefined;

  const submit = () => {
    if (!canSend) return;
    const key = series.key;
    void tx
      .run("Redeem", async (wallet) => {
        const { hash } = await redeem(wallet, {
          core: deployment.contracts.core,
          key,
          pAmount,
          nAmount,
          native: true,
        });
        return hash;
      })
      .then((ok) => {
        if (!ok) return;
        setPInput("");
        setNInput("");
      });
  };

  const chart = (
    <PayoffChart
      strikeWad={series.key.strikeWad}
      x={wadToNumber(series.settlementWad)}
      xLabel="x at maturity"
      pAmount={touched ? pAmount : position.p}
      nAmount={touched ? nAmount : position.n}
      ticker={series.ticker}
    />
  );
  return (
    <FormShell onSubmit={submit} chart={chart}>
      <p>
        Settled at x = <strong data-testid="settlement">{formatIndexValue(series.settlementWad)}</strong>: P
        pays min(1, S/x), N pays max(0, 1 − S/x) ETH per unit.
      </p>
      <AmountField
        label="P to redeem"
        unit="P"
        value={pInput}
        onChange={setPInput}
        onMax={position.p > 0n ? () => setPInput(formatWadInput(position.p)) : undefined}
        testId="p-amount"
      />
      <AmountField
        label="N to redeem"
        unit="N"
        value={nInput}
        onChange={setNInput}
        onMax={position.n > 0n ? () => setNInput(formatWadInput(position.n)) : undefined}
        testId="n-amount"
      />
      {problem !== undefined && (
        <p className="field-error" role="alert" data-testid="redeem-error">
          {problem}
        </p>
      )}
      <div className="preview" data-testid="preview">
        {payout === undefined ? (
          <p className="muted">Enter how much P and N to redeem.</p>
        ) : (
          <p>
            You burn {formatAmount(pAmount, 18)} {symbolOf(series, "P")} and {formatAmount(nAmount, 18)}{" "}
            {symbolOf(series, "N")} and get{" "}
            <strong data-testid="payout">{formatAmount(payout, 18)} ETH</strong>.
          </p>
        )}
      </div>
      <SubmitRow verb="Redeem" canSend={canSend} connected={account !== undefined} tx={tx.state} />
    </FormShell>
  );
}

export function RedeemForm(props: ActionFormProps) {
  const { series, holdings, x, now, account } = props;
  const phase = phaseOf(series, now);
  if (phase === "settled") return <SettledRedeem {...props} />;
  const position = holdings?.positions.get(series.id) ?? { p: 0n, n: 0n };
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
    <FormShell onSubmit={() => {}} chart={chart}>
      {phase === "matured" ? (
        <SettleStep series={series} account={account} />
      ) : (
        <p className="field-error" data-testid="redeem-error">
          {checkRedeem({ series, pAmount: 0n, nAmount: 0n, ...position, now })}
        </p>
      )}
    </FormShell>
  );
}
