// End to end on anvil: the market-maker bot as a real process (`main.ts mm`) behind a pausable RPC proxy.
// 1. Mining off; the bot records its first quote intent and is killed (-9). A restarted bot reconciles it and
//    finishes quoting: every quote is posted exactly once.
// 2. The node goes away while the bot runs; it backs off and carries on when the node is back.
// 3. A holder posts a roll auction already below the bot's limit; with mining off the bot records its fill
//    intent and is killed (-9). A restarted bot fills it exactly once.
// Checked on chain: one OrderFilled for the auction, one posted order per confirmed post, and the bot's transactions
// are exactly the mined attempts in its state file's histories, one each. 4. A last restart (--once) sends nothing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWad, WAD } from "@pn/core";
import { approve, listOrders, pnMarketAbi, postAsk, waitForOrderId } from "@pn/sdk";
import { getContractEvents } from "viem/actions";
import { afterAll, describe, expect, it } from "vitest";
import type { Intent } from "../src/framework/state.ts";
import { tempDir } from "./helpers/keeper.ts";
import { type RpcProxy, startRpcProxy } from "./helpers/proxy.ts";
import {
  bot,
  holder,
  keyStarts,
  type MarketNet,
  spawnMm,
  startMarketNet,
  writeMmConfig,
} from "./mmHarness.ts";

type Child = ReturnType<typeof spawnMm>;

describe("e2e: market maker restart safety and RPC loss", () => {
  let m: MarketNet;
  let proxy: RpcProxy;
  const children: Child[] = [];
  afterAll(async () => {
    for (const c of children) await c.kill();
    await proxy?.close();
    await m?.net.stop();
  });
  const spawn = (config: string) => {
    const child = spawnMm(config);
    children.push(child);
    return child;
  };
  const msg = (text: string) => (l: Record<string, unknown>) => l.msg === text;

  it("never posts or fills twice across kills, and survives the RPC going away", async () => {
    m = await startMarketNet();
    proxy = await startRpcProxy(m.net.anvil.rpcUrl);
    const dir = tempDir("pn-mm-restart-");
    const config = writeMmConfig(m, dir, proxy.url);
    const { publicClient, testClient } = m.net;
    const openQuotes = async () =>
      (await listOrders(publicClient, { market: m.market, maker: bot.address, fromBlock: m.startBlock }))
        .length;
    const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    };

    // The bot's own setup (two splits) came before: count from here.
    const baseline = await publicClient.getTransactionCount({ address: bot.address });

    // 1. Killed right after recording its first quote, with mining off.
    await testClient.setAutomine(false);
    const first = spawn(config);
    const recorded = await first.waitFor(keyStarts("intent recorded", "quote:"));
    await first.kill("SIGKILL");
    const second = spawn(config);
    await second.waitFor(msg("keeper started"));
    await testClient.setAutomine(true);
    await testClient.mine({ blocks: 1 });
    await until(async () => (await openQuotes()) === 8, "eight quotes");
    const rebroadcast = second.lines.some((l) => l.msg === "intent re-broadcast" && l.key === recorded.key);
    console.log(
      `restart 1: killed after recording ${String(recorded.key)}; it ${rebroadcast ? "had not reached the node: re-broadcast (same bytes)" : "had reached the node"}`,
    );

    // 2. The node goes away and comes back.
    proxy.pause();
    await second.waitFor(msg("rpc unavailable; retrying"));
    proxy.resume();
    await second.waitFor(msg("rpc is back; continuing"));
    await second.kill("SIGKILL");

    // 3. A roll auction already below the bot's limit; the bot is killed right after recording its fill.
    const h = m.client(holder);
    await m.net.confirm(await approve(h, { token: m.tokens.pA, spender: m.market, amount: 3n * WAD }));
    const orderId =
      (await waitForOrderId(h, {
        hash: await postAsk(h, {
          market: m.market,
          token: m.tokens.pA,
          want: m.tokens.pB,
          amount: 3n * WAD,
          curve: {
            kind: "linear",
            startPriceWad: parseWad("0.99"),
            floorPriceWad: parseWad("0.9"),
            duration: 3_600n,
          },
        }),
      })) ?? 0n;
    await testClient.setAutomine(false);
    const third = spawn(config);
    await third.waitFor(keyStarts("intent recorded", `fill:${orderId}`));
    await third.kill("SIGKILL");
    const fourth = spawn(config);
    await fourth.waitFor(msg("keeper started"));
    await testClient.setAutomine(true);
    await testClient.mine({ blocks: 1 });
    await fourth.waitFor(msg("auction filled"));
    await until(async () => (await openQuotes()) === 8, "the quotes refreshed after the fill");
    await fourth.kill("SIGKILL");
    const fillRebroadcast = fourth.lines.some(
      (l) => l.msg === "intent re-broadcast" && l.key === `fill:${orderId}`,
    );
    console.log(
      `restart 2: killed after recording fill:${orderId}; it ${fillRebroadcast ? "had not reached the node: re-broadcast (same bytes)" : "had reached the node"}`,
    );

    // 4. A restart with nothing to do sends nothing.
    const fifth = spawnMm(config, ["--once"]);
    children.push(fifth);
    await new Promise<void>((res) => fifth.child.once("exit", () => res()));
    expect(fifth.child.exitCode).toBe(0);
    expect(fifth.lines.some((l) => l.msg === "intent recorded")).toBe(false);

    // One fill of the auction, by the bot.
    const events = { address: m.market, abi: pnMarketAbi, fromBlock: m.startBlock, strict: true } as const;
    const fills = await getContractEvents(publicClient, {
      ...events,
      eventName: "OrderFilled",
      args: { orderId },
    });
    expect(fills.map((f) => f.args.taker)).toEqual([bot.address]);
    // The bot's state file, and the transactions it sent (every block since the start, read whole).
    const state = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as {
      intents: Record<string, Intent>;
    };
    const intents = Object.values(state.intents);
    const sent = (await publicClient.getTransactionCount({ address: bot.address })) - baseline;
    const latest = await publicClient.getBlockNumber();
    const onChain: { hash: string; nonce: number }[] = [];
    for (let n = m.startBlock; n <= latest; n++) {
      const block = await publicClient.getBlock({ blockNumber: n, includeTransactions: true });
      for (const tx of block.transactions) {
        if (tx.from.toLowerCase() === bot.address.toLowerCase() && tx.nonce >= baseline)
          onChain.push({ hash: tx.hash, nonce: tx.nonce });
      }
    }
    expect(onChain).toHaveLength(sent);
    // Every attempt of every key is in its history (none trimmed, none in flight), and the bot's transactions
    // are exactly its mined attempts, one each, at the recorded nonce; a dropped attempt never reached a block.
    expect(intents.every((i) => i.history.length === i.attempts)).toBe(true);
    const attempts = intents.flatMap((i) => i.history.map((h) => ({ ...h, kind: i.kind })));
    expect(attempts.filter((h) => h.status === "signed" || h.status === "sent")).toEqual([]);
    const mined = attempts.filter((h) => h.status === "confirmed" || h.status === "reverted");
    const byHash = (x: { hash: string }, y: { hash: string }) => (x.hash < y.hash ? -1 : 1);
    expect(mined.map((h) => ({ hash: h.hash, nonce: h.nonce })).sort(byHash)).toEqual(onChain.sort(byHash));
    const onChainHashes = new Set(onChain.map((t) => t.hash));
    expect(attempts.filter((h) => h.status === "dropped" && onChainHashes.has(h.hash))).toEqual([]);
    // One posted order per confirmed post attempt: as many BidPosted + AskPosted by the bot.
    const posted = [
      ...(await getContractEvents(publicClient, {
        ...events,
        eventName: "BidPosted",
        args: { maker: bot.address },
      })),
      ...(await getContractEvents(publicClient, {
        ...events,
        eventName: "AskPosted",
        args: { maker: bot.address },
      })),
    ];
    const confirmed = (kind: string) =>
      attempts.filter((h) => h.kind === kind && h.status === "confirmed").length;
    expect(posted.length).toBe(confirmed("post"));
    expect(await openQuotes()).toBe(8);
    console.log(
      `bot sent ${sent} transactions = ${mined.length} mined attempts of ${intents.length} keys (${posted.length} posts, ${confirmed(
        "cancel",
      )} cancels, ${confirmed("approve")} approvals, ${confirmed("fill")} fill; ${
        attempts.length - mined.length
      } dropped); the auction was filled once`,
    );
  });
});
