// Devnet-only accounts: anvil's funded accounts, derived in the browser from the public test mnemonic. They are
// offered only when the deployment is a local anvil chain; their keys are public, so never use them elsewhere.
import type { Deployment } from "@pn/sdk";
import type { LocalAccount } from "viem";

/** Anvil's default mnemonic; the same as scripts/lib/devnet.ts `devMnemonic` (test/devAccounts.test.ts checks). */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const DEV_ACCOUNT_COUNT = 10;
const ANVIL_CHAIN_ID = 31337;

/** True when the deployment is a local devnet: anvil's chain id on a loopback RPC. */
export function isDevnet(deployment: Deployment): boolean {
  if (deployment.chainId !== ANVIL_CHAIN_ID) return false;
  try {
    const host = new URL(deployment.rpcUrl).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}

const accounts = new Map<number, Promise<LocalAccount>>();

/** Dev account `index` (BIP-44 m/44'/60'/0'/0/index). The key derivation code loads on first use. */
export function devAccount(index: number): Promise<LocalAccount> {
  let account = accounts.get(index);
  if (account === undefined) {
    account = import("viem/accounts").then(({ mnemonicToAccount }) =>
      mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
    );
    accounts.set(index, account);
  }
  return account;
}

/** Which dev account is selected, shared by the connector and the picker; kept in localStorage. */
export type DevAccountStore = {
  index(): number;
  select(index: number): void;
  subscribe(listener: (index: number) => void): () => void;
  connected(): boolean;
  setConnected(value: boolean): void;
};

const INDEX_KEY = "pn.devAccount.index";
const CONNECTED_KEY = "pn.devAccount.connected";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts until reload.
  }
}

export function createDevAccountStore(): DevAccountStore {
  const stored = Number(read(INDEX_KEY) ?? "0");
  let index = Number.isInteger(stored) && stored >= 0 && stored < DEV_ACCOUNT_COUNT ? stored : 0;
  const listeners = new Set<(index: number) => void>();
  return {
    index: () => index,
    select(next) {
      index = next;
      write(INDEX_KEY, String(next));
      for (const listener of listeners) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected: () => read(CONNECTED_KEY) === "1",
    setConnected: (value) => write(CONNECTED_KEY, value ? "1" : "0"),
  };
}
