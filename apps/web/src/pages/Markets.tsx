// Markets: every series, per index, as a strike × maturity grid with model prices, and the book's best bid and
// ask with the x they imply when the deployment has a market.
import { useEffect, useMemo } from "react";
import type { Hex } from "viem";
import { IndexValueControl, VolatilityControl } from "../components/ModelControls.tsx";
import { SeriesGrid } from "../components/SeriesGrid.tsx";
import { useApp } from "../data/app.tsx";
import { useChainClock, useSeriesList } from "../data/chain.ts";
import { useBook } from "../data/market.ts";
import { useModel } from "../data/model.tsx";
import { bestQuotes, type SeriesBook } from "../lib/book.ts";
import { groupByIndex, groupMarkets } from "../lib/series.ts";

const NO_MARKET: ReadonlyMap<Hex, SeriesBook> = new Map();

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
  const { oracleNames, deployment } = useApp();
  const { now } = useChainClock();
  const book = useBook();
  const quotes = useMemo(
    () => (book.data && series.data ? bestQuotes(book.data, series.data, now) : NO_MARKET),
    [book.data, series.data, now],
  );
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
          Model prices (Black-76, zero rates). P + N = 1 ETH; click a cell to split, merge, roll or redeem.
          {deployment.contracts.market === undefined
            ? " No market on this deployment: model prices only."
            : book.data !== undefined && quotes.size === 0
              ? " The market's book is empty."
              : ""}
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
          market={quotes}
        />
      ))}
    </section>
  );
}
