// One index's series as a strike × maturity grid: model prices of P and N, the book's best bid and ask beside them
// when the market has orders, the x those market prices imply, and time to maturity per column.
import type { Hex } from "viem";
import { useModel } from "../data/model.tsx";
import { marketNPrice, type SeriesBook, type SideBook } from "../lib/book.ts";
import {
  formatAmount,
  formatDuration,
  formatIndexValue,
  formatNumber,
  formatUtc,
  wadToNumber,
} from "../lib/format.ts";
import { impliedX, modelQuote } from "../lib/quote.ts";
import { routeHref } from "../lib/route.ts";
import { distinct, phaseOf, type SeriesInfo } from "../lib/series.ts";

export type SeriesGridProps = {
  ticker: string;
  /** The grid's title: the ticker, with the oracle when the index has series on several. */
  label: string;
  /** Today's x for the index. */
  x: number;
  series: readonly SeriesInfo[];
  now: bigint;
  /** The book's best prices by series id; empty without a market or orders. */
  market: ReadonlyMap<Hex, SeriesBook>;
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

type CellProps = { series: SeriesInfo; x: number; now: bigint; book: SeriesBook | undefined };

/** "bid 0.5910 / ask 0.6050" (ETH), "—" for a missing side; nothing when the token has no orders. */
function BookLine({ side, label }: { side: SideBook | undefined; label: "P" | "N" }) {
  if (side === undefined || (side.bidWad === undefined && side.askWad === undefined)) return null;
  const price = (wad: bigint | undefined) => (wad === undefined ? "—" : formatNumber(wadToNumber(wad), 4));
  return (
    <span className="book" data-testid={`book-${label}`}>
      bid {price(side.bidWad)} / ask {price(side.askWad)}
    </span>
  );
}

function Cell({ series, x, now, book }: CellProps) {
  const { sigma } = useModel();
  const quote = modelQuote(series, { x, sigma, now });
  const nPrice = marketNPrice(book);
  const implied = nPrice === undefined ? undefined : impliedX(series, { nPriceEth: nPrice, sigma, now });
  const phase = phaseOf(series, now);
  return (
    <td className={`cell ${phase}`} data-testid={`cell-${series.id}`}>
      <a
        className="cell-link"
        href={routeHref({
          page: "trade",
          seriesId: series.id,
          action: phase === "live" ? "split" : "redeem",
        })}
      >
        <span className="line">
          <span className="side p">P</span> {formatNumber(quote.pEth, 4)} ETH
          <span className="muted"> · {formatNumber(quote.pIndex, 2)}</span>
        </span>
        <BookLine side={book?.p} label="P" />
        <span className="line">
          <span className="side n">N</span> {formatNumber(quote.nEth, 4)} ETH
          <span className="muted"> · {formatNumber(quote.nIndex, 2)}</span>
        </span>
        <BookLine side={book?.n} label="N" />
        {implied !== undefined && (
          <span
            className="line muted"
            data-testid="implied-x"
            title="The x at which the model prices N at the book's mid"
          >
            implied x {formatNumber(implied, 0)}
          </span>
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
          {market.size > 0 && " · book: best bid / ask in ETH"}
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
                  <Cell key={m.toString()} series={s} x={x} now={now} book={market.get(s.id)} />
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
