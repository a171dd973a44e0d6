// The page frame and the route switch. The oracle page loads on demand (it carries the slow oracle's ABI).
import { lazy, Suspense } from "react";
import { ErrorBoundary } from "./components/ErrorBoundary.tsx";
import { Layout } from "./components/Layout.tsx";
import { useRoute } from "./lib/route.ts";
import { MarketsPage } from "./pages/Markets.tsx";
import { PortfolioPage } from "./pages/Portfolio.tsx";
import { TradePage } from "./pages/Trade.tsx";

const OraclePage = lazy(() => import("./pages/Oracle.tsx").then((m) => ({ default: m.OraclePage })));

export function App() {
  const route = useRoute();
  return (
    <Layout page={route.page}>
      <ErrorBoundary resetKey={window.location.hash}>
        {route.page === "markets" && <MarketsPage />}
        {route.page === "portfolio" && <PortfolioPage />}
        {route.page === "trade" && <TradePage seriesId={route.seriesId} action={route.action} />}
        {route.page === "oracle" && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <OraclePage />
          </Suspense>
        )}
      </ErrorBoundary>
    </Layout>
  );
}
