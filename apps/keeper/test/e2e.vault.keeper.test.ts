// End to end on anvil: the vault roll keeper in process through a whole fallback cycle, with the market-maker bot.
// 1. A dry run at the scheduled roll logs the triggerRoll it would send and sends nothing; with the reward-versus-gas
//    check on, the gas estimate decides whether it would.
// 2. The keeper records its triggerRoll and "crashes" before broadcasting; a restarted keeper re-broadcasts the same
//    signed bytes: one roll, one transaction.
// 3. Nobody fills the roll auction: past its deadline the keeper closes it (Legacy).
// 4. The old series matures and its oracle answer becomes final: the keeper re-enters (the vault pays it its reward
//    in WETH) and the vault offers N for P in a re-entry sale, which the market-maker bot (series discovered) fills.
// 5. The keeper closes the filled sale; a last `main.ts vault --once` process has nothing to send.
// Every keeper transaction is one attempt of one recorded intent.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { indexIdFromTicker, seriesId } from "@pn/core";
import {
  approve,
  createSeries,
  devWethAbi,
  getOrder,
  getSeries,
  pnMarketAbi,
  pnVaultAbi,
  postAsk,
  slowOracleAbi,
  split,
  waitForOrderId,
} from "@pn/sdk";
import { type Address, parseEther } from "viem";
import { getContractEvents, readContract, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Intent } from "../src/framework/state.ts";
import { accounts, advance, defaultSettings, never, USD } from "./helpers/devnet.ts";
import { tempDir } from "./helpers/keeper.ts";
import { bot, holder, inProcessMm, type MarketNet, writeMmConfig } from "./mmHarness.ts";
import { DAY, HOUR, spawnKeeper, vaultEvents } from "./vaultHarness.ts";
import { inProcessVaultKeeper, keeper, startVaultKeeperNet } from "./vaultKeeperHarness.ts";

const proposer = accounts[0] ?? never();

describe("e2e: the vault keeper through a roll, its fallback and a re-entry sale", () => {
  let m: MarketNet;
  let vault: Address;
  let dir: string;
  let config: string;
  const stops: (() => void)[] = [];
  beforeAll(async () => {
    ({ m, vault, dir, config } = await startVaultKeeperNet());
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    await m?.net.stop();
  });

  const read = () => ({ address: vault, abi: pnVaultAbi }) as const;
  const state = () => readContract(m.net.publicClient, { ...read(), functionName: "state" });
  const nonce = () => m.net.publicClient.getTransactionCount({ address: keeper.address });
  const events = <N extends "RollStarted" | "AuctionClosed" | "Reentered">(eventName: N) =>
    vaultEvents(m.net.publicClient, { vault, eventName, fromBlock: m.startBlock });
  const until = async (check: () => Promise<boolean>, step: () => Promise<unknown>, what: string) => {
    for (let i = 0; i < 40; i++) {
      if (await check()) return;
      await step();
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it("dry run: at the scheduled roll it logs the triggerRoll and sends nothing", async () => {
    const s = await state();
    expect(s.strikeWad).toBe(parseEther("2000"));
    const dry = await inProcessVaultKeeper(config, { dryRun: true });
    stops.push(dry.stop);
    await dry.keeper.tick();
    expect(dry.lines.find((l) => l.msg === "vault waiting")?.reason).toMatch(/^RollNotDue/);
    const now = (await m.net.publicClient.getBlock()).timestamp;
    await advance(m.net, BigInt(s.maturity) - 7n * DAY - now + 60n);
    await dry.keeper.tick();
    dry.stop();
    expect(dry.lines.find((l) => l.msg === "dry run: would send")).toMatchObject({
      functionName: "triggerRoll",
      to: vault,
    });
    expect(await nonce()).toBe(0);
    expect(dry.state.intents()).toEqual([]);

    // With the reward-versus-gas check on, the estimate decides: a 0.0003 P reward does not pay for ~600k gas.
    const withCheck = (minRatio: number) => {
      const raw = JSON.parse(readFileSync(config, "utf8")) as { vault: Record<string, unknown> };
      raw.vault.profitability = { enabled: true, minRatio };
      const file = join(tempDir("pn-vault-gas-"), "vault.json");
      writeFileSync(file, JSON.stringify({ ...raw, stateFile: join(dir, "gas-check-state.json") }));
      return file;
    };
    const strict = await inProcessVaultKeeper(withCheck(1), { dryRun: true });
    await strict.keeper.tick();
    strict.stop();
    expect(strict.lines.find((l) => l.msg === "vault waiting")?.reason).toBe(
      "triggerRoll's reward does not pay for its gas",
    );
    const lax = await inProcessVaultKeeper(withCheck(1e-9), { dryRun: true });
    await lax.keeper.tick();
    lax.stop();
    expect(lax.lines.some((l) => l.msg === "dry run: would send")).toBe(true);
  });

  it("a keeper that dies after recording its triggerRoll is not repeated by its restart", async () => {
    const first = await inProcessVaultKeeper(config, {
      afterRecord: () => {
        throw new Error("killed after recording");
      },
    });
    await first.keeper.tick();
    first.stop();
    expect(first.lines.some((l) => l.msg === "item failed; the loop goes on")).toBe(true);
    expect(await nonce()).toBe(0);
    const second = await inProcessVaultKeeper(config);
    stops.push(second.stop);
    await second.keeper.tick();
    expect(second.lines.some((l) => l.msg === "intent re-broadcast")).toBe(true);
    expect((await state()).phase).toBe(1); // Rolling
    await second.keeper.tick();
    expect(await events("RollStarted")).toHaveLength(1);
    expect(await nonce()).toBe(1);

    // 3. Nobody fills it: after the deadline the keeper closes it and keeps the old P (Legacy).
    await advance(m.net, 2n * HOUR + 60n);
    await second.keeper.tick();
    const s = await state();
    expect(s.phase).toBe(2); // Legacy
    expect((await events("AuctionClosed"))[0]?.args.leftover).toBeGreaterThan(0n);
    second.stop();
  });

  it("re-enters after the old series settles; the market maker fills the N-for-P sale; the keeper closes it", async () => {
    const k = await inProcessVaultKeeper(config);
    stops.push(k.stop);
    const s = await state();
    const now = (await m.net.publicClient.getBlock()).timestamp;
    await advance(m.net, BigInt(s.secondMaturity) - now + 60n);
    await k.keeper.tick();
    expect(k.lines.findLast((l) => l.msg === "vault waiting")).toBeDefined(); // not final yet
    await m.net.confirm(
      await writeContract(m.net.wallet(proposer), {
        address: m.oracle,
        abi: slowOracleAbi,
        functionName: "propose",
        args: [USD, BigInt(s.secondMaturity), parseEther("4100")],
        value: defaultSettings.bondWei,
      }),
    );
    await advance(m.net, defaultSettings.challengeWindow + 1);
    const wethBefore = await readContract(m.net.publicClient, {
      address: m.weth,
      abi: devWethAbi,
      functionName: "balanceOf",
      args: [keeper.address],
    });
    await k.keeper.tick();
    const [reentered] = await events("Reentered");
    expect(reentered?.args.caller).toBe(keeper.address);
    expect((await state()).phase).toBe(3); // Selling
    const wethAfter = await readContract(m.net.publicClient, {
      address: m.weth,
      abi: devWethAbi,
      functionName: "balanceOf",
      args: [keeper.address],
    });
    expect(wethAfter - wethBefore).toBe(reentered?.args.reward);

    // Two series its USD sources cannot price, and a USD control: the same cheap ask (0.01 ETH per P) on EUR and
    // on the control; a USD series on another collateral (a P token, which cannot be split but can be created).
    const h = m.client(holder);
    const maturity = (await m.net.publicClient.getBlock()).timestamp + 30n * DAY;
    const otherKey = (indexId: `0x${string}`, collateral: Address = m.weth) => ({
      collateral,
      oracle: m.oracle,
      indexId,
      strikeWad: parseEther("2000"),
      maturity,
    });
    const eurKey = otherKey(indexIdFromTicker("EUR"));
    const usdKey = otherKey(USD);
    const notWethKey = otherKey(USD, m.tokens.pA);
    const cheapAsks: bigint[] = [];
    for (const key of [eurKey, usdKey]) {
      await m.net.confirm((await createSeries(h, { core: m.core, key })).hash);
      await m.net.confirm(await split(h, { core: m.core, key, amount: parseEther("1"), native: true }));
      const { pToken } = await getSeries(m.net.publicClient, { core: m.core, key });
      await m.net.confirm(await approve(h, { token: pToken, spender: m.market, amount: parseEther("1") }));
      const hash = await postAsk(h, {
        market: m.market,
        token: pToken,
        want: m.weth,
        amount: parseEther("1"),
        curve: { kind: "flat", priceWad: parseEther("0.01") },
        expiry: maturity - DAY,
      });
      cheapAsks.push((await waitForOrderId(h, { hash })) ?? never());
    }
    await m.net.confirm((await createSeries(h, { core: m.core, key: notWethKey })).hash);

    // The market maker, with discovery on (USD only) and no quotes, fills the sale once it crosses its price.
    const mmConfig = writeMmConfig(m, tempDir("pn-vault-mm-"));
    const raw = JSON.parse(readFileSync(mmConfig, "utf8")) as { mm: Record<string, unknown> };
    raw.mm.series = [];
    raw.mm.discover = { enabled: true, oracle: m.oracle, indices: ["USD"] };
    raw.mm.fills = { maxRestSeconds: 0, maxFill: "1000" };
    raw.mm.inventory = { target: "0", limit: "1000" };
    writeFileSync(mmConfig, JSON.stringify(raw));
    const mm = await inProcessMm(mmConfig);
    stops.push(mm.stop);
    const saleId = reentered?.args.orderId ?? 0n;
    const filled = async () =>
      (
        await getContractEvents(m.net.publicClient, {
          address: m.market,
          abi: pnMarketAbi,
          eventName: "OrderFilled",
          args: { orderId: saleId },
          fromBlock: m.startBlock,
          strict: true,
        })
      ).some((f) => f.args.taker === bot.address);
    await until(
      filled,
      async () => {
        await mm.keeper.tick();
        if (!(await filled())) await advance(m.net, 300);
      },
      "the maker's fill of the re-entry sale",
    );
    await mm.keeper.tick();
    const discovered = mm.lines.filter((l) => l.msg === "series discovered").map((l) => l.id);
    expect(discovered).toContain(seriesId(usdKey));
    expect(discovered).not.toContain(seriesId(eurKey));
    expect(discovered).not.toContain(seriesId(notWethKey));
    // The control ask crossed the maker's price and was filled; the same ask on EUR is untouched.
    const [eurAsk, usdAsk] = await Promise.all(
      cheapAsks.map((orderId) => getOrder(m.net.publicClient, { market: m.market, orderId })),
    );
    expect(usdAsk?.open).toBe(false);
    expect(eurAsk).toMatchObject({ open: true, amount: parseEther("1") });
    const takers = await getContractEvents(m.net.publicClient, {
      address: m.market,
      abi: pnMarketAbi,
      eventName: "OrderFilled",
      args: { orderId: cheapAsks[0] },
      fromBlock: m.startBlock,
      strict: true,
    });
    expect(takers).toEqual([]);
    expect(mm.lines.some((l) => JSON.stringify(l).includes(`"orderId":"${cheapAsks[0]}"`))).toBe(false);
    await k.keeper.tick();
    expect((await state()).phase).toBe(0); // Holding
    k.stop();

    // 5. The CLI, once: nothing is due, nothing is sent.
    const before = await nonce();
    const cli = spawnKeeper("vault", config, ["--once"]);
    await new Promise<void>((res) => cli.child.once("exit", () => res()));
    expect(cli.child.exitCode).toBe(0);
    expect(cli.lines.some((l) => l.msg === "intent recorded")).toBe(false);
    expect(await nonce()).toBe(before);

    // Every transaction the keeper sent is one attempt of one intent: 1 trigger, 2 closes, 1 re-entry.
    const intents = Object.values(
      (JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as { intents: Record<string, Intent> })
        .intents,
    );
    expect(intents.reduce((sum, i) => sum + i.attempts, 0)).toBe(await nonce());
    expect(intents.map((i) => i.kind).sort()).toEqual([
      "vault-close",
      "vault-close",
      "vault-reenter",
      "vault-trigger",
    ]);
    expect(intents.every((i) => i.status === "confirmed")).toBe(true);
  });
});
