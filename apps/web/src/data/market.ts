// The market's orders (when the deployment has a market), read with @pn/sdk's listOrders: the whole book for the
// Markets page, an account's own orders (open and closed) for the Trade and Portfolio pages.
import { type ListedOrder, listOrders, pnMarketAbi } from "@pn/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useApp } from "./app.tsx";

/** Every open order of the deployment's market; disabled without a market. */
export function useBook() {
  const { client, deployment } = useApp();
  const market = deployment.contracts.market;
  return useQuery({
    queryKey: ["book", market ?? ""],
    enabled: market !== undefined,
    queryFn: (): Promise<ListedOrder[]> =>
      market === undefined
        ? Promise.resolve([])
        : listOrders(client, { market, fromBlock: BigInt(deployment.startBlock) }),
    refetchInterval: 4_000,
  });
}

export type OwnOrder = ListedOrder & {
  /** Closed orders: cancelled by the maker (or after expiry), or filled in full. */
  closedBy?: "cancel" | "fill";
  /** What takers took so far (token base units) and paid for it (units of the wanted token). */
  filled: bigint;
  received: bigint;
};

/** `maker`'s orders, open and closed, newest first, with what was filled and how each closed. */
export function useOwnOrders(maker: Address | undefined) {
  const { client, deployment } = useApp();
  const market = deployment.contracts.market;
  return useQuery({
    queryKey: ["ownOrders", market ?? "", maker ?? ""],
    enabled: market !== undefined && maker !== undefined,
    queryFn: async (): Promise<OwnOrder[]> => {
      if (market === undefined || maker === undefined) return [];
      const fromBlock = BigInt(deployment.startBlock);
      const orders = await listOrders(client, { market, fromBlock, maker, includeClosed: true });
      if (orders.length === 0) return [];
      const ids = orders.map((o) => o.id);
      const events = { address: market, abi: pnMarketAbi, fromBlock, strict: true } as const;
      const [closed, fills] = await Promise.all([
        client.getContractEvents({ ...events, eventName: "OrderClosed", args: { maker } }),
        client.getContractEvents({ ...events, eventName: "OrderFilled", args: { orderId: ids } }),
      ]);
      const closedBy = new Map(closed.map((log) => [log.args.orderId, log.args.cancelled]));
      const filled = new Map<bigint, { amount: bigint; counter: bigint }>();
      for (const { args } of fills) {
        const sum = filled.get(args.orderId) ?? { amount: 0n, counter: 0n };
        filled.set(args.orderId, {
          amount: sum.amount + args.amount,
          counter: sum.counter + args.counterAmount,
        });
      }
      return orders
        .map((o): OwnOrder => {
          const cancelled = closedBy.get(o.id);
          const sum = filled.get(o.id);
          return {
            ...o,
            filled: sum?.amount ?? 0n,
            received: sum?.counter ?? 0n,
            ...(cancelled === undefined ? {} : { closedBy: cancelled ? "cancel" : "fill" }),
          };
        })
        .reverse();
    },
    refetchInterval: 4_000,
  });
}
