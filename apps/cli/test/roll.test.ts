// `pn roll <A> <B> <amount> --auction | --atomic` on anvil with the real market and router: a roll auction with a
// given curve and with the model's default curve; an atomic roll at resting orders (ETH buffer and refund; WETH
// with its exact approvals); and the refusals (neither mode, a thin book, too little to roll): one message,
// exit 1, no transaction.

import { fairValueEth, parseWad, SECONDS_PER_YEAR } from "@pn/core";
import { getOrder, rollRouterAbi } from "@pn/sdk";
import { erc20Abi } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { account } from "./harness.ts";
import {
  type MarketChain,
  pnJson,
  rejects,
  SERIES_A,
  SERIES_B,
  startMarketChain,
} from "./orderRollHarness.ts";

let chain: MarketChain;
const E = parseWad;
const holder = () => account(1).address;

beforeAll(async () => {
  chain = await startMarketChain();
  // Account 0 makes the market: N_A to sell, ETH bids for N_B. Account 1 holds P_A to roll.
  await pnJson(chain, ["split", SERIES_A, "8", "--eth"]);
  await pnJson(chain, ["split", SERIES_A, "6", "--eth"], 1);
});
afterAll(() => chain?.stop());

const balance = (token: `0x${string}`, owner: `0x${string}`) =>
  chain.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });

type Auction = {
  orderId: string;
  start: string;
  floor: string;
  model: { fairRatio: number; xSource: string } | null;
};
type Atomic = {
  asksCost: string;
  bidsPaid: string;
  refund: string;
  netCost: string;
  orders: { asks: string[]; bids: string[] };
};

describe("roll refusals send nothing", () => {
  it("needs exactly one mode, a side, and what it rolls", async () => {
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "1"],
      '--auction/--atomic "neither" must be exactly one.',
      1,
    );
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--auction", "--atomic"],
      "must be exactly one",
      1,
    );
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--auction", "--side", "Q"],
      '--side "Q" is not P or N.',
      1,
    );
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "9", "--auction", "--start", "1.1", "--floor", "0.9"],
      /holds 6 P-USD-1500-20261001, but the roll auction needs 9/,
      1,
    );
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--auction", "--start", "0.9", "--floor", "1.1"],
      "is not below the start",
      1,
    );
  });

  it("an atomic roll on an empty book says so", async () => {
    await rejects(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--atomic", "--eth"],
      /The book has too few asks on 0x[0-9a-fA-F]{40}: 1000000000000000000 base units are missing/,
      1,
    );
  });
});

describe("roll auctions", () => {
  it("posts a roll order with the given curve", async () => {
    const posted = await pnJson<Auction>(
      chain,
      [
        "roll",
        SERIES_A,
        SERIES_B,
        "1",
        "--auction",
        "--start",
        "1.02",
        "--floor",
        "0.97",
        "--duration",
        "6h",
      ],
      1,
    );
    const order = await getOrder(chain.publicClient, {
      market: chain.market,
      orderId: BigInt(posted.orderId),
    });
    expect(order).toMatchObject({
      priceWad: E("1.02"),
      floorPriceWad: E("0.97"),
      duration: 21_600n,
      halfLife: 0n,
    });
    expect(posted.model).toBeNull();
  });

  it("defaults the curve to ±1% around the model's fair ratio V_A / V_B", async () => {
    const posted = await pnJson<Auction>(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--auction", "--x", "2500", "--vol", "0.6", "--curve", "exp"],
      1,
    );
    const now = (await chain.publicClient.getBlock()).timestamp;
    const tau = (m: bigint) => Number(m - now) / SECONDS_PER_YEAR;
    const v = (maturity: bigint) =>
      fairValueEth("P", { x: 2500, strike: 1500, tau: tau(maturity), sigma: 0.6 });
    const fair = v(1_790_812_800n) / v(1_798_675_200n); // 2026-10-01 and 2026-12-31
    expect(posted.model?.fairRatio).toBeCloseTo(fair, 6);
    expect(Number(posted.start)).toBeCloseTo(fair * 1.01, 6);
    expect(Number(posted.floor)).toBeCloseTo(fair * 0.99, 6);
    const order = await getOrder(chain.publicClient, {
      market: chain.market,
      orderId: BigInt(posted.orderId),
    });
    expect(order).toMatchObject({ duration: 86_400n, halfLife: 8_640n });
  });
});

describe("atomic roll", () => {
  it("rolls P_A into P_B at the resting orders, paying the buffer in ETH", async () => {
    await pnJson(chain, ["order", "post", "ask", `N-${SERIES_A}`, "3", "0.42"]);
    await pnJson(chain, ["order", "post", "ask", `N-${SERIES_A}`, "3", "0.41"]);
    await pnJson(chain, ["order", "post", "bid", `N-${SERIES_B}`, "3", "0.45", "--eth"]);
    const me = holder();
    const before = await chain.publicClient.getBalance({ address: me });
    const nonce = await chain.nonce(me);
    const rolled = await pnJson<Atomic>(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--atomic", "--eth", "--slippage-bps", "30"],
      1,
    );
    expect(rolled.orders.asks.slice(0, 2)).toEqual(["4", "3"]); // 0.41 before 0.42
    expect(rolled).toMatchObject({ asksCost: "0.41", bidsPaid: "0.45", netCost: "-0.04 ETH" });
    expect(await chain.nonce(me)).toBe(nonce + 2); // approve P_A to the router + roll
    const logs = await chain.publicClient.getContractEvents({
      address: chain.router,
      abi: rollRouterAbi,
      eventName: "Rolled",
      fromBlock: 0n,
      strict: true,
    });
    expect(logs.map((l) => [l.args.amountIn, l.args.amountOut, l.args.spent, l.args.proceeds])).toEqual([
      [E("1"), E("1"), E("0.41"), E("0.45")],
    ]);
    const gas = before - (await chain.publicClient.getBalance({ address: me })) - -E("0.04");
    expect(gas).toBeGreaterThan(0n); // it gained 0.04 ETH, minus gas
    expect(gas).toBeLessThan(E("0.01"));
  });

  it("rolls with a WETH buffer after approving exactly it", async () => {
    await chain.wrap(account(1), E("1"));
    const me = holder();
    const tokens = await pnJson<{ orders: { token: string }[] }>(chain, [
      "order",
      "list",
      "--series",
      SERIES_B,
    ]);
    expect(tokens.orders.length).toBeGreaterThan(0);
    const nonce = await chain.nonce(me);
    const rolled = await pnJson<Atomic & { approvalHashes: string[] }>(
      chain,
      ["roll", SERIES_A, SERIES_B, "1", "--atomic"],
      1,
    );
    expect(rolled.approvalHashes).toHaveLength(2); // P_A and the WETH buffer, to the router
    expect(await chain.nonce(me)).toBe(nonce + 3);
    const allowance = await chain.publicClient.readContract({
      address: chain.weth,
      abi: erc20Abi,
      functionName: "allowance",
      args: [me, chain.router],
    });
    expect(allowance).toBe(0n); // the buffer was pulled in full; the rest came back as the refund
    const text = await chain.pn(["roll", SERIES_A, SERIES_B, "0.5", "--atomic", "--eth"], {
      PN_ACCOUNT_INDEX: "1",
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Rolled 0\.5 P-USD-1500-20261001 into 0\.5 P-USD-1500-20261231 in one transaction\./,
    );
    expect(text.stdout).toMatch(/net cost -?[\d.]+ ETH/);
    const rolls = await chain.publicClient.getContractEvents({
      address: chain.router,
      abi: rollRouterAbi,
      eventName: "Rolled",
      fromBlock: 0n,
      strict: true,
    });
    expect(rolls).toHaveLength(3);
    const pB =
      rolls[0]?.args.toId === undefined
        ? undefined
        : await pnJson<{ series: { id: string; pToken: string }[] }>(chain, ["series", "list"]);
    const tokenB = pB?.series.find((s) => s.id === rolls[0]?.args.toId)?.pToken as `0x${string}` | undefined;
    expect(tokenB).toBeDefined();
    expect(await balance(tokenB ?? "0x", me)).toBe(E("2.5"));
  });
});
