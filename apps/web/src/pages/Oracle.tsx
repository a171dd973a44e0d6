// Oracle: the questions the series ask ("what was x at M?"), their answers, and on a slow oracle the proposals,
// disputes and countdowns to finality.

import type { Address } from "viem";
import { useApp } from "../data/app.tsx";
import { useChainClock, useSeriesList } from "../data/chain.ts";
import { type SlowQuestion, useSeriesQuestions, useSlowOracleQuestions } from "../data/oracle.ts";
import { formatAmount, formatDuration, formatIndexValue, formatUtc, shortAddress } from "../lib/format.ts";

/** A known oracle's name from the deployment file, else its short address. */
function OracleName({ address }: { address: Address }) {
  const name = useApp().oracleNames.get(address);
  return (
    <>
      {name && `${name} `}
      <code title={address}>{shortAddress(address)}</code>
    </>
  );
}

function SeriesQuestions({ now }: { now: bigint }) {
  const series = useSeriesList();
  const questions = useSeriesQuestions(series.data);
  if (questions.data === undefined) return <p className="muted">Asking the oracles…</p>;
  if (questions.data.length === 0) return <p className="muted">No series, so no questions.</p>;
  return (
    <table className="data-table" data-testid="series-questions">
      <thead>
        <tr>
          <th scope="col">Index</th>
          <th scope="col">At M</th>
          <th scope="col">Oracle</th>
          <th scope="col">Series</th>
          <th scope="col">Answer</th>
        </tr>
      </thead>
      <tbody>
        {questions.data.map((q) => (
          <tr key={`${q.oracle}${q.indexId}${q.timestamp}`}>
            <td>{q.ticker}</td>
            <td>{formatUtc(q.timestamp)}</td>
            <td>
              <OracleName address={q.oracle} />
            </td>
            <td>{q.seriesCount}</td>
            <td>
              {q.isFinal
                ? `final · x = ${formatIndexValue(q.valueWad)}`
                : q.timestamp > now
                  ? `can be asked in ${formatDuration(q.timestamp - now)}`
                  : "open · no final answer yet"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function countdown(q: SlowQuestion, now: bigint): string {
  if (q.status === "Finalized") return "finalized";
  if (q.status === "Escalated") {
    if (q.arbitrated) return "arbiter answered · final";
    return q.arbitrationDeadline > now
      ? `arbiter has ${formatDuration(q.arbitrationDeadline - now)}`
      : "arbitration over · latest answer stands";
  }
  const finalAt = q.answeredAt + q.challengeWindow;
  return finalAt > now
    ? `final in ${formatDuration(finalAt - now)} unless disputed`
    : "final (bonds not settled yet)";
}

function SlowOracleQuestions({ now }: { now: bigint }) {
  const questions = useSlowOracleQuestions();
  if (questions.data === undefined) return <p className="muted">Reading proposals…</p>;
  if (questions.data.length === 0) return <p className="muted">No proposals yet.</p>;
  return (
    <table className="data-table" data-testid="slow-questions">
      <thead>
        <tr>
          <th scope="col">Question</th>
          <th scope="col">Status</th>
          <th scope="col">Answers (round: value, bond)</th>
          <th scope="col">Countdown</th>
          <th scope="col">Next dispute bond</th>
        </tr>
      </thead>
      <tbody>
        {questions.data.map((q) => (
          <tr key={`${q.indexId}${q.timestamp}`}>
            <td>
              {q.ticker} at {formatUtc(q.timestamp)}
            </td>
            <td>
              {q.status}
              {q.round > 0 ? ` · ${q.round} dispute${q.round > 1 ? "s" : ""}` : ""}
            </td>
            <td>
              {q.answers.map((a, round) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an answer's index is its dispute round, its identity
                <div key={round}>
                  {round}: {formatIndexValue(a.valueWad)}, {formatAmount(a.bond)} ETH{" "}
                  <code title={a.answerer}>{shortAddress(a.answerer)}</code>
                </div>
              ))}
            </td>
            <td>{countdown(q, now)}</td>
            <td>{q.nextDisputeBond > 0n ? `${formatAmount(q.nextDisputeBond)} ETH` : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OraclePage() {
  const { deployment } = useApp();
  const { now } = useChainClock();
  const { oracle, devOracle } = deployment.contracts;
  return (
    <section data-testid="oracle">
      <div className="page-head">
        <h1>Oracle</h1>
        <p className="muted">
          One question per index and maturity: "what was x at M?", asked after M. Slow, bonded and disputable.
        </p>
      </div>
      <div className="card">
        <h2>Questions the series ask</h2>
        <SeriesQuestions now={now} />
      </div>
      <div className="card">
        <h2>Slow oracle: proposals and disputes</h2>
        {oracle === undefined ? (
          <p className="muted" data-testid="no-slow-oracle">
            This deployment has no slow oracle.
            {devOracle !== undefined &&
              " Its series settle from the DevOracle: the deployer reports x directly, with no bonds or disputes (devnets only)."}
          </p>
        ) : (
          <SlowOracleQuestions now={now} />
        )}
      </div>
    </section>
  );
}
