// Portfolio: the connected account's P and N, what they are worth in ETH and index units, the effective
// collateral ratio x/S, and how far x now (the devnet replay's, else the model's input) is from the roll trigger
// at 1.5·S (core's DEFAULT_TRIGGER_MULTIPLE).
import { DEFAULT_TRIGGER_MULTIPLE } from "@pn/core";
import { useConnection } from "wagmi";
import { useApp } from "../data/app.tsx";
import { useChainClock, useHoldings, useSeriesList } from "../data/chain.ts";
import { useModel, type XSource } from "../data/model.tsx";
import { formatAmount, formatIndexValue, formatNumber, formatPercent, formatUtc } from "../lib/format.ts";
import { positionValue } from "../lib/quote.ts";
import { replayDate } from "../lib/replay.ts";
import { type ActionName, routeHref } from "../lib/route.ts";
import { groupByIndex, phaseOf, type SeriesInfo, seriesLabel } from "../lib/series.ts";

/** "1.5·S": the roll trigger's level. */
const TRIGGER = `${DEFAULT_TRIGGER_MULTIPLE}·S`;

type Row = { series: SeriesInfo; label: string; p: bigint; n: bigint; x: number; source: XSource };

function TriggerCell({ distance, phase }: { distance: number; phase: string }) {
  if (phase !== "live") return <td className="muted">—</td>;
  if (distance <= 0) return <td className="error">below {TRIGGER}: roll</td>;
  return <td>{formatPercent(distance)} above</td>;
}

function PositionRow({ row, now }: { row: Row; now: bigint }) {
  const { sigma } = useModel();
  const { series, p, n, x } = row;
  const value = positionValue(series, { p, n }, { x, sigma, now });
  const phase = phaseOf(series, now);
  const actions: ActionName[] = phase === "live" ? ["merge", "roll"] : ["redeem"];
  const { deployment } = useApp();
  const shown = actions.filter((a) => a !== "roll" || deployment.contracts.market !== undefined);
  return (
    <tr data-testid={`position-${series.id}`}>
      <th scope="row">
        <div>{row.label}</div>
        <div className="muted small">
          {phase === "settled"
            ? `settled · x = ${formatIndexValue(series.settlementWad)}`
            : `${phase} · ${formatUtc(series.key.maturity)}`}
        </div>
      </th>
      <td data-testid="position-p">{formatAmount(p, 6)}</td>
      <td data-testid="position-n">{formatAmount(n, 6)}</td>
      <td>{formatNumber(value.valueEth, 4)}</td>
      <td>
        {formatNumber(value.valueIndex, 2)} <span className="muted">{series.ticker}</span>
      </td>
      <td title={row.source === "replay" ? "x now from the devnet replay" : `x now: ${row.source}`}>
        {formatNumber(row.x, 2)}
      </td>
      <td>{formatNumber(value.collateralRatio, 2)}</td>
      <TriggerCell distance={value.triggerDistance} phase={phase} />
      <td>
        <span className="actions">
          {shown.map((action) => (
            <a key={action} href={routeHref({ page: "trade", seriesId: series.id, action })}>
              {action}
            </a>
          ))}
        </span>
      </td>
    </tr>
  );
}

export function PortfolioPage() {
  const connection = useConnection();
  const series = useSeriesList();
  const holdings = useHoldings(connection.address);
  const { now } = useChainClock();
  const { xOf, sigma, replay } = useModel();
  const { oracleNames } = useApp();
  if (connection.address === undefined) {
    return <p className="card">Connect a wallet (or pick a devnet account) to see your positions.</p>;
  }
  if (holdings.data === undefined || series.data === undefined)
    return <p className="muted">Reading balances…</p>;
  const rows: Row[] = [];
  for (const [ticker, list] of groupByIndex(series.data)) {
    const { x, source } = xOf(ticker, list);
    for (const s of list) {
      const position = holdings.data.positions.get(s.id);
      if (position && (position.p > 0n || position.n > 0n)) {
        rows.push({ series: s, label: seriesLabel(s, series.data, oracleNames), ...position, x, source });
      }
    }
  }
  const totalEth = rows.reduce(
    (sum, r) => sum + positionValue(r.series, r, { x: r.x, sigma, now }).valueEth,
    0,
  );
  return (
    <section data-testid="portfolio">
      <div className="page-head">
        <h1>Portfolio</h1>
        <p className="muted">
          ETH <strong data-testid="portfolio-eth">{formatAmount(holdings.data.eth)}</strong> · positions worth{" "}
          <strong>{formatNumber(totalEth, 4)} ETH</strong> at the model price (σ = {formatPercent(sigma, 0)})
          {replay
            ? `; x now from the replay of ${replayDate(replay.timestamp)} (USD; other indices use the model's input)`
            : "; x now is the model's input (Markets page)"}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="card muted">No P or N yet: split ETH into a series on the Trade page.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Series</th>
                <th scope="col">P</th>
                <th scope="col">N</th>
                <th scope="col">Value (ETH)</th>
                <th scope="col">Value (index)</th>
                <th scope="col" title="The index value per ETH now">
                  x now
                </th>
                <th scope="col" title="Effective collateral ratio of P: ETH per unit of its claim">
                  x/S
                </th>
                <th scope="col" title={`How far x can fall before the roll trigger at ${TRIGGER}`}>
                  To roll trigger
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <PositionRow key={row.series.id} row={row} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
