// The daemon end to end on anvil with the real contracts (deployed from the SDK's bytecode; the filler and the
// makers use the SDK's market actions): it holds P_A, sees x (the median of three HTTP feeds only it knows, one an
// outlier) fall below its private, jittered trigger, waits its random delay, posts a roll auction A → B, a filler
// takes it, and the daemon records the roll as done. Next epoch it creates the target series itself, is partly
// filled, lets the order expire, cancels and re-posts the rest. Near the strike the auction is cancelled and the
// position rolled at once through the RollRouter at resting orders the test seeded. A dry run (in process and
// through `pn daemon`) sends and records nothing.

import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { nValueEth, parseWad, WAD } from "@pn/core";
import { pnMarketAbi } from "@pn/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policySchema } from "../src/daemon/config.ts";
import { drawThresholds } from "../src/daemon/jitter.ts";
import { toSeriesKey } from "../src/daemon/records.ts";
import { type Chain, startChain } from "./daemon-harness/chain.ts";
import { inProcessDaemon, repoRoot, SEED, tempDir, writeDaemonConfig } from "./daemon-harness/daemon.ts";
import { HELD, setupWorld, startPriceServer, T0, type World } from "./daemon-harness/world.ts";

const draws = drawThresholds(SEED, 0, policySchema.parse({ maxDelaySeconds: 600 }), 0.2);

type Setup = {
  chain: Chain;
  world: World;
  prices: Awaited<ReturnType<typeof startPriceServer>>;
  dir: string;
};

async function setup(): Promise<Setup> {
  const dir = tempDir();
  const chain = await startChain({ timestamp: T0, dir });
  const world = await setupWorld(chain);
  const prices = await startPriceServer("2500");
  return { chain, world, prices, dir };
}

function pn(args: string[]): Promise<{ status: number; stdout: string }> {
  return new Promise((res) => {
    const env = { ...process.env, PN_PRIVATE_KEY: "", PN_KEEPER_PRIVATE_KEY: "" };
    execFile(process.execPath, args, { env }, (error, stdout) =>
      res({ status: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout }),
    );
  });
}

function never(): never {
  throw new Error("missing fixture");
}

async function tickUntil(d: { tick: () => Promise<void> }, done: () => boolean, max = 12): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await d.tick();
    if (done()) return i;
  }
  throw new Error("condition not reached");
}

describe("daemon: patient roll auction", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s.prices.close();
    await s.chain.stop();
  });

  it("dry run: decides and simulates, sends and records nothing", async () => {
    const dir = tempDir();
    const file = writeDaemonConfig(s.world, {
      dir,
      sources: s.prices.sources,
      daemon: { policy: { maxDelaySeconds: 0 } },
    });
    s.prices.set("1950");
    const before = await s.world.onChain();
    const d = await inProcessDaemon(file, { dryRun: true });
    await d.tick();
    s.prices.set("2500");
    expect(d.lines.some((l) => l.msg === "roll decided" && l.reason === "strike")).toBe(true);
    expect(d.lines.some((l) => l.msg === "dry run: would send" && String(l.key).startsWith("approve:"))).toBe(
      true,
    );
    expect(await s.world.onChain()).toEqual(before);
    expect(d.store.intents()).toEqual([]);
    expect(d.store.rolls()).toEqual([]);
    d.stop();
  });

  it("`pn daemon --dry-run --once` runs the same daemon through the CLI", async () => {
    const dir = tempDir();
    const file = writeDaemonConfig(s.world, {
      dir,
      sources: s.prices.sources,
      daemon: { policy: { maxDelaySeconds: 0 } },
    });
    s.prices.set("1950");
    const before = await s.world.onChain();
    const cli = resolve(repoRoot, "apps/cli/src/main.ts");
    // Asynchronously: the price feeds are served by this process.
    const run = await pn([cli, "daemon", "--config", file, "--dry-run", "--once"]);
    s.prices.set("2500");
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === "roll decided")).toBe(true);
    expect(lines.some((l) => l.msg === "dry run: would send")).toBe(true);
    expect(await s.world.onChain()).toEqual(before);
    expect((await pn([cli, "daemon", "--config", join(dir, "missing.json")])).status).toBe(2);
  });

  it("rolls by auction once x falls below the trigger, after its random delay; the filler fills; done", async () => {
    const file = writeDaemonConfig(s.world, { dir: s.dir, sources: s.prices.sources });
    const d = await inProcessDaemon(file);
    await d.tick();
    expect(d.lines.some((l) => l.msg === "holding")).toBe(true);
    expect(d.store.position()?.series.id).toBe(s.world.idA);

    // x = 1950 = 1.3 S: below every trigger draw (1.4–1.6), above every escalation draw (1.12–1.18).
    s.prices.set("1950");
    await d.tick();
    expect(d.lines.some((l) => l.msg === "roll triggered; waiting a random delay")).toBe(true);
    expect(d.store.rolls()).toEqual([]);
    await s.world.advance(BigInt(draws.delaySeconds) + 1n);
    await d.tick();
    const roll = d.store.roll(0);
    expect(roll?.state).toBe("posted");
    expect(roll?.to.id).toBe(s.world.idB); // the existing series closest to S' = x/2 and a later maturity
    const orderId = BigInt(roll?.orderId ?? "0");
    const order = await s.world.publicClient.readContract({
      address: s.world.market,
      abi: pnMarketAbi,
      functionName: "orderOf",
      args: [orderId],
    });
    expect(order.token).toBe(s.world.tA.p);
    expect(order.counterToken).toBe(s.world.tB.p);
    expect(order.amount).toBe(HELD);
    expect(order.priceWad).toBeGreaterThan(order.floorPriceWad);

    await s.world.fillRollOrder(orderId);
    await d.tick();
    expect(d.store.roll(0)?.state).toBe("filled"); // waits one confirmation
    await s.world.mine(1);
    await d.tick();
    const done = d.store.roll(0);
    expect(done?.state).toBe("done");
    expect(done?.outcome).toBe("auction");
    expect(d.store.position()).toMatchObject({ epoch: 1, series: { id: s.world.idB } });
    expect(d.store.rollLog().map((e) => e.state)).toEqual([
      "position",
      "triggered",
      "decided",
      "posting",
      "auction posted",
      "filled",
      "done",
    ]);
    const chain = await s.world.onChain();
    expect(chain.orders).toEqual([orderId]);
    expect(await s.world.balance(s.world.tA.p)).toBe(0n);
    expect(await s.world.balance(s.world.tB.p)).toBe(BigInt(done?.amountOut ?? "0"));
    expect(BigInt(done?.amountOut ?? "0")).toBeGreaterThan(HELD); // about 1.45 P_B per P_A
    // Nothing more happens: B's strike is about x/2, far from any trigger.
    const nonce = chain.nonce;
    await d.tick();
    expect((await s.world.onChain()).nonce).toBe(nonce);
    d.stop();
  });

  it("next epoch: creates the target series, a partial fill, the order expires, is cancelled and re-posted", async () => {
    const file = writeDaemonConfig(s.world, { dir: s.dir, sources: s.prices.sources });
    const d = await inProcessDaemon(file);
    const draws1 = drawThresholds(SEED, 1, policySchema.parse({ maxDelaySeconds: 600 }), 0.2);
    s.prices.set("1300"); // 1.3 S_B
    await d.tick();
    await s.world.advance(BigInt(draws1.delaySeconds) + 1n);
    await d.tick();
    const roll = d.store.roll(1);
    expect(roll).toMatchObject({ state: "posted", createKey: "create:1", attempt: 1 });
    const to = toSeriesKey(roll?.to ?? never());
    expect(to.maturity).toBeGreaterThan(s.world.B.maturity); // a later maturity than B
    expect(to.strikeWad % parseWad("50")).toBe(0n);
    expect(Number(to.strikeWad) / 1e18).toBeGreaterThanOrEqual(550); // S' = 1300 · (0.45…0.55), rounded down
    expect(Number(to.strikeWad) / 1e18).toBeLessThanOrEqual(700);
    const first = BigInt(roll?.orderId ?? "0");
    const heldA = BigInt(roll?.amountIn ?? "0");

    await s.world.fillRollOrder(first, { key: to, amount: heldA / 3n });
    await s.world.advance(BigInt(roll?.post?.expiry ?? "0") - (await s.chain.now()) + 1n);
    await d.tick(); // expired: cancelled, the rest posted again at the current x
    const again = d.store.roll(1);
    expect(again).toMatchObject({ state: "posted", attempt: 2 });
    expect(again?.orders).toHaveLength(2);
    const second = BigInt(again?.orderId ?? "0");
    expect(BigInt(again?.post?.amount ?? "0")).toBe(heldA - heldA / 3n);
    await s.world.fillRollOrder(second, { key: to });
    await s.world.mine(1);
    await tickUntil(d, () => d.store.roll(1)?.state === "done");
    expect(d.store.position()).toMatchObject({ epoch: 2, series: { id: roll?.to.id } });
    const chain = await s.world.onChain();
    expect(chain.orders.slice(-2)).toEqual([first, second]);
    expect(
      d.store
        .rollLog()
        .filter((e) => e.epoch === 1)
        .map((e) => e.state),
    ).toEqual([
      "triggered",
      "decided",
      "posting",
      "auction posted",
      "auction expired",
      "reposting",
      "posting",
      "auction posted",
      "filled",
      "done",
    ]);
    expect(await s.world.balance(s.world.tB.p)).toBe(0n);
    d.stop();
  });
});

describe("daemon: escalation to the atomic router near the strike", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s.prices.close();
    await s.chain.stop();
  });

  it("cancels the auction and rolls atomically with a slippage limit once x < escalate · S", async () => {
    const file = writeDaemonConfig(s.world, {
      dir: s.dir,
      sources: s.prices.sources,
      daemon: { confirmations: 0 },
    });
    const d = await inProcessDaemon(file);
    s.prices.set("1950");
    await d.tick();
    await s.world.advance(BigInt(draws.delaySeconds) + 1n);
    await d.tick();
    const orderId = BigInt(d.store.roll(0)?.orderId ?? "0");
    expect(orderId).toBeGreaterThan(0n);

    // x = 1650 = 1.1 S: below every escalation draw. Makers rest N_A asks and N_B bids around the model.
    const now = await s.chain.now();
    const tau = (m: bigint) => Number(m - now) / 31_536_000;
    const nA = nValueEth({ x: 1650, strike: 1500, tau: tau(s.world.A.maturity), sigma: 0.7 });
    const nB = nValueEth({ x: 1650, strike: 1000, tau: tau(s.world.B.maturity), sigma: 0.7 });
    await s.world.seedBook({
      askN_A: (nA * 1.03).toFixed(6),
      bidN_B: (nB * 0.97).toFixed(6),
      amount: parseWad("12"),
    });
    s.prices.set("1650");
    await tickUntil(d, () => d.store.roll(0)?.state === "done");

    const roll = d.store.roll(0);
    expect(roll?.outcome).toBe("mixed");
    const log = d.store.rollLog().map((e) => e.state);
    expect(log).toEqual(
      expect.arrayContaining([
        "auction posted",
        "escalated",
        "atomic roll planned",
        "atomic roll landed",
        "done",
      ]),
    );
    const chain = await s.world.onChain();
    expect(chain.orders).toEqual([orderId]);
    expect(chain.rolls).toBe(1);
    const order = await s.world.publicClient.readContract({
      address: s.world.market,
      abi: pnMarketAbi,
      functionName: "orderOf",
      args: [orderId],
    });
    expect(order.amount).toBe(0n); // cancelled
    expect(await s.world.balance(s.world.tA.p)).toBe(0n);
    const rolled = chain.rolled[0];
    expect(rolled?.amountIn).toBe(HELD);
    expect(await s.world.balance(s.world.tB.p)).toBe(rolled?.amountOut);
    // Value-neutral at the model: about S_A / S_B P_B per P_A, less A's larger put discount.
    expect(Number(((rolled?.amountOut ?? 0n) * WAD) / HELD) / 1e18).toBeGreaterThan(1.3);
    expect(d.store.position()).toMatchObject({ epoch: 1, series: { id: s.world.idB } });
    d.stop();
  });
});
