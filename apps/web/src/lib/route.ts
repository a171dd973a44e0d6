// Hash routes: #/markets, #/portfolio, #/trade/<seriesId>/<action>, #/oracle, #/vault, #/backtest. No router
// library needed.
import { useSyncExternalStore } from "react";
import { type Hex, isHex } from "viem";

export type ActionName = "split" | "merge" | "roll" | "redeem";
export const ACTION_NAMES: readonly ActionName[] = ["split", "merge", "roll", "redeem"];

export type Route =
  | { page: "markets" }
  | { page: "portfolio" }
  | { page: "trade"; seriesId: Hex | undefined; action: ActionName }
  | { page: "oracle" }
  | { page: "vault" }
  | { page: "backtest" };

export function parseRoute(hash: string): Route {
  const [page, id, action] = hash.replace(/^#\/?/, "").split("/");
  switch (page) {
    case "portfolio":
      return { page: "portfolio" };
    case "oracle":
      return { page: "oracle" };
    case "vault":
      return { page: "vault" };
    case "backtest":
      return { page: "backtest" };
    case "trade":
      return {
        page: "trade",
        seriesId: id !== undefined && isHex(id) && id.length === 66 ? id : undefined,
        action: ACTION_NAMES.find((a) => a === action) ?? "split",
      };
    default:
      return { page: "markets" };
  }
}

export function routeHref(route: Route): string {
  if (route.page !== "trade") return `#/${route.page}`;
  return route.seriesId === undefined ? `#/trade` : `#/trade/${route.seriesId}/${route.action}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}
