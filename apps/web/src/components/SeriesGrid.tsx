// One index's series as a strike × maturity grid: model prices of P and N, implied x where a market price
// exists, and time to maturity per column.
import type { Hex } from "viem";
import { useModel } from "../data/model.tsx";
import { formatAmount, formatDuration, formatIndexValue, formatNumber, formatUtc } from "../lib/format.ts";
import { impliedX, modelQuote } from "../lib/quote.ts";
import { routeHref } from "../lib/route.ts";
import { distinct, phaseOf, type SeriesInfo } from "../lib/series.ts";

export type MarketQuote = { nPriceEth: number };

export type SeriesGridProps = {
  ticker: string;
  /** The grid's title: the ticker, with the oracle when the index has series on several. */
  label: string;
  /** Today's x for the index. */
  x: number;
  series: readonly SeriesInfo[];
  now: bigint;
  /** Market prices by series id; empty until the market exists. */
  market: ReadonlyMap<Hex, MarketQuote>;
};

function MaturityHeader({
  maturity,
  series,
  now,
}: {
  maturity: bigint;
  series: readonly SeriesInfo[];
  now: bigint;
}) {
  const settled = series.find((s) => s.key.maturity === maturity && s.settlementWad > 0n);
  return (
    <th scope="col">
      <div>{formatUtc(maturity).slice(0, 10)}</div>
      <div className="muted small">
        {settled
          ? `settled · x = ${formatIndexValue(settled.settlementWad)}`
          : maturity > now
            ? `in ${formatDuration(maturity - now)}`
            : "matured · awaiting oracle"}
      </div>
    </th>
  );
}

type CellProps = { series: SeriesInfo; x: number; now: bigint; market: MarketQuote | undefined };

function Cell({ series, x, now, market }: CellProps) {
  const { sigma } = useModel();
  const quote = modelQuote(series, { x, sigma, now });
  const implied = market && impliedX(series, { nPriceEth: market.nPriceEth, sigma, now });
  const phase = phaseOf(series, now);
  return (
    <td className={`cell ${phase}`}>
      <a
        className="cell-link"
        href={routeHref({
          page: "trade",
          seriesId: series.id,
          action: phase === "live" ? "split" : "redeem",
        })}
      >
        <span className="side p">P</span> {formatNumber(quote.pEth, 4)} ETH
        <span className="muted"> · {formatNumber(quote.pIndex, 2)}</span>
        <br />
        <span className="side n">N</span> {formatNumber(quote.nEth, 4)} ETH
        <span className="muted"> · {formatNumber(quote.nIndex, 2)}</span>
        {implied !== undefined && (
          <>
            <br />
            <span className="muted">implied x {formatNumber(implied, 0)}</span>
          </>
        )}
      </a>
    </td>
  );
}

export function SeriesGrid({ ticker, label, x, series, now, market }: SeriesGridProps) {
  const maturities = distinct(series, (s) => s.key.maturity);
  const strikes = distinct(series, (s) => s.key.strikeWad);
  const at = (strike: bigint, maturity: bigint) =>
    series.find((s) => s.key.strikeWad === strike && s.key.maturity === maturity);
  return (
    <div className="table-wrap">
      <table className="grid-table" data-testid={`grid-${label}`}>
        <caption>
          {label}: model value per unit (ETH · {ticker}), x = {formatNumber(x, 2)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Strike S</th>
            {maturities.map((m) => (
              <MaturityHeader key={m.toString()} maturity={m} series={series} now={now} />
            ))}
          </tr>
        </thead>
        <tbody>
          {strikes.map((strike) => (
            <tr key={strike.toString()}>
              <th scope="row">
                {formatAmount(strike, 2)}
                <div className="muted small">
                  S/x {formatNumber(Number(strike / 10n ** 14n) / 1e4 / x, 2)}
                </div>
              </th>
              {maturities.map((m) => {
                const s = at(strike, m);
                return s ? (
                  <Cell key={m.toString()} series={s} x={x} now={now} market={market.get(s.id)} />
                ) : (
                  <td key={m.toString()} className="cell empty">
                    —
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
