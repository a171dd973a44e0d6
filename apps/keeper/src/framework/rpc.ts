// The chain connection: viem clients built from the config, a classifier for "the RPC is gone" errors, and the
// backoff used while it is gone.

import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  HttpRequestError,
  http,
  type PublicClient,
  SocketClosedError,
  TimeoutError,
  type Transport,
  type WalletClient,
} from "viem";
import { getChainId } from "viem/actions";
import { KeeperError, RpcUnavailableError } from "./errors.ts";

export type KeeperPublicClient = PublicClient<Transport, Chain>;
export type KeeperWalletClient = WalletClient<Transport, Chain, Account>;

export type RpcOptions = {
  rpcUrl: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Quick retries inside one request (viem's), before the loop's own backoff takes over. */
  retryCount: number;
};

/** The configured chain id does not match the node's. */
export class ChainMismatchError extends KeeperError {
  override name = "ChainMismatchError";

  constructor({ expected, actual, rpcUrl }: { expected: number; actual: number; rpcUrl: string }) {
    super(`The RPC at ${rpcUrl} serves chain ${actual}, but the config says chainId ${expected}.`, {
      fix: "Point rpcUrl at the intended chain, or correct chainId in the config.",
    });
  }
}

function transport(options: RpcOptions): Transport {
  return http(options.rpcUrl, {
    timeout: options.timeoutMs,
    retryCount: options.retryCount,
    retryDelay: 150,
  });
}

/** Asks the node for its chain id (retrying through short outages) and checks it against `expected`. */
export async function connectChain(options: RpcOptions & { expectedChainId?: number }): Promise<Chain> {
  const probe = createPublicClient({ transport: transport(options) });
  const id = await getChainId(probe);
  if (options.expectedChainId !== undefined && options.expectedChainId !== id) {
    throw new ChainMismatchError({ expected: options.expectedChainId, actual: id, rpcUrl: options.rpcUrl });
  }
  return defineChain({
    id,
    name: `chain-${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
}

export function createClients(options: RpcOptions & { chain: Chain; account: Account }): {
  publicClient: KeeperPublicClient;
  walletClient: KeeperWalletClient;
} {
  const publicClient = createPublicClient({ chain: options.chain, transport: transport(options) });
  const walletClient = createWalletClient({
    chain: options.chain,
    account: options.account,
    transport: transport(options),
  });
  return { publicClient, walletClient };
}

const NETWORK_CODES = [
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "UND_ERR",
];

/** True when `error` (or one of its causes) means the RPC did not answer, rather than that a call failed. */
export function isRpcUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    if (e instanceof RpcUnavailableError || e instanceof TimeoutError || e instanceof SocketClosedError)
      return true;
    if (e instanceof HttpRequestError && (e.status === undefined || e.status >= 500 || e.status === 429))
      return true;
    if (e instanceof Error) {
      const code = "code" in e && typeof e.code === "string" ? e.code : "";
      if (NETWORK_CODES.some((c) => code.startsWith(c)) || e.message === "fetch failed") return true;
      e = e.cause;
    } else e = undefined;
  }
  return false;
}

/** Exponential backoff: `baseMs * 2^attempt`, capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs `fn`, retrying with backoff while the RPC is unavailable, until it succeeds or `signal` aborts. */
export async function retryWhileUnavailable<T>(
  fn: () => Promise<T>,
  options: {
    baseMs: number;
    maxMs: number;
    signal?: AbortSignal;
    onRetry?: (error: unknown, delayMs: number) => void;
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRpcUnavailable(error) || options.signal?.aborted) throw error;
      const delay = backoffMs(attempt, options.baseMs, options.maxMs);
      options.onRetry?.(error, delay);
      await sleep(delay, options.signal);
    }
  }
}
