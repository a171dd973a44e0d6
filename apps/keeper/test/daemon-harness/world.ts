// The daemon tests' world on anvil: the real contracts (DevWETH + PNCore, a DevOracle for the series keys,
// PNMarket + RollRouter, all from the SDK's bytecode), series A (held) and B (the roll target), the daemon's P_A,
// a price server the test controls (three HTTP feeds, one an outlier the median ignores), a filler and a maker
// (the SDK's market actions: fill, postAsk, postBid), and counters of what happened on chain.

import { createServer, type Server } from "node:http";
import { indexIdFromTicker, parseWad, type SeriesKey, seriesId } from "@pn/core";
import {
  createSeries,
  deployCore,
  deployDevOracle,
  deployMarket,
  fill,
  pnCoreAbi,
  pnMarketAbi,
  postAsk,
  postBid,
  rollRouterAbi,
  approve as sdkApprove,
  split as sdkSplit,
  toAbiKey,
} from "@pn/sdk";
import {
  type Account,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  erc20Abi,
  type Hash,
  http,
  maxUint256,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { getTransactionCount, waitForTransactionReceipt } from "viem/actions";
import type { Chain } from "./chain.ts";

export const MNEMONIC = "test test test test test test test test test test test junk";
const acct = (i: number): Account => mnemonicToAccount(MNEMONIC, { addressIndex: i });
export const deployer = acct(0);
/** The daemon's account (anvil account 1) and its key. */
export const daemonAccount = acct(1);
export const DAEMON_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
export const filler = acct(2);

/** 2025-06-15T16:00:00Z. */
export const T0 = 1_750_003_200n;
const DAY = 86_400n;
export const USD = indexIdFromTicker("USD");
export const HELD = parseWad("10");

export type World = Awaited<ReturnType<typeof setupWorld>>;

export async function setupWorld(chain: Chain) {
  const evm = defineChain({
    id: 31337,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
  });
  const transport = http(chain.rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain: evm, transport, pollingInterval: 50 });
  const testClient = createTestClient({ chain: evm, transport, mode: "anvil" });
  const wallet = (account: Account) => createWalletClient({ chain: evm, transport, account });
  const confirm = async (hash: Hash) => {
    const receipt = await waitForTransactionReceipt(publicClient, { hash, pollingInterval: 50 });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };
  const dw = wallet(deployer);
  const { core, weth } = await deployCore({ walletClient: dw, publicClient });
  const { oracle } = await deployDevOracle({ walletClient: dw, publicClient });
  const { market, router } = await deployMarket({ walletClient: dw, publicClient, core });
  const keyOf = (strike: string, days: bigint): SeriesKey => ({
    collateral: weth,
    oracle,
    indexId: USD,
    strikeWad: parseWad(strike),
    maturity: ((T0 + days * DAY) / DAY) * DAY,
  });
  const A = keyOf("1500", 30n);
  const B = keyOf("1000", 58n);
  const write = async (hash: Promise<Hash>) => confirm(await hash);
  /** A wallet with public actions: what the SDK's write actions take. */
  const sdk = (account: Account) => wallet(account).extend(publicActions);
  for (const key of [A, B]) await write(createSeries(sdk(deployer), { core, key }).then((r) => r.hash));
  const tokens = async (key: SeriesKey) => {
    const [p, n] = await publicClient.readContract({
      address: core,
      abi: pnCoreAbi,
      functionName: "tokensOf",
      args: [toAbiKey(key)],
    });
    return { p, n };
  };
  const split = (account: Account, key: SeriesKey, amount: bigint) =>
    write(sdkSplit(sdk(account), { core, key, amount, native: true }));
  const approve = (account: Account, token: Address, spender: Address) =>
    write(sdkApprove(sdk(account), { token, spender, amount: maxUint256 }));
  const fw = sdk(filler);
  await split(daemonAccount, A, HELD);
  const fromBlock = await publicClient.getBlockNumber();
  const tA = await tokens(A);
  const tB = await tokens(B);
  const balance = (token: Address, owner: Address = daemonAccount.address) =>
    publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

  return {
    chain,
    evm,
    publicClient,
    testClient,
    confirm,
    core,
    weth,
    oracle,
    market,
    router,
    A,
    B,
    idA: seriesId(A),
    idB: seriesId(B),
    tA,
    tB,
    fromBlock,
    balance,
    split,
    approve,
    write,
    /** The filler takes an open roll order (in full, or `amount`), paying the wanted P it splits for the purpose. */
    fillRollOrder: async (orderId: bigint, p: { key?: SeriesKey; amount?: bigint } = {}) => {
      const order = await publicClient.readContract({
        address: market,
        abi: pnMarketAbi,
        functionName: "orderOf",
        args: [orderId],
      });
      const amount = p.amount ?? order.amount;
      const cost = await publicClient.readContract({
        address: market,
        abi: pnMarketAbi,
        functionName: "quote",
        args: [orderId, amount],
      });
      const key = p.key ?? B;
      await split(filler, key, cost + parseWad("1"));
      await approve(filler, (await tokens(key)).p, market);
      return write(fill(fw, { market, orderId, amount }));
    },
    /** Resting liquidity for an atomic roll A → B: asks of N_A for WETH and bids of N_B, posted by the filler. */
    seedBook: async (p: { askN_A: string; bidN_B: string; amount: bigint }) => {
      await split(filler, A, p.amount);
      await approve(filler, tA.n, market);
      const curve = { kind: "flat", priceWad: parseWad(p.askN_A) } as const;
      await write(postAsk(fw, { market, token: tA.n, want: weth, amount: p.amount, curve }));
      const bid = { market, token: tB.n, amount: p.amount * 2n, priceWad: parseWad(p.bidN_B), native: true };
      await write(postBid(fw, bid));
    },
    /** What the daemon's account did on chain since the world was set up. */
    onChain: async () => {
      const [asks, rolls, nonce] = await Promise.all([
        publicClient.getContractEvents({
          address: market,
          abi: pnMarketAbi,
          eventName: "AskPosted",
          args: { maker: daemonAccount.address },
          fromBlock,
          strict: true,
        }),
        publicClient.getContractEvents({
          address: router,
          abi: rollRouterAbi,
          eventName: "Rolled",
          args: { caller: daemonAccount.address },
          fromBlock,
          strict: true,
        }),
        getTransactionCount(publicClient, { address: daemonAccount.address, blockTag: "latest" }),
      ]);
      return {
        orders: asks.map((l) => l.args.orderId),
        rolls: rolls.length,
        rolled: rolls.map((l) => l.args),
        nonce,
      };
    },
    mine: (blocks = 1) => testClient.mine({ blocks }),
    advance: async (seconds: bigint) => {
      await testClient.increaseTime({ seconds: Number(seconds) });
      await testClient.mine({ blocks: 1 });
    },
  };
}

/** Three HTTP price feeds on 127.0.0.1: /a and /b serve x, /c an outlier. Each echoes the asked time as its end. */
export async function startPriceServer(initial: string) {
  let price = initial;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", "http://x");
    const t = url.searchParams.get("t") ?? "0";
    const value = url.pathname === "/c" ? "99999" : price;
    res.writeHead(200, { "content-type": "application/json" }).end(`{"price": ${value}, "time": ${t}}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const source = (name: string) => ({
    type: "http-json",
    name,
    url: `http://127.0.0.1:${port}/${name}?t={timestamp}`,
    pricePath: "price",
    endsAtPath: "time",
  });
  return {
    sources: [source("a"), source("b"), source("c")],
    set: (x: string) => {
      price = x;
    },
    requests: () => requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
