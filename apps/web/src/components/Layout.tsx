import type { ReactNode } from "react";
import { useApp } from "../data/app.tsx";
import { useModel } from "../data/model.tsx";
import { formatNumber } from "../lib/format.ts";
import { replayDate } from "../lib/replay.ts";
import type { Route } from "../lib/route.ts";
import { WalletPanel } from "./WalletPanel.tsx";

const NAV: readonly { page: Route["page"]; label: string }[] = [
  { page: "markets", label: "Markets" },
  { page: "portfolio", label: "Portfolio" },
  { page: "trade", label: "Trade" },
  { page: "oracle", label: "Oracle" },
  { page: "vault", label: "Vault" },
  { page: "backtest", label: "Backtest" },
];

/** A strip under the top bar while the devnet replays history: its simulated date and the ETH/USD it uses. */
function ReplayStrip() {
  const { replay } = useModel();
  if (!replay) return null;
  const usd = replay.values.USD;
  return (
    <div className="replay-strip" role="status">
      <span
        data-testid="replay-badge"
        title="The devnet replays ETH price history; the app uses its ETH/USD close as x now for the USD index"
      >
        Replay {replayDate(replay.timestamp)}
        {usd !== undefined && ` · ETH/USD ${formatNumber(usd, 2)}`}
      </span>
      <span className="muted"> — x now for USD; other indices keep the model's input</span>
    </div>
  );
}

export function Layout({ page, children }: { page: Route["page"]; children: ReactNode }) {
  const { chain, devAccounts } = useApp();
  return (
    <>
      <header className="topbar">
        <a className="brand" href="#/markets">
          <span className="logo">P/N</span> pn
        </a>
        <nav aria-label="Pages">
          {NAV.map((item) => (
            <a
              key={item.page}
              className="nav-link"
              href={`#/${item.page}`}
              aria-current={item.page === page ? "page" : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span className={devAccounts ? "badge warn" : "badge"} title={`Chain id ${chain.id}`}>
          {chain.name}
        </span>
        <WalletPanel />
      </header>
      <ReplayStrip />
      <main>{children}</main>
    </>
  );
}
