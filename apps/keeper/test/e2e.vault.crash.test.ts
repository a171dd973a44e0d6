// End to end on anvil: pnUSD through Black Thursday with the real keepers. Anvil starts on 2020-02-21; the core, the
// market, a SlowOracle with its committee (10-minute windows) and a vault on the crash scenario's weekly-grid policy
// are deployed; alice deposits ETH and bob P. Chain time then steps to 2020-04-15 (12 hours at a time, hourly on
// 2020-03-12 and while an auction is open) while three keeper processes run on it: the oracle bot answers each
// maturity from the 2020 price data, the market-maker bot (series discovered as the vault creates them) fills the
// vault's auctions once they cross its Black–76 limit, and the vault keeper closes, re-enters and triggers rolls
// with its own price hint (and, on the scheduled roll, the oracle's final value at the last maturity as the
// reference that raises the strike). Asserted: every roll auction filled in full by the maker at or above its floor
// (or the documented fallback ran), each roll's plan exactly as the core roll planner predicts it, the holders' withdrawals within a stated band of their dollar target and above
// plain ETH, claims never above holdings, and every keeper's transactions = its recorded intents (no double send).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fairValueEth, previewTrigger, SECONDS_PER_YEAR, WAD } from "@pn/core";
import {
  deployMarket,
  deployVault,
  fromAbiKey,
  getSeries,
  pnCoreAbi,
  pnMarketAbi,
  pnVaultAbi,
  slowOracleAbi,
  toAbiKey,
} from "@pn/sdk";
import { type Address, decodeFunctionData, erc20Abi, parseEther } from "viem";
import { getContractEvents, readContract, simulateContract, writeContract } from "viem/actions";
import { afterAll, describe, expect, it } from "vitest";
import { accounts, type Devnet, deployProtocol, never, startDevnet, USD } from "./helpers/devnet.ts";
import { tempDir } from "./helpers/keeper.ts";
import {
  account,
  crashRules,
  DAY,
  HOUR,
  type Keeper,
  priceAt,
  type RunAddresses,
  settle,
  spawnKeeper,
  vaultEvents,
  writeMmConfig,
  writeOracleConfig,
  writeVaultConfig,
} from "./vaultHarness.ts";

const T0 = 1_582_243_200n; // 2020-02-21 00:00 UTC
const CRASH_DAY = 1_583_971_200n; // 2020-03-12 00:00 UTC
const END = 1_586_908_800n; // 2020-04-15 00:00 UTC
/** Alice deposits ETH, bob P (split first). */
const ALICE_ETH = parseEther("10");
const BOB_P = parseEther("5");
/** The band the holders must end in, as a fraction of their dollar target. */
const BAND = { low: 0.9, high: 1.02 };
const SIGMA_START = 0.8; // the Foundry scenario's σ before the crash (its target's)
const SIGMA_MM = 1.0; // the maker's σ (its config), used to mark the end holdings

const oracleKeeper = account(1);
const maker = account(2);
const alice = accounts[3] ?? never();
const vaultKeeper = account(8);
const bob = account(9);

const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 16).replace("T", " ");
const usd = (wad: bigint) => Number(wad) / 1e18;
type Line = Record<string, unknown>;

describe("e2e: the vault through the March 2020 crash with the oracle, market-maker and vault keepers", () => {
  let net: Devnet;
  const keepers: Keeper[] = [];
  afterAll(async () => {
    for (const k of keepers) await k.kill("SIGTERM");
    await net?.stop();
  });

  it("rolls through the crash, every auction filled by the maker; holders end near their dollar target", async () => {
    const started = Date.now();
    net = await startDevnet({ timestamp: T0 });
    const protocol = await deployProtocol(net);
    const deployer = net.wallet(accounts[0] ?? never());
    const deploy = { walletClient: deployer, publicClient: net.publicClient };
    const { market } = await deployMarket({ ...deploy, core: protocol.core });
    const x0 = await priceAt(T0);
    const { vault } = await deployVault({
      ...deploy,
      market,
      rules: crashRules(protocol.oracle),
      refPriceWad: x0,
      name: "pn USD, 50% strike, 4-week roll",
      symbol: "pnUSD",
    });
    const read = { address: vault, abi: pnVaultAbi } as const;
    const state = () => readContract(net.publicClient, { ...read, functionName: "state" });
    const s0 = await state();
    const key0 = fromAbiKey(await readContract(net.publicClient, { ...read, functionName: "currentSeries" }));
    const p0 = (await getSeries(net.publicClient, { core: protocol.core, key: key0 })).pToken;

    // Alice deposits ETH (keeps the N); bob splits ETH into the vault's series and deposits the P.
    await net.confirm(
      await writeContract(net.wallet(alice), {
        ...read,
        functionName: "deposit",
        args: [alice.address],
        value: ALICE_ETH,
      }),
    );
    const bobWallet = net.wallet(bob.account);
    await net.confirm(
      await writeContract(bobWallet, {
        address: protocol.core,
        abi: pnCoreAbi,
        functionName: "split",
        args: [toAbiKey(key0), BOB_P, bob.address],
        value: BOB_P,
      }),
    );
    await net.confirm(
      await writeContract(bobWallet, {
        address: p0,
        abi: erc20Abi,
        functionName: "approve",
        args: [vault, BOB_P],
      }),
    );
    await net.confirm(
      await writeContract(bobWallet, { ...read, functionName: "depositP", args: [BOB_P, bob.address] }),
    );
    const shares = async (who: Address) =>
      readContract(net.publicClient, { ...read, functionName: "balanceOf", args: [who] });
    const holders = [
      { name: "alice", address: alice.address, p: ALICE_ETH, shares: await shares(alice.address) },
      { name: "bob", address: bob.address, p: BOB_P, shares: await shares(bob.address) },
    ];

    // The keepers, each a real process with its own account and state file.
    const fromBlock = protocol.startBlock;
    const a: RunAddresses = { core: protocol.core, market, oracle: protocol.oracle, vault, fromBlock };
    const rpc = net.anvil.rpcUrl;
    const dirs = {
      oracle: tempDir("pn-crash-oracle-"),
      mm: tempDir("pn-crash-mm-"),
      vault: tempDir("pn-crash-vault-"),
    };
    const baseline = {
      oracle: await net.publicClient.getTransactionCount({ address: oracleKeeper.address }),
      mm: await net.publicClient.getTransactionCount({ address: maker.address }),
      vault: await net.publicClient.getTransactionCount({ address: vaultKeeper.address }),
    };
    const oracleBot = spawnKeeper("oracle", writeOracleConfig(dirs.oracle, rpc, oracleKeeper.key, a));
    const mmBot = spawnKeeper("mm", writeMmConfig(dirs.mm, rpc, maker.key, a));
    const vaultBot = spawnKeeper("vault", writeVaultConfig(dirs.vault, rpc, vaultKeeper.key, a));
    keepers.push(oracleBot, mmBot, vaultBot);
    for (const k of keepers) await k.waitFor((l) => l.msg === "keeper started");
    const setupMs = Date.now() - started;

    // Step chain time through the crash.
    let t = BigInt((await net.publicClient.getBlock()).timestamp);
    let steps = 0;
    let claimsAlwaysCovered = true;
    while (t < END || (await state()).phase !== 0) {
      const s = await state();
      const hourly = s.phase !== 0 || (t >= CRASH_DAY && t < CRASH_DAY + DAY) || t >= END;
      let next = hourly ? (t / HOUR + 1n) * HOUR : (t / HOUR) * HOUR + 12n * HOUR;
      if (t < END && next > END) next = END;
      await net.testClient.setNextBlockTimestamp({ timestamp: next });
      await net.testClient.mine({ blocks: 1 });
      t = next;
      steps++;
      await settle(keepers);
      claimsAlwaysCovered &&= await claimsCovered();
      if (t > END + 3n * DAY) throw new Error("an auction was still open three days after the end");
    }
    const runMs = Date.now() - started - setupMs;

    async function claimsCovered(): Promise<boolean> {
      const [cur, , second] = await readContract(net.publicClient, { ...read, functionName: "holdings" });
      let c = 0n;
      let d = 0n;
      for (const h of holders) {
        const bal = await shares(h.address);
        if (bal === 0n) continue;
        const [co, so] = await readContract(net.publicClient, {
          ...read,
          functionName: "previewWithdraw",
          args: [bal],
        });
        c += co;
        d += so;
      }
      return c <= cur && d <= second;
    }

    // The rolls and their fills, from the chain.
    const on = { vault, fromBlock };
    const rolls = await vaultEvents(net.publicClient, { ...on, eventName: "RollStarted" });
    const closes = await vaultEvents(net.publicClient, { ...on, eventName: "AuctionClosed" });
    const reentries = await vaultEvents(net.publicClient, { ...on, eventName: "Reentered" });
    const fills = await getContractEvents(net.publicClient, {
      address: market,
      abi: pnMarketAbi,
      eventName: "OrderFilled",
      fromBlock,
      strict: true,
    });
    const timeOf = async (blockNumber: bigint) =>
      (await net.publicClient.getBlock({ blockNumber })).timestamp;
    const report: string[] = [];
    let strike = s0.strikeWad;
    for (const roll of rolls) {
      const { orderId, plan, hintWad, caller } = roll.args;
      const at = await timeOf(roll.blockNumber);
      const refTimestamp = await predictRoll(roll);
      const filled = fills.filter((f) => f.args.orderId === orderId);
      const closed = closes.find((c) => c.args.orderId === orderId);
      const reason = plan.reason === 2 ? "signal" : "scheduled";
      expect(caller).toBe(vaultKeeper.address);
      if (filled.length > 0) {
        // Filled in full by the maker, at or above the floor.
        expect(filled.every((f) => f.args.taker === maker.address)).toBe(true);
        expect(filled.at(-1)?.args.remaining).toBe(0n);
        const amount = filled.reduce((sum, f) => sum + f.args.amount, 0n);
        const got = filled.reduce((sum, f) => sum + f.args.counterAmount, 0n);
        expect(amount).toBe(plan.amount);
        expect(got * WAD).toBeGreaterThanOrEqual(plan.floorPriceWad * amount);
        const fillAt = await timeOf(filled[0]?.blockNumber ?? 0n);
        const price = (got * WAD) / amount;
        const ref = refTimestamp === 0n ? "" : ` and the oracle's x at ${iso(refTimestamp)}`;
        report.push(
          `${iso(at)} ${reason} roll at hint ${usd(hintWad).toFixed(2)}${ref}: strike ${usd(strike)} → ${usd(plan.strikeWad)} (maturity ${iso(plan.maturity)}); filled ${iso(fillAt)} at ${usd(price).toFixed(4)} P_B/P_A = ${((Number(price) / Number(plan.floorPriceWad)) * 100).toFixed(2)}% of the floor ${usd(plan.floorPriceWad).toFixed(4)} (start ${usd(plan.startPriceWad).toFixed(4)})`,
        );
      } else {
        // The documented fallback: closed unfilled, held to maturity, re-entered.
        expect(closed?.args.leftover).toBeGreaterThan(0n);
        expect(reentries.length).toBeGreaterThan(0);
        report.push(
          `${iso(at)} ${reason} roll ${usd(strike)} → ${usd(plan.strikeWad)}: not filled, fallback`,
        );
      }
      strike = plan.strikeWad;
    }
    for (const r of reentries) {
      if (r.args.orderId === 0n) continue;
      const sold = fills.filter((f) => f.args.orderId === r.args.orderId);
      report.push(
        `re-entry sale ${r.args.orderId}: ${sold.length > 0 ? "filled by the maker" : "not filled"}`,
      );
    }
    expect(rolls.length).toBeGreaterThanOrEqual(2);
    expect(rolls.some((r) => r.args.plan.reason === 2)).toBe(true);
    expect(closes.every((c) => c.args.phase !== 4)).toBe(true); // never stranded
    expect(claimsAlwaysCovered).toBe(true);
    expect(await claimsCovered()).toBe(true);

    /**
     * The core roll planner's mirror of `previewTrigger` (@pn/core), fed the vault's state and holdings just before
     * the roll, the keeper's arguments (from the transaction) and the oracle's value at the reference, predicts the
     * roll's plan exactly. Returns the reference used (0: none).
     */
    async function predictRoll(roll: (typeof rolls)[number]): Promise<bigint> {
      const before = { ...read, blockNumber: roll.blockNumber - 1n } as const;
      const [st, [held]] = await Promise.all([
        readContract(net.publicClient, { ...before, functionName: "state" }),
        readContract(net.publicClient, { ...before, functionName: "holdings" }),
      ]);
      const tx = await net.publicClient.getTransaction({ hash: roll.transactionHash });
      const { args } = decodeFunctionData({ abi: pnVaultAbi, data: tx.input });
      const [hintWad, refTimestamp] = args as readonly [bigint, bigint];
      const [isFinal, xWad] =
        refTimestamp === 0n
          ? [false, 0n]
          : await readContract(net.publicClient, {
              address: protocol.oracle,
              abi: slowOracleAbi,
              functionName: "finalValue",
              args: [USD, refTimestamp],
              blockNumber: roll.blockNumber - 1n,
            });
      const predicted = previewTrigger({
        rules: crashRules(protocol.oracle),
        state: {
          strikeWad: st.strikeWad,
          maturity: BigInt(st.maturity),
          lastRollAt: BigInt(st.lastRollAt),
          phase: st.phase,
        },
        held,
        hintWad,
        refTimestamp,
        ...(refTimestamp === 0n ? {} : { reference: { isFinal, xWad } }),
        now: await timeOf(roll.blockNumber),
      });
      expect("plan" in predicted ? predicted.plan : predicted.error).toEqual({ ...roll.args.plan });
      return refTimestamp;
    }

    // The holders leave with everything, in kind; marked at the end price with the maker's model.
    const xEnd = await priceAt(t);
    const keyEnd = fromAbiKey(
      await readContract(net.publicClient, { ...read, functionName: "currentSeries" }),
    );
    const tau = (maturity: bigint, now: bigint) => Number(maturity - now) / SECONDS_PER_YEAR;
    const pUsd = (strikeWad: bigint, maturity: bigint, x: bigint, now: bigint, sigma: number) =>
      fairValueEth("P", { x: usd(x), strike: usd(strikeWad), tau: tau(maturity, now), sigma }) * usd(x);
    const targetPerP = pUsd(key0.strikeWad, key0.maturity, x0, T0, SIGMA_START);
    const outcomes: string[] = [];
    for (const h of holders) {
      const { result, request } = await simulateContract(net.publicClient, {
        ...read,
        account: h.name === "alice" ? alice : bob.account,
        functionName: "withdraw",
        args: [h.shares, h.address],
      });
      await net.confirm(await writeContract(net.wallet(h.name === "alice" ? alice : bob.account), request));
      const [curOut, secondOut, collateralOut] = result;
      expect(secondOut).toBe(0n); // the vault ends in Holding: no second asset
      const value =
        (usd(curOut) * pUsd(keyEnd.strikeWad, keyEnd.maturity, xEnd, t, SIGMA_MM)) / 1 +
        usd(collateralOut) * usd(xEnd);
      const target = usd(h.p) * targetPerP;
      const ethOnly = (target / usd(x0)) * usd(xEnd);
      const ratio = value / target;
      outcomes.push(
        `${h.name}: target $${target.toFixed(2)} (${usd(h.p)} P of strike ${usd(key0.strikeWad)} at x ${usd(x0)}); ends with ${usd(curOut).toFixed(4)} P of strike ${usd(keyEnd.strikeWad)} = $${value.toFixed(2)} at x ${usd(xEnd)} → ${(ratio * 100).toFixed(2)}% of target; the same dollars held as ETH: $${ethOnly.toFixed(2)} (${((ethOnly / target) * 100).toFixed(2)}%)`,
      );
      expect(ratio).toBeGreaterThanOrEqual(BAND.low);
      expect(ratio).toBeLessThanOrEqual(BAND.high);
      expect(value).toBeGreaterThan(ethOnly);
    }

    // No keeper sent more transactions than its recorded intents' attempts; one confirmed call per vault state.
    const intentsOf = (dir: string) =>
      Object.values(
        (
          JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as {
            intents: Record<string, { key: string; kind: string; status: string; attempts: number }>;
          }
        ).intents,
      );
    const sentBy = async (who: Address, from: number) =>
      (await net.publicClient.getTransactionCount({ address: who })) - from;
    const counts: string[] = [];
    for (const [name, dir, who, from] of [
      ["oracle", dirs.oracle, oracleKeeper.address, baseline.oracle],
      ["mm", dirs.mm, maker.address, baseline.mm],
      ["vault", dirs.vault, vaultKeeper.address, baseline.vault],
    ] as const) {
      const intents = intentsOf(dir);
      const attempts = intents.reduce((sum, i) => sum + i.attempts, 0);
      expect(await sentBy(who, from)).toBe(attempts);
      counts.push(`${name} ${attempts} tx = ${intents.length} intents`);
    }
    const vaultIntents = intentsOf(dirs.vault);
    const triggers = vaultIntents.filter((i) => i.kind === "vault-trigger" && i.status === "confirmed");
    expect(triggers.length).toBe(rolls.length);
    const mmFills = intentsOf(dirs.mm).filter((i) => i.kind === "fill" && i.status === "confirmed");
    expect(mmFills.length).toBe(
      new Set(fills.filter((f) => f.args.taker === maker.address).map((f) => f.args.orderId)).size,
    );

    // Gas of the vault keeper's calls, from its log.
    const gas = vaultBot.lines
      .filter((l: Line) => l.msg === "tx confirmed" && String(l.key).startsWith("vault-"))
      .map((l: Line) => `${String(l.key).split(":")[0]} ${String(l.gasUsed)}`);

    console.log(
      [
        `crash run: ${steps} steps from ${iso(T0)} to ${iso(t)}; setup ${(setupMs / 1000).toFixed(1)} s, run ${(runMs / 1000).toFixed(1)} s`,
        `first strike ${usd(s0.strikeWad)} at x ${usd(x0)}, first maturity ${iso(BigInt(s0.maturity))}`,
        ...report,
        ...outcomes,
        `transactions: ${counts.join("; ")}`,
        `vault keeper gas: ${gas.join(", ")}`,
      ].join("\n"),
    );
  }, 300_000);
});
