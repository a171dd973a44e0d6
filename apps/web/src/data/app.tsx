// What every page needs: the deployment, its chain, a read client, and whether this is a devnet. Created once
// from /deployment.json by main.tsx.
import type { Deployment } from "@pn/sdk";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useState } from "react";
import { type Address, type Chain, createPublicClient, http, type PublicClient } from "viem";
import { type Config, WagmiProvider } from "wagmi";
import type { OracleNames } from "../lib/series.ts";
import { createWalletConfig, deploymentChain, pollingInterval } from "../wallet/config.ts";
import { createDevAccountStore, type DevAccountStore, isDevnet } from "../wallet/devAccounts.ts";
import { seriesQuery } from "./chain.ts";
import { ModelProvider } from "./model.tsx";

export type AppContext = {
  deployment: Deployment;
  chain: Chain;
  client: PublicClient;
  wagmiConfig: Config;
  /** The deployment's oracles by address, for labels. */
  oracleNames: OracleNames;
  /** Set on a local devnet only: the built-in dev accounts. */
  devAccounts: DevAccountStore | undefined;
  pollingInterval: number;
};

const Context = createContext<AppContext | undefined>(undefined);

function oracleNames({ contracts }: Deployment): OracleNames {
  const names = new Map<Address, string>();
  if (contracts.devOracle) names.set(contracts.devOracle, "DevOracle");
  if (contracts.oracle) names.set(contracts.oracle, "slow oracle");
  return names;
}

export function createAppContext(deployment: Deployment): AppContext {
  const chain = deploymentChain(deployment);
  const devAccounts = isDevnet(deployment) ? createDevAccountStore() : undefined;
  const interval = pollingInterval(deployment);
  return {
    deployment,
    chain,
    client: createPublicClient({
      chain,
      transport: http(deployment.rpcUrl, { batch: true }),
      pollingInterval: interval,
    }),
    wagmiConfig: createWalletConfig(deployment, chain, devAccounts),
    devAccounts,
    pollingInterval: interval,
    oracleNames: oracleNames(deployment),
  };
}

export function AppProviders({ deployment, children }: { deployment: Deployment; children: ReactNode }) {
  const [app] = useState(() => createAppContext(deployment));
  const [queryClient] = useState(() => {
    const client = new QueryClient({
      defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
    });
    void client.prefetchQuery(seriesQuery(app)); // start reading before the first render
    return client;
  });
  return (
    <Context.Provider value={app}>
      <WagmiProvider config={app.wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <ModelProvider>{children}</ModelProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </Context.Provider>
  );
}

export function useApp(): AppContext {
  const app = useContext(Context);
  if (app === undefined) throw new Error("useApp outside AppProviders");
  return app;
}
