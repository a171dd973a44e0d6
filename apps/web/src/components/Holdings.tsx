import type { Holdings } from "../data/chain.ts";
import { formatAmount } from "../lib/format.ts";
import type { SeriesInfo } from "../lib/series.ts";

/** The connected account's ETH, P and N in one series. */
export function HoldingsLine({ series, holdings }: { series: SeriesInfo; holdings: Holdings | undefined }) {
  const position = holdings?.positions.get(series.id);
  return (
    <dl className="holdings" aria-label="Your balances">
      <div>
        <dt>ETH</dt>
        <dd data-testid="balance-eth">{holdings ? formatAmount(holdings.eth) : "—"}</dd>
      </div>
      <div>
        <dt>P</dt>
        <dd data-testid="balance-p">{position ? formatAmount(position.p, 6) : "—"}</dd>
      </div>
      <div>
        <dt>N</dt>
        <dd data-testid="balance-n">{position ? formatAmount(position.n, 6) : "—"}</dd>
      </div>
    </dl>
  );
}
