import type { ReactNode } from "react";
import { useApp } from "../data/app.tsx";
import type { Route } from "../lib/route.ts";
import { WalletPanel } from "./WalletPanel.tsx";

const NAV: readonly { page: Route["page"]; label: string }[] = [
  { page: "markets", label: "Markets" },
  { page: "portfolio", label: "Portfolio" },
  { page: "trade", label: "Trade" },
  { page: "oracle", label: "Oracle" },
];

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
      <main>{children}</main>
    </>
  );
}
