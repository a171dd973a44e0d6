// A wagmi connector for the devnet accounts: transactions are signed in the page with a local key (no wallet
// extension), and sent to the deployment's RPC. Devnet only: see devAccounts.ts.
import { type Chain, type Client, createWalletClient, http, numberToHex, type Transport } from "viem";
import { createConnector } from "wagmi";
import { type DevAccountStore, devAccount } from "./devAccounts.ts";

export const DEV_CONNECTOR_ID = "pnDevAccount";

/** Enough of EIP-1193 for wagmi's reconnect check; reads go to the RPC, signing never goes through it. */
type Provider = { request: (args: { method: string; params?: unknown }) => Promise<unknown> };

export function devAccountConnector({ rpcUrl, store }: { rpcUrl: string; store: DevAccountStore }) {
  let connected = false;
  const clients = new Map<number, Promise<Client>>();

  return createConnector<Provider>((config) => {
    const chain: Chain = config.chains[0];
    const transport: Transport = http(rpcUrl, { batch: true });
    const address = async () => (await devAccount(store.index())).address;
    const upstream = transport({ chain });
    const provider: Provider = {
      async request({ method, params }) {
        if (method === "eth_accounts" || method === "eth_requestAccounts")
          return connected ? [await address()] : [];
        if (method === "eth_chainId") return numberToHex(chain.id);
        return upstream.request({ method, params });
      },
    };
    const clientFor = (index: number): Promise<Client> => {
      let client = clients.get(index);
      if (client === undefined) {
        client = devAccount(index).then((account) =>
          createWalletClient({ account, chain, transport, pollingInterval: 250 }),
        );
        clients.set(index, client);
      }
      return client;
    };

    return {
      id: DEV_CONNECTOR_ID,
      name: "Devnet account",
      type: "pnDevAccount",
      async setup() {
        store.subscribe(() => {
          if (!connected) return;
          void address().then((a) => config.emitter.emit("change", { accounts: [a] }));
        });
      },
      async connect() {
        const accounts = [await address()];
        connected = true;
        store.setConnected(true);
        // The accounts' shape depends on `withCapabilities`, which this connector does not support.
        return { accounts: accounts as never, chainId: chain.id };
      },
      async disconnect() {
        connected = false;
        store.setConnected(false);
      },
      async getAccounts() {
        return connected ? [await address()] : [];
      },
      async getChainId() {
        return chain.id;
      },
      async getClient() {
        return clientFor(store.index());
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        return store.connected();
      },
      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect();
      },
      onChainChanged() {},
      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },
    };
  });
}
