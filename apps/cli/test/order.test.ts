// `pn order post|list|fill|cancel` on anvil with the real market: bids (ETH and WETH), limit sells, auctions and
// roll orders; fills of asks and bids (to ETH); cancels. Bad input and impossible actions: one message, exit 1,
// no transaction.

import { costUp, escrowUp, orderPriceAt, parseWad, proceedsDown } from "@pn/core";
import { getOrder, pnMarketAbi } from "@pn/sdk";
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

beforeAll(async () => {
  chain = await startMarketChain();
  await pnJson(chain, ["split", SERIES_A, "5", "--eth"]);
  await pnJson(chain, ["split", SERIES_B, "5", "--eth"]);
  await pnJson(chain, ["split", SERIES_A, "2", "--eth"], 1);
});
afterAll(() => chain?.stop());

type Posted = {
  orderId: string;
  kind: string;
  hash: string;
  approvalHashes: string[];
  expiry: string | null;
};
type Listed = {
  orders: {
    id: string;
    kind: string;
    status: string;
    token: string;
    counter: string;
    amount: string;
    priceNow: string | null;
  }[];
};

const balance = (token: `0x${string}`, owner: `0x${string}`) =>
  chain.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });
const tokenOf = async (id: string) =>
  (await getOrder(chain.publicClient, { market: chain.market, orderId: BigInt(id) })).token;

describe("bad input and impossible orders send nothing", () => {
  it("rejects a bad kind, a missing side, bad curves and a missing market", async () => {
    await rejects(
      chain,
      ["order", "post", "buy", `N-${SERIES_A}`, "1", "0.3"],
      'kind "buy" is neither bid nor ask.',
    );
    await rejects(chain, ["order", "post", "bid", SERIES_A, "1", "0.3", "--eth"], "does not name a side");
    await rejects(
      chain,
      ["order", "post", "ask", `N-${SERIES_A}`, "1", "--auction", "linear", "--start", "0.3"],
      "needs --start, --floor and --duration",
    );
    await rejects(
      chain,
      [
        "order",
        "post",
        "ask",
        `N-${SERIES_A}`,
        "1",
        "--auction",
        "linear",
        "--start",
        "0.3",
        "--floor",
        "0.4",
        "--duration",
        "1h",
      ],
      "0 < floor < start",
    );
    await rejects(
      chain,
      ["order", "post", "bid", `N-${SERIES_A}`, "1", "0.3", "--auction", "linear"],
      "applies to asks only",
    );
    await rejects(
      chain,
      ["order", "post", "ask", `N-${SERIES_A}`, "1", "0.3", "--expiry", "2020-01-01"],
      "is not in the future",
    );
    const noMarket = chain.writeDeployment(chain.deployment, `${chain.dir}/no-market.json`);
    const nonce = await chain.nonce();
    const run = await chain.pn(["order", "list"], { PN_DEPLOYMENT: noMarket });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/it has no market contract, which listing orders needs/);
    expect(await chain.nonce()).toBe(nonce);
  });

  it("checks balances before approving anything", async () => {
    await rejects(
      chain,
      ["order", "post", "ask", `N-${SERIES_A}`, "50", "0.3"],
      /Insufficient balance: .* holds 5 N-USD-1500-20261001, but the ask needs 50/,
    );
    await rejects(
      chain,
      ["order", "post", "bid", `N-${SERIES_A}`, "1", "0.3"],
      /holds 0 WETH.*Pass --eth to escrow native ETH/s,
    );
  });
});

describe("posting, listing, filling and cancelling", () => {
  let bid: string;
  let ask: string;
  let roll: string;
  let auction: string;

  it("posts a bid in ETH, a limit sell, a roll order and an exponential auction", async () => {
    const nonce = await chain.nonce();
    const b = await pnJson<Posted>(chain, ["order", "post", "bid", `N-${SERIES_A}`, "2", "0.3", "--eth"]);
    expect(b).toMatchObject({ kind: "bid", approvalHashes: [], expiry: "2026-10-01T00:00:00Z" }); // expiry: maturity
    const a = await pnJson<Posted>(chain, [
      "order",
      "post",
      "ask",
      `N-${SERIES_A}`,
      "1.5",
      "0.35",
      "--expiry",
      "6h",
    ]);
    expect(a.approvalHashes).toHaveLength(1); // exactly 1.5 N approved first
    const r = await pnJson<Posted>(chain, [
      "order",
      "post",
      "ask",
      `P-${SERIES_A}`,
      "2",
      "--want",
      `P-${SERIES_B}`,
      "--auction",
      "linear",
      "--start",
      "1.1",
      "--floor",
      "0.95",
      "--duration",
      "2h",
    ]);
    expect(r.kind).toBe("roll order");
    const x = await pnJson<Posted>(chain, [
      "order",
      "post",
      "ask",
      `N-${SERIES_B}`,
      "1",
      "--auction",
      "exp",
      "--start",
      "0.5",
      "--floor",
      "0.3",
      "--duration",
      "1d",
      "--expiry",
      "none",
    ]);
    expect(x.expiry).toBeNull();
    expect(await chain.nonce()).toBe(nonce + 7); // 4 posts + 3 approvals
    [bid, ask, roll, auction] = [b.orderId, a.orderId, r.orderId, x.orderId];
    const exp = await getOrder(chain.publicClient, { market: chain.market, orderId: BigInt(auction) });
    expect(exp).toMatchObject({ duration: 86_400n, halfLife: 8_640n, floorPriceWad: E("0.3") });
  });

  it("lists them with their prices now, filtered by series and maker", async () => {
    const all = await pnJson<Listed>(chain, ["order", "list"]);
    expect(all.orders.map((o) => [o.id, o.kind, o.status])).toEqual([
      [bid, "bid", "open"],
      [ask, "ask", "open"],
      [roll, "roll", "open"],
      [auction, "auction", "open"],
    ]);
    expect(all.orders.find((o) => o.id === roll)).toMatchObject({
      token: `P-${SERIES_A}`,
      counter: `P-${SERIES_B}`,
      priceNow: "1.1",
    });
    const onB = await pnJson<Listed>(chain, ["order", "list", "--series", SERIES_B]);
    expect(onB.orders.map((o) => o.id)).toEqual([auction]);
    const theirs = await pnJson<Listed>(chain, ["order", "list", "--mine"], 1);
    expect(theirs.orders).toEqual([]);
    const text = await chain.pn(["order", "list"]);
    expect(text.stdout).toMatch(/ID\s+KIND\s+STATUS\s+TOKEN\s+FOR\s+AMOUNT\s+PRICE NOW/);
    await chain.warp((await chain.publicClient.getBlock()).timestamp + 3_600n);
    const later = await pnJson<Listed>(chain, ["order", "list"]);
    const order = await getOrder(chain.publicClient, { market: chain.market, orderId: BigInt(roll) });
    const now = (await chain.publicClient.getBlock()).timestamp;
    expect(E(later.orders.find((o) => o.id === roll)?.priceNow ?? "0")).toBe(orderPriceAt(order, now));
  });

  it("fills an ask with ETH and sells into a bid for ETH", async () => {
    const taker = account(1).address;
    const nA = await tokenOf(ask);
    const before = await balance(nA, taker);
    const bought = await pnJson<{ paid: string }>(chain, ["order", "fill", ask, "1", "--eth"], 1);
    expect(bought.paid).toBe(`${Number(costUp(E("1"), E("0.35"))) / 1e18} ETH`);
    expect((await balance(nA, taker)) - before).toBe(E("1"));
    const nonce = await chain.nonce(taker);
    const sold = await pnJson<{ received: string; approvalHashes: string[] }>(
      chain,
      ["order", "fill", bid, "0.5", "--eth"],
      1,
    );
    expect(sold.received).toBe(`${Number(proceedsDown(E("0.5"), E("0.3"))) / 1e18} ETH`);
    expect(sold.approvalHashes).toHaveLength(1);
    expect(await chain.nonce(taker)).toBe(nonce + 2);
  });

  it("refuses fills beyond what is open and cancels by a stranger; the maker cancels", async () => {
    await rejects(chain, ["order", "fill", ask, "1", "--eth"], "has only 0.5 open; asked for 1", 1);
    await rejects(
      chain,
      ["order", "fill", "99", "1"],
      "cannot be filled: it is filled, cancelled or unknown",
      1,
    );
    await rejects(
      chain,
      ["order", "cancel", bid],
      /only its maker may cancel it before it expires at 2026-10-01T00:00:00Z/,
      1,
    );
    const escrowLeft = escrowUp(E("2"), E("0.3")) - proceedsDown(E("0.5"), E("0.3"));
    const cancelled = await pnJson<{ refund: string }>(chain, ["order", "cancel", bid, "--eth"]);
    expect(cancelled.refund).toBe(`${Number(escrowLeft) / 1e18} ETH`);
    await rejects(chain, ["order", "cancel", bid], "is not open");
    const closed = await chain.publicClient.getContractEvents({
      address: chain.market,
      abi: pnMarketAbi,
      eventName: "OrderClosed",
      fromBlock: 0n,
      strict: true,
    });
    expect(closed.map((e) => [e.args.orderId, e.args.cancelled])).toEqual([[BigInt(bid), true]]);
  });
});
