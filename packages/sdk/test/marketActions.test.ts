// The SDK's market actions end to end on a real anvil: post bids and asks (flat, linear, exponential, a roll order
// A→B), read them back (getOrder, listOrders, priceAt against the @pn/core mirror), fill (ERC-20, ETH, to ETH),
// cancel, reverts decoded, and an atomic roll planned from the book and sent through the router.
import { costUp, escrowUp, indexIdFromTicker, orderPriceAt, proceedsDown, type SeriesKey } from "@pn/core";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  parseEther,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approve,
  cancel,
  createSeries,
  deployCore,
  deployDevOracle,
  deployMarket,
  devWethAbi,
  fill,
  fillToETH,
  getOrder,
  getSeries,
  InsufficientBookError,
  InvalidOrderTermsError,
  listOrders,
  PnContractError,
  type PnWriteClient,
  planRoll,
  postAsk,
  postBid,
  priceAt,
  quoteFill,
  rollAtomic,
  split,
  waitForOrderId,
} from "../src/index.ts";
import { type Anvil, startAnvil } from "../src/testing/index.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const START = 1_790_000_000n;
const E = (n: string) => parseEther(n);
let anvil: Anvil;
let maker: PnWriteClient;
let holder: PnWriteClient;
let market: Address;
let router: Address;
let core: Address;
let weth: Address;
let keyA: SeriesKey;
let keyB: SeriesKey;
let tokens: { pA: Address; nA: Address; pB: Address; nB: Address };

const walletFor = (index: number) =>
  createWalletClient({
    account: mnemonicToAccount(MNEMONIC, { addressIndex: index }),
    chain: foundry,
    transport: http(anvil.rpcUrl),
  });
const clientFor = (index: number) => walletFor(index).extend(publicActions);

async function mined(hash: `0x${string}`) {
  const receipt = await maker.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

const balance = (token: Address, owner: Address) =>
  maker.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
  maker = clientFor(0);
  holder = clientFor(1);
  const publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  const walletClient = walletFor(0);
  ({ core, weth } = await deployCore({ walletClient, publicClient }));
  const { oracle } = await deployDevOracle({ walletClient, publicClient });
  ({ market, router } = await deployMarket({ walletClient, publicClient, core }));
  const usd = indexIdFromTicker("USD");
  keyA = { collateral: weth, oracle, indexId: usd, strikeWad: E("1500"), maturity: START + 7n * 86_400n };
  keyB = { collateral: weth, oracle, indexId: usd, strikeWad: E("1200"), maturity: START + 35n * 86_400n };
  for (const key of [keyA, keyB]) await mined((await createSeries(maker, { core, key })).hash);
  const [a, b] = await Promise.all([
    getSeries(maker, { core, key: keyA }),
    getSeries(maker, { core, key: keyB }),
  ]);
  tokens = { pA: a.pToken, nA: a.nToken, pB: b.pToken, nB: b.nToken };
  for (const key of [keyA, keyB])
    await mined(await split(maker, { core, key, amount: E("20"), native: true }));
  await mined(await split(holder, { core, key: keyA, amount: E("10"), native: true }));
  for (const token of Object.values(tokens))
    await mined(await approve(maker, { token, spender: market, amount: 2n ** 255n }));
});
afterAll(() => anvil?.stop());

describe("posting and reading orders", () => {
  it("posts a bid in ETH, a flat ask and a roll auction; reads them back", async () => {
    const bidHash = await postBid(maker, {
      market,
      token: tokens.nA,
      amount: E("2"),
      priceWad: E("0.3"),
      native: true,
    });
    const bidId = await waitForOrderId(maker, { hash: bidHash, market });
    expect(bidId).toBe(1n);
    const bid = await getOrder(maker, { market, orderId: 1n });
    expect(bid).toMatchObject({
      isBid: true,
      amount: E("2"),
      escrow: escrowUp(E("2"), E("0.3")),
      open: true,
    });

    const askId = await waitForOrderId(maker, {
      hash: await postAsk(maker, {
        market,
        token: tokens.nA,
        want: weth,
        amount: E("3"),
        curve: { kind: "flat", priceWad: E("0.35") },
      }),
    });
    const rollHash = await postAsk(maker, {
      market,
      token: tokens.pA,
      want: tokens.pB,
      amount: E("4"),
      curve: { kind: "linear", startPriceWad: E("1.6"), floorPriceWad: E("1.45"), duration: 172_800n },
      expiry: START + 5n * 86_400n,
    });
    const rollId = await waitForOrderId(maker, { hash: rollHash });
    expect([askId, rollId]).toEqual([2n, 3n]);
    const roll = await getOrder(maker, { market, orderId: 3n });
    expect(roll).toMatchObject({ token: tokens.pA, counterToken: tokens.pB, duration: 172_800n, open: true });
    for (const dt of [0n, 3_600n, 21_600n, 200_000n]) {
      const t = roll.startTime + dt;
      expect(await priceAt(maker, { market, orderId: 3n, timestamp: t })).toBe(orderPriceAt(roll, t));
    }
    expect(await priceAt(maker, { market, orderId: 3n, timestamp: roll.startTime + 21_600n })).toBe(
      E("1.58125"),
    );

    const all = await listOrders(maker, { market });
    expect(all.map((o) => o.id)).toEqual([1n, 2n, 3n]);
    const onPA = await listOrders(maker, { market, tokens: [tokens.pA] });
    expect(onPA.map((o) => o.id)).toEqual([3n]);
  });

  it("rejects bad terms before sending, and decodes the market's reverts", async () => {
    const nonce = await maker.getTransactionCount({ address: maker.account.address });
    await expect(
      postAsk(maker, {
        market,
        token: tokens.nA,
        want: weth,
        amount: E("1"),
        curve: { kind: "linear", startPriceWad: E("0.3"), floorPriceWad: E("0.4"), duration: 10n },
      }),
    ).rejects.toThrow(InvalidOrderTermsError);
    const error = await fill(holder, { market, orderId: 2n, amount: E("4"), payWithEth: true }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PnContractError);
    expect((error as PnContractError).errorName).toBe("FillExceedsRemaining");
    expect(await maker.getTransactionCount({ address: maker.account.address })).toBe(nonce);
  });
});

describe("fills and cancels", () => {
  it("fills an ask with ETH at the quoted cost, a bid to ETH, and cancels", async () => {
    const me = holder.account.address;
    const cost = await quoteFill(holder, { market, orderId: 2n, amount: E("1") });
    expect(cost).toBe(costUp(E("1"), E("0.35")));
    const ethBefore = await holder.getBalance({ address: me });
    const receipt = await mined(
      await fill(holder, { market, orderId: 2n, amount: E("1"), payWithEth: true }),
    );
    const gas = receipt.gasUsed * receipt.effectiveGasPrice;
    expect(ethBefore - (await holder.getBalance({ address: me }))).toBe(cost + gas);
    expect(await balance(tokens.nA, me)).toBe(E("11"));

    await mined(await approve(holder, { token: tokens.nA, spender: market, amount: E("1") }));
    const before = await holder.getBalance({ address: me });
    const r2 = await mined(await fillToETH(holder, { market, orderId: 1n, amount: E("1") }));
    const paid = (await holder.getBalance({ address: me })) - before + r2.gasUsed * r2.effectiveGasPrice;
    expect(paid).toBe(proceedsDown(E("1"), E("0.3")));

    await mined(await cancel(maker, { market, orderId: 1n, toEth: true }));
    await mined(await cancel(maker, { market, orderId: 3n }));
    expect((await getOrder(maker, { market, orderId: 3n })).open).toBe(false);
    const closed = await listOrders(maker, { market, includeClosed: true });
    expect(closed.find((o) => o.id === 3n)).toMatchObject({
      open: false,
      token: tokens.pA,
      postedAmount: E("4"),
    });
  });
});

describe("atomic roll", () => {
  it("plans from the best orders and rolls P_A into P_B through the router", async () => {
    // Books: asks of N_A (2 left at 0.35 from above; a better one at 0.34), bids of N_B at 0.5 and 0.52.
    await mined(
      await postAsk(maker, {
        market,
        token: tokens.nA,
        want: weth,
        amount: E("3"),
        curve: { kind: "flat", priceWad: E("0.34") },
      }),
    );
    for (const price of ["0.5", "0.52"]) {
      await mined(
        await postBid(maker, { market, token: tokens.nB, amount: E("3"), priceWad: E(price), native: true }),
      );
    }
    const params = {
      market,
      core,
      from: keyA,
      to: keyB,
      side: "P" as const,
      amountIn: E("4"),
      slippageBps: 50,
    };
    await expect(planRoll(holder, { ...params, amountIn: E("40") })).rejects.toThrow(InsufficientBookError);
    const plan = await planRoll(holder, params);
    expect(plan.asks.slice(0, 2)).toEqual([4n, 2n]); // 0.34 before 0.35
    expect(plan.bids.slice(0, 2)).toEqual([6n, 5n]); // 0.52 before 0.50
    expect(plan.cost).toBe(costUp(E("3"), E("0.34")) + costUp(E("1"), E("0.35")));
    expect(plan.proceeds).toBe(proceedsDown(E("3"), E("0.52")) + proceedsDown(E("1"), E("0.5")));
    expect(plan.collateralIn).toBeGreaterThan(plan.cost);

    const me = holder.account.address;
    await mined(await approve(holder, { token: tokens.pA, spender: router, amount: plan.amountIn }));
    await mined(
      await holder.writeContract({
        address: weth,
        abi: devWethAbi,
        functionName: "deposit",
        value: plan.collateralIn,
      }),
    );
    await mined(await approve(holder, { token: weth, spender: router, amount: plan.collateralIn }));
    const wethBefore = await balance(weth, me);
    const { hash } = await rollAtomic(holder, { ...params, router, plan });
    await mined(hash);
    expect(await balance(tokens.pA, me)).toBe(E("6"));
    expect(await balance(tokens.pB, me)).toBe(E("4"));
    // The bids pay the recipient directly and the router refunds the rest: exactly the plan's figure.
    expect((await balance(weth, me)) - wethBefore + plan.collateralIn).toBe(plan.expectedRefund);
  });
});
