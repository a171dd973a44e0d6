// Trade: pick a series, then split, merge or redeem it. Each form previews what you get, draws the payoff, says
// what is wrong with the input, and follows the transaction to its end.
import type { Hex } from "viem";
import { useConnection } from "wagmi";
import { ACTIONS } from "../actions/registry.ts";
import { HoldingsLine } from "../components/Holdings.tsx";
import { useApp } from "../data/app.tsx";
import { useChainClock, useHoldings, useSeriesList } from "../data/chain.ts";
import { useModel } from "../data/model.tsx";
import { formatDuration, formatIndexValue, formatUtc } from "../lib/format.ts";
import { type ActionName, navigate, routeHref } from "../lib/route.ts";
import { phaseOf, type SeriesInfo, seriesLabel } from "../lib/series.ts";

function SeriesPicker({
  series,
  selected,
  action,
}: {
  series: readonly SeriesInfo[];
  selected: SeriesInfo;
  action: ActionName;
}) {
  const { oracleNames } = useApp();
  return (
    <label className="control wide">
      <span>Series</span>
      <select
        aria-label="Series"
        value={selected.id}
        onChange={(e) => {
          const seriesId = series.find((s) => s.id === e.target.value)?.id;
          if (seriesId !== undefined) navigate({ page: "trade", seriesId, action });
        }}
      >
        {series.map((s) => (
          <option key={s.id} value={s.id}>
            {seriesLabel(s, series, oracleNames)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SeriesFacts({ series, now }: { series: SeriesInfo; now: bigint }) {
  const phase = phaseOf(series, now);
  return (
    <dl className="facts" data-testid="series-facts">
      <div>
        <dt>Index</dt>
        <dd>{series.ticker}</dd>
      </div>
      <div>
        <dt>Strike S</dt>
        <dd>{formatIndexValue(series.key.strikeWad)}</dd>
      </div>
      <div>
        <dt>Maturity</dt>
        <dd>{formatUtc(series.key.maturity)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd data-testid="series-phase">
          {phase === "live" && `live · ${formatDuration(series.key.maturity - now)} left`}
          {phase === "matured" && "matured · not settled"}
          {phase === "settled" && `settled · x = ${formatIndexValue(series.settlementWad)}`}
        </dd>
      </div>
    </dl>
  );
}

export function TradePage({ seriesId, action }: { seriesId: Hex | undefined; action: ActionName }) {
  const { deployment } = useApp();
  const connection = useConnection();
  const list = useSeriesList();
  const holdings = useHoldings(connection.address);
  const { now } = useChainClock();
  const { xOf } = useModel();
  if (list.data === undefined) return <p className="muted">Reading series from the chain…</p>;
  const all = list.data;
  const series = all.find((s) => s.id === seriesId) ?? all.find((s) => phaseOf(s, now) === "live") ?? all[0];
  if (series === undefined) return <p className="card">No series on this deployment yet.</p>;
  const actions = ACTIONS.filter((a) => a.available(deployment));
  const current = actions.find((a) => a.name === action) ?? actions[0];
  const { x } = xOf(
    series.ticker,
    all.filter((s) => s.ticker === series.ticker),
  );
  return (
    <section className="trade" data-testid="trade">
      <div className="page-head">
        <h1>Trade</h1>
        <SeriesPicker series={all} selected={series} action={current?.name ?? "split"} />
      </div>
      <div className="card">
        <SeriesFacts series={series} now={now} />
        <HoldingsLine series={series} holdings={holdings.data} />
      </div>
      <nav className="tabs" aria-label="Actions">
        {actions.map((a) => (
          <a
            key={a.name}
            className="nav-link"
            href={routeHref({ page: "trade", seriesId: series.id, action: a.name })}
            aria-current={a.name === current?.name ? "page" : undefined}
          >
            {a.label}
          </a>
        ))}
      </nav>
      {current && (
        <div className="card">
          <current.Form
            key={`${series.id}-${current.name}`}
            series={series}
            holdings={holdings.data}
            account={connection.address}
            now={now}
            x={x}
          />
        </div>
      )}
    </section>
  );
}
