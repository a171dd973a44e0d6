// The page frame and the route switch. The oracle, vault and backtest pages load on demand (they carry their own
// ABIs, charts and data), so the first load stays small.
import { lazy, type ReactNode, Suspense } from "react";
import { ErrorBoundary } from "./components/ErrorBoundary.tsx";
import { Layout } from "./components/Layout.tsx";
import { useRoute } from "./lib/route.ts";
import { MarketsPage } from "./pages/Markets.tsx";
import { PortfolioPage } from "./pages/Portfolio.tsx";
import { TradePage } from "./pages/Trade.tsx";

const OraclePage = lazy(() => import("./pages/Oracle.tsx").then((m) => ({ default: m.OraclePage })));
const VaultPage = lazy(() => import("./pages/Vault.tsx").then((m) => ({ default: m.VaultPage })));
const BacktestPage = lazy(() => import("./pages/Backtest.tsx").then((m) => ({ default: m.BacktestPage })));

function OnDemand({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted">Loading…</p>}>{children}</Suspense>;
}

export function App() {
  const route = useRoute();
  return (
    <Layout page={route.page}>
      <ErrorBoundary resetKey={window.location.hash}>
        {route.page === "markets" && <MarketsPage />}
        {route.page === "portfolio" && <PortfolioPage />}
        {route.page === "trade" && <TradePage seriesId={route.seriesId} action={route.action} />}
        {route.page === "oracle" && (
          <OnDemand>
            <OraclePage />
          </OnDemand>
        )}
        {route.page === "vault" && (
          <OnDemand>
            <VaultPage />
          </OnDemand>
        )}
        {route.page === "backtest" && (
          <OnDemand>
            <BacktestPage />
          </OnDemand>
        )}
      </ErrorBoundary>
    </Layout>
  );
}
