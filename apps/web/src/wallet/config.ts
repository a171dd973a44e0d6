// The wagmi config, built at run time from the deployment file: one chain (the deployment's), the injected
// wallet, and on a devnet the built-in dev accounts.
import type { Deployment } from "@pn/sdk";
import { type Chain, defineChain } from "viem";
import { type Config, createConfig, http, injected } from "wagmi";
import { type DevAccountStore, isDevnet } from "./devAccounts.ts";
import { devAccountConnector } from "./devConnector.ts";

export function deploymentChain(deployment: Deployment): Chain {
  const devnet = isDevnet(deployment);
  return defineChain({
    id: deployment.chainId,
    name: devnet ? "pn devnet" : `Chain ${deployment.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [deployment.rpcUrl] } },
    testnet: devnet,
  });
}

/** Local chains mine at once: poll fast there, at viem's pace elsewhere. */
export function pollingInterval(deployment: Deployment): number {
  return isDevnet(deployment) ? 500 : 4_000;
}

export function createWalletConfig(deployment: Deployment, chain: Chain, devStore?: DevAccountStore): Config {
  const connectors = [injected({ shimDisconnect: true })];
  return createConfig({
    chains: [chain],
    connectors:
      devStore === undefined
        ? connectors
        : [...connectors, devAccountConnector({ rpcUrl: deployment.rpcUrl, store: devStore })],
    transports: { [chain.id]: http(deployment.rpcUrl, { batch: true }) },
    pollingInterval: pollingInterval(deployment),
  });
}
