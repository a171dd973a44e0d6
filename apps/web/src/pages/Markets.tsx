// Markets: every series, per index, as a strike × maturity grid with model prices.
import { useEffect } from "react";
import type { Hex } from "viem";
import { IndexValueControl, VolatilityControl } from "../components/ModelControls.tsx";
import { type MarketQuote, SeriesGrid } from "../components/SeriesGrid.tsx";
import { useApp } from "../data/app.tsx";
import { useChainClock, useSeriesList } from "../data/chain.ts";
import { useModel } from "../data/model.tsx";
import { groupByIndex, groupMarkets } from "../lib/series.ts";

/** Market prices by series; empty until the market contract and its ABI exist. */
const NO_MARKET: ReadonlyMap<Hex, MarketQuote> = new Map();

let interactiveMarked = false;

/** Marks the moment the first page of chain data is on screen (read by the e2e load measurement). */
function markInteractive(): void {
  if (interactiveMarked) return;
  interactiveMarked = true;
  performance.mark("pn:interactive");
}

export function MarketsPage() {
  const series = useSeriesList();
  const { xOf } = useModel();
  const { oracleNames } = useApp();
  const { now } = useChainClock();
  const ready = series.data !== undefined;
  useEffect(() => {
    if (ready) markInteractive();
  }, [ready]);

  if (series.error) return <p className="error">Could not read the series: {series.error.message}</p>;
  if (!ready) return <p className="muted">Reading series from the chain…</p>;
  const indices = groupByIndex(series.data);
  const markets = groupMarkets(series.data, oracleNames);
  return (
    <section data-testid="markets-ready">
      <div className="page-head">
        <h1>Markets</h1>
        <p className="muted">
          Model prices (Black-76, zero rates). P + N = 1 ETH; click a cell to split, merge or redeem.
        </p>
      </div>
      <div className="controls card">
        <VolatilityControl />
        {[...indices].map(([ticker, list]) => (
          <IndexValueControl key={ticker} ticker={ticker} series={list} />
        ))}
      </div>
      {markets.length === 0 && <p className="muted">No series on this deployment yet.</p>}
      {markets.map((m) => (
        <SeriesGrid
          key={m.key}
          ticker={m.ticker}
          label={m.label}
          x={xOf(m.ticker, indices.get(m.ticker) ?? m.series).x}
          series={m.series}
          now={now}
          market={NO_MARKET}
        />
      ))}
    </section>
  );
}
