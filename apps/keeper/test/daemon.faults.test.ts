// Fault tests of the daemon on anvil: nothing is lost, nothing is done twice.
// 1. kill -9 of the daemon (a real process) right after it recorded the roll order's intent, before the node
//    had it; restart: the same signed bytes go out once. Then kill -9 again after it saw the fill.
// 2. anvil restarted mid-roll (graceful stop: chain kept, mempool lost; the daemon rides out the outage).
// 3. anvil crashed back to a checkpoint taken before the roll order was mined (the mined order vanishes).
// 4. a reorg: evm_snapshot before the roll's transactions, evm_revert after they were mined, more blocks mined;
//    once for the auction's post, once for the escalation's cancel + atomic roll.
// Each ends with the roll done and counts what is on chain (orders, rolls, the daemon's nonce) against SQLite.

import { nValueEth, parseWad } from "@pn/core";
import { pnMarketAbi } from "@pn/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { DaemonStore } from "../src/daemon/store.ts";
import { type Chain, startChain } from "./daemon-harness/chain.ts";
import {
  type ChildDaemon,
  inProcessDaemon,
  keyed,
  type Line,
  msg,
  spawnDaemon,
  tempDir,
  writeDaemonConfig,
} from "./daemon-harness/daemon.ts";
import { HELD, setupWorld, startPriceServer, T0, type World } from "./daemon-harness/world.ts";

type Ctx = { chain: Chain; world: World; prices: Awaited<ReturnType<typeof startPriceServer>>; dir: string };
const open: { ctx?: Ctx; daemons: ChildDaemon[] } = { daemons: [] };

async function setup(): Promise<Ctx> {
  const dir = tempDir("pn-daemon-fault-");
  const chain = await startChain({ timestamp: T0, dir });
  const world = await setupWorld(chain);
  const prices = await startPriceServer("1950"); // 1.3 S: a roll is due at once (no delay configured)
  open.ctx = { chain, world, prices, dir };
  return open.ctx;
}

afterEach(async () => {
  for (const d of open.daemons) await d.kill();
  open.daemons = [];
  await open.ctx?.prices.close();
  await open.ctx?.chain.stop();
  delete open.ctx;
});

const config = (c: Ctx, daemon: Record<string, unknown> = {}) =>
  writeDaemonConfig(c.world, {
    dir: c.dir,
    sources: c.prices.sources,
    daemon: { policy: { maxDelaySeconds: 0 }, confirmations: 0, ...daemon },
  });

function spawn(file: string): ChildDaemon {
  const d = spawnDaemon(file);
  open.daemons.push(d);
  return d;
}

/** The daemon's database, read beside the running daemon (WAL: readers do not block it). */
function readStore(c: Ctx) {
  const store = DaemonStore.open({ file: `${c.dir}/daemon.sqlite`, lock: false });
  try {
    return {
      roll: store.roll(0),
      intents: store.intents(),
      log: store.rollLog(),
      position: store.position(),
    };
  } finally {
    store.close();
  }
}

const count = (lines: Line[], text: string) => lines.filter((l) => l.msg === text).length;
const setAutomine = (c: Ctx, on: boolean) => c.chain.rpc("evm_setAutomine", [on]);

describe("daemon faults", () => {
  it("kill -9 after recording an intent, before the node had it: restart sends the same bytes, once", async () => {
    const c = await setup();
    const file = config(c, { confirmations: 1 });
    await setAutomine(c, false);
    const first = spawn(file);
    await first.waitFor(keyed("tx sent", "approve:"));
    await c.world.mine(1);
    const recorded = await first.waitFor(keyed("intent recorded", "post:0:1"));
    await first.kill("SIGKILL");
    await c.chain.rpc("anvil_dropAllTransactions"); // whether or not it was broadcast, the node never keeps it
    const before = readStore(c);
    const intent = before.intents.find((i) => i.key === "post:0:1");
    expect(intent?.hash).toBe(recorded.hash);
    expect(["signed", "sent"]).toContain(intent?.status);
    expect(before.roll?.state).toBe("posting");
    expect((await c.world.onChain()).orders).toEqual([]);

    await setAutomine(c, true);
    const second = spawn(file);
    await second.waitFor(msg("roll: auction posted"));
    const orders = (await c.world.onChain()).orders;
    expect(orders).toHaveLength(1);
    expect(count(second.lines, "intent recorded")).toBe(0); // nothing new was signed
    const posted = readStore(c);
    expect(posted.intents.find((i) => i.key === "post:0:1")).toMatchObject({
      hash: recorded.hash,
      status: "confirmed",
      attempts: 1,
    });

    await c.world.fillRollOrder(orders[0] ?? 0n);
    await second.waitFor(msg("roll: filled")); // and waits for one confirmation
    await second.kill("SIGKILL");
    await c.world.mine(1);
    const third = spawn(file);
    await third.waitFor(msg("roll: done"));
    const done = readStore(c);
    expect(done.roll).toMatchObject({ state: "done", outcome: "auction", orders: [String(orders[0])] });
    expect(done.position?.epoch).toBe(1);
    expect(done.log.filter((e) => e.state === "auction posted")).toHaveLength(1);
    expect(done.log.filter((e) => e.state === "done")).toHaveLength(1);
    const chain = await c.world.onChain();
    expect(chain.orders).toEqual(orders);
    // One split at setup, then one transaction per recorded intent (approve, post): nothing doubled.
    expect(chain.nonce).toBe(1 + done.intents.length);
    expect(done.intents.map((i) => i.key).sort()).toEqual([
      `approve:${c.world.tA.p}:${c.world.market}`,
      "post:0:1",
    ]);
    expect(await c.world.balance(c.world.tA.p)).toBe(0n);
  });

  it("anvil restarted mid-roll (chain kept, mempool lost): the daemon waits it out and re-broadcasts", async () => {
    const c = await setup();
    const file = config(c);
    await setAutomine(c, false);
    const d = spawn(file);
    await d.waitFor(keyed("tx sent", "approve:"));
    await c.world.mine(1);
    const sent = await d.waitFor(keyed("tx sent", "post:0:1"));
    const headBefore = await c.world.publicClient.getBlockNumber();
    // SIGTERM: the state is dumped on exit, the pending post is not. Down longer than the daemon's receipt wait,
    // so its loop meets the outage too.
    await c.chain.restart({ downMs: 2_500 });
    await d.waitFor(msg("roll: auction posted"));
    expect(d.lines.some((l) => l.msg === "rpc unavailable; retrying")).toBe(true);
    const receipt = await c.world.publicClient.getTransactionReceipt({ hash: sent.hash as `0x${string}` });
    expect(receipt.blockNumber).toBeGreaterThan(headBefore); // mined only after the restart, from the re-broadcast
    const orders = (await c.world.onChain()).orders;
    expect(orders).toHaveLength(1);

    await c.world.fillRollOrder(orders[0] ?? 0n);
    await d.waitFor(msg("roll: done"));
    const done = readStore(c);
    expect(done.roll?.state).toBe("done");
    expect(done.intents.find((i) => i.key === "post:0:1")).toMatchObject({ hash: sent.hash, attempts: 1 });
    const chain = await c.world.onChain();
    expect(chain.orders).toEqual(orders);
    expect(chain.nonce).toBe(1 + done.intents.length);
  });

  it("anvil crashed back to a checkpoint after the roll order was mined: it is re-posted by the same tx, once", async () => {
    const c = await setup();
    const file = config(c);
    await setAutomine(c, false);
    const d = spawn(file);
    await d.waitFor(keyed("tx sent", "approve:"));
    await c.world.mine(1);
    const sent = await d.waitFor(keyed("tx sent", "post:0:1"));
    const checkpoint = await c.chain.checkpoint("before-post"); // the post is only in the mempool
    await c.world.mine(1);
    const first = await d.waitFor(msg("roll: auction posted"));
    await c.chain.crashTo(checkpoint); // SIGKILL; the new node starts from the checkpoint: the order is gone
    await d.waitFor(
      (l) => l.msg === "reorg: a mined transaction left the chain; its signed bytes go out again",
    );
    await d.waitFor((l) => l.msg === "roll: auction posted" && l !== first);
    expect(d.lines.some((l) => l.msg === "roll: post not on chain")).toBe(true);
    const orders = (await c.world.onChain()).orders;
    expect(orders).toEqual([BigInt(String(first.orderId))]);

    await c.world.fillRollOrder(orders[0] ?? 0n);
    await d.waitFor(msg("roll: done"));
    const done = readStore(c);
    expect(done.intents.find((i) => i.key === "post:0:1")).toMatchObject({ hash: sent.hash, attempts: 1 });
    expect(done.roll?.orders).toEqual([String(orders[0])]);
    const chain = await c.world.onChain();
    expect(chain.orders).toEqual(orders);
    expect(chain.nonce).toBe(1 + done.intents.length);
  });

  it("reorg (snapshot, revert after mining, mine again): the post, then the cancel and atomic roll, land once", async () => {
    const c = await setup();
    const d = await inProcessDaemon(config(c, { confirmations: 1 }));
    try {
      // The auction's approve + post are mined, then reorged out.
      const snap = await c.chain.rpc<string>("evm_snapshot");
      await d.tick();
      expect(d.store.roll(0)?.state).toBe("posted");
      const orderId = d.store.roll(0)?.orderId;
      const hashes = d.store.intents().map((i) => i.hash);
      await c.chain.rpc("evm_revert", [snap]);
      await c.world.mine(2);
      expect((await c.world.onChain()).orders).toEqual([]);
      await d.tick(); // the guard sees the receipts gone; the roll waits for its post
      expect(d.store.roll(0)?.state).toBe("posting");
      expect(d.store.intents().map((i) => i.status)).toEqual(["sent", "sent"]);
      await d.tick(); // reconciliation re-broadcasts the same bytes; the post is read again
      expect(d.store.roll(0)).toMatchObject({ state: "posted", orderId });
      expect(d.store.intents().map((i) => i.hash)).toEqual(hashes);
      expect((await c.world.onChain()).orders).toEqual([BigInt(orderId ?? "0")]);

      // Near the strike: cancel + approve + atomic roll are mined, then reorged out after the roll is filled.
      const now = await c.chain.now();
      const tau = (m: bigint) => Number(m - now) / 31_536_000;
      const nA = nValueEth({ x: 1650, strike: 1500, tau: tau(c.world.A.maturity), sigma: 0.7 });
      const nB = nValueEth({ x: 1650, strike: 1000, tau: tau(c.world.B.maturity), sigma: 0.7 });
      await c.world.seedBook({
        askN_A: (nA * 1.03).toFixed(6),
        bidN_B: (nB * 0.97).toFixed(6),
        amount: parseWad("12"),
      });
      c.prices.set("1650");
      const snap2 = await c.chain.rpc<string>("evm_snapshot");
      await d.tick();
      expect(d.store.roll(0)?.state).toBe("filled"); // waiting one confirmation
      expect((await c.world.onChain()).rolls).toBe(1);
      const before = d.store.intents().map((i) => [i.key, i.hash]);
      await c.chain.rpc("evm_revert", [snap2]);
      await c.world.mine(3);
      expect((await c.world.onChain()).rolls).toBe(0);
      for (let i = 0; i < 6 && d.store.roll(0)?.state !== "done"; i++) {
        await d.tick();
        await c.world.mine(1);
      }
      const roll = d.store.roll(0);
      expect(roll).toMatchObject({ state: "done", outcome: "mixed", atomicAttempt: 1 });
      expect(d.store.intents().map((i) => [i.key, i.hash])).toEqual(before);
      expect(d.store.rollLog().filter((e) => e.state === "post not on chain")).toHaveLength(1);
      const chain = await c.world.onChain();
      expect(chain.orders).toEqual([BigInt(orderId ?? "0")]);
      expect(chain.rolls).toBe(1);
      expect(chain.nonce).toBe(1 + d.store.intents().length);
      const order = await c.world.publicClient.readContract({
        address: c.world.market,
        abi: pnMarketAbi,
        functionName: "orderOf",
        args: [BigInt(orderId ?? "0")],
      });
      expect(order.amount).toBe(0n);
      expect(await c.world.balance(c.world.tA.p)).toBe(0n);
      expect(await c.world.balance(c.world.tB.p)).toBe(chain.rolled[0]?.amountOut);
      expect(chain.rolled[0]?.amountIn).toBe(HELD);
    } finally {
      d.stop();
    }
  });
});
