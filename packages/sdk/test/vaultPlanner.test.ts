// The core roll planner against a real PNVault on anvil. Seeded random vaults (rules in their whole domain, with
// and without holdings) are rolled forward in time; at every step the contract's `previewTrigger(hint, ref)` is
// compared, field by field and error by error, with the core's mirror (`previewTrigger`), and the general
// `planRoll` under `vaultRollPolicy(rules)` must roll exactly when the vault would, into the same series, amount and
// curve. Exact equality: the mirror rounds as the contract does.
import {
  indexIdFromTicker,
  planRoll,
  previewTrigger,
  VAULT_PHASE_HOLDING,
  type VaultPlan,
  vaultRollPolicy,
} from "@pn/core";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  type Hex,
  http,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deployCore,
  deployDevOracle,
  deployMarket,
  deployVault,
  devOracleAbi,
  pnVaultAbi,
  type VaultRules,
} from "../src/index.ts";
import { type Anvil, startAnvil } from "../src/testing/index.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const START = 1_790_000_000n;
const DAY = 86_400n;
const WAD = 10n ** 18n;
const INDEX = indexIdFromTicker("USD");
const VAULTS = 8;
const STEPS = 10;
const CASES = 14;

/** A seeded PRNG (SplitMix64): the same vaults, times and hints on every run. */
function createRng(seed: bigint) {
  let state = seed;
  const mask = (1n << 64n) - 1n;
  const u64 = () => {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return z ^ (z >> 31n);
  };
  /** Uniform in [lo, hi]. */
  const between = (lo: bigint, hi: bigint) => lo + (((u64() << 64n) | u64()) % (hi - lo + 1n));
  return { between, chance: (p: number) => Number(u64() >> 11n) / 2 ** 53 < p };
}
const rng = createRng(0x5eed_2026n);

function randomRules(oracle: Address): VaultRules {
  const strikeFractionBps = rng.between(500n, 9_000n);
  const tenor = rng.between(2n * DAY, 40n * DAY);
  const rollFloorBps = rng.between(1n, 10_000n);
  const auctionDuration = rng.between(600n, 3n * DAY);
  return {
    oracle,
    indexId: INDEX,
    strikeFractionBps,
    strikeSigFigs: rng.chance(0.8) ? rng.between(1n, 4n) : rng.between(5n, 38n),
    minStrikeStepBps: rng.between(1n, 9_999n),
    maxRefAge: rng.chance(0.2) ? 0n : rng.between(3_600n, 30n * DAY),
    triggerBps: rng.between(10_001n, min(100_000n, (10n ** 8n - 1n) / strikeFractionBps)),
    minRollInterval: rng.between(1n, 10n * DAY),
    tenor,
    maturityOrigin: START + rng.between(0n, 40n * DAY) - 20n * DAY,
    maturityPeriod: rng.between(3_600n, 30n * DAY),
    rollLead: rng.between(1n, tenor - 1n),
    auctionDuration,
    auctionHalfLife: rng.chance(0.5) ? 0n : rng.between(1n, auctionDuration - 1n),
    auctionPatience: rng.between(0n, 2n * DAY),
    rollStartBps: rollFloorBps + rng.between(1n, 100_000n - rollFloorBps),
    rollFloorBps,
    saleStartBps: 12_000n,
    saleFloorBps: 8_000n,
    rewardBps: rng.between(0n, 100n),
    rewardCap: rng.chance(0.5) ? rng.between(0n, 10n ** 15n) : 10n ** 30n,
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
});
afterAll(() => anvil?.stop());

describe("the core roll planner against PNVault.previewTrigger", () => {
  it("agrees on every plan and every refusal over seeded random vaults, states, times and hints", async () => {
    const transport = http(anvil.rpcUrl);
    const account = mnemonicToAccount(MNEMONIC);
    const walletClient = createWalletClient({ account, chain: foundry, transport });
    const publicClient = createPublicClient({ chain: foundry, transport });
    const testClient = createTestClient({ chain: foundry, transport, mode: "anvil" });
    const deploy = { walletClient, publicClient };
    const { core } = await deployCore(deploy);
    const { oracle } = await deployDevOracle(deploy);
    const { market } = await deployMarket({ ...deploy, core });
    const mined = (hash: Hex) => publicClient.waitForTransactionReceipt({ hash });

    const vaults: { address: Address; rules: VaultRules }[] = [];
    for (let v = 0; v < VAULTS; v++) {
      const rules = randomRules(oracle);
      const refPriceWad = rng.between(50n * WAD, 20_000n * WAD);
      const { vault } = await deployVault({ ...deploy, market, rules, refPriceWad, name: "v", symbol: "V" });
      if (v % 2 === 0) {
        const value = rng.between(10n ** 12n, 50n * WAD);
        await mined(
          await walletClient.writeContract({
            address: vault,
            abi: pnVaultAbi,
            functionName: "deposit",
            args: [account.address],
            value,
          }),
        );
      }
      vaults.push({ address: vault, rules });
    }

    let now = (await publicClient.getBlock()).timestamp;
    const reported: bigint[] = [];
    let compared = 0;
    let plans = 0;
    for (let step = 0; step < STEPS; step++) {
      now += rng.between(60n, 6n * DAY);
      await testClient.setNextBlockTimestamp({ timestamp: now });
      await testClient.mine({ blocks: 1 });
      for (let k = 0; k < 3; k++) {
        const at = now - (rng.chance(0.7) ? rng.between(1n, 2n * DAY) : rng.between(1n, 20n * DAY));
        if (reported.includes(at)) continue;
        const value = rng.chance(0.05) ? 1n << 128n : rng.between(1n, 40_000n * WAD);
        await mined(
          await walletClient.writeContract({
            address: oracle,
            abi: devOracleAbi,
            functionName: "report",
            args: [INDEX, at, value],
          }),
        );
        reported.push(at);
        now += 1n;
      }
      for (const vault of vaults) {
        const read = { address: vault.address, abi: pnVaultAbi } as const;
        const [state, holdings] = await Promise.all([
          publicClient.readContract({ ...read, functionName: "state" }),
          publicClient.readContract({ ...read, functionName: "holdings" }),
        ]);
        const vaultState = {
          strikeWad: state.strikeWad,
          maturity: BigInt(state.maturity),
          lastRollAt: BigInt(state.lastRollAt),
          phase: state.phase,
        };
        const signalBelow = (state.strikeWad * vault.rules.triggerBps) / 10_000n;
        const cases = Array.from({ length: CASES }, () => ({
          hintWad: randomHint(signalBelow, state.strikeWad),
          refTimestamp: randomRef(now, reported, vault.rules.maxRefAge),
        }));
        const results = await Promise.all(
          cases.map(async (c) => {
            const [[plan, err], reference] = await Promise.all([
              publicClient.readContract({
                ...read,
                functionName: "previewTrigger",
                args: [c.hintWad, c.refTimestamp],
                blockOverrides: { time: now },
              }),
              c.refTimestamp === 0n
                ? undefined
                : publicClient.readContract({
                    address: oracle,
                    abi: devOracleAbi,
                    functionName: "finalValue",
                    args: [INDEX, c.refTimestamp],
                  }),
            ]);
            return { c, plan, err, reference };
          }),
        );
        for (const { c, plan, err, reference } of results) {
          const input = {
            rules: vault.rules,
            state: vaultState,
            held: holdings[0],
            hintWad: c.hintWad,
            refTimestamp: c.refTimestamp,
            now,
            ...(reference === undefined ? {} : { reference: { isFinal: reference[0], xWad: reference[1] } }),
          };
          const mirror = previewTrigger(input);
          const label = JSON.stringify({ step, vault: vault.address, ...c }, (_k, x) =>
            typeof x === "bigint" ? x.toString() : x,
          );
          if (err !== "0x") {
            const decoded = decodeErrorResult({ abi: pnVaultAbi, data: err as Hex });
            expect("error" in mirror && [mirror.error.errorName, ...mirror.error.args], label).toEqual([
              decoded.errorName,
              ...(decoded.args ?? []).map((a) => BigInt(a as bigint | number)),
            ]);
          } else {
            expect("plan" in mirror && mirror.plan, label).toEqual({ ...plan, reason: plan.reason });
            plans++;
          }
          if (c.refTimestamp === 0n) checkPlanRoll(input, "plan" in mirror ? mirror.plan : undefined, label);
          compared++;
        }
        await maybeRoll(vault, vaultState, holdings[0], now);
      }
    }

    /** planRoll under the vault's policy rolls exactly when the vault would (no reference), into the same plan. */
    function checkPlanRoll(
      input: Parameters<typeof previewTrigger>[0],
      plan: VaultPlan | undefined,
      label: string,
    ) {
      const { state } = input;
      if (state.phase !== VAULT_PHASE_HOLDING || input.now >= state.maturity) return;
      const general = planRoll({
        policy: vaultRollPolicy(input.rules),
        now: input.now,
        xWad: input.hintWad === 0n ? undefined : input.hintWad,
        holding: { strikeWad: state.strikeWad, maturity: state.maturity, amount: input.held },
        lastRollAt: state.lastRollAt,
      });
      if (plan === undefined) {
        expect(general.kind, label).toBe("hold");
        return;
      }
      expect(general.kind === "roll" && general, label).toMatchObject({
        to: { strikeWad: plan.strikeWad, maturity: plan.maturity },
        amount: plan.amount,
        reward: plan.reward,
        curve: {
          startPriceWad: plan.startPriceWad,
          floorPriceWad: plan.floorPriceWad,
          expiry: plan.deadline,
        },
      });
    }

    /** Now and then, start the roll the vault allows (so later steps see rolled strikes, rate limits, auctions). */
    async function maybeRoll(
      vault: { address: Address; rules: VaultRules },
      state: Parameters<typeof previewTrigger>[0]["state"],
      held: bigint,
      at: bigint,
    ) {
      if (!rng.chance(held === 0n ? 0.5 : 0.2)) return;
      const hintWad = randomHint((state.strikeWad * vault.rules.triggerBps) / 10_000n, state.strikeWad);
      const planned = previewTrigger({
        rules: vault.rules,
        state,
        held,
        hintWad,
        refTimestamp: 0n,
        now: at + 1n,
      });
      if (!("plan" in planned)) return;
      await testClient.setNextBlockTimestamp({ timestamp: at + 1n });
      await mined(
        await walletClient.writeContract({
          address: vault.address,
          abi: pnVaultAbi,
          functionName: "triggerRoll",
          args: [hintWad, 0n],
        }),
      );
      now = at + 1n;
    }

    expect(compared).toBe(VAULTS * STEPS * CASES);
    expect(plans).toBeGreaterThan(compared / 10);
  }, 60_000);
});

/** 0 (no hint), a hint a few wei around the signal level, or anywhere from far below the strike to far above. */
function randomHint(signalBelow: bigint, strikeWad: bigint): bigint {
  if (rng.chance(0.25)) return 0n;
  if (rng.chance(0.3)) return signalBelow - 2n + rng.between(0n, 4n);
  return rng.between(1n, 3n * strikeWad);
}

/** 0 (most), a reported instant, an unreported one, one in the future, or one too old. */
function randomRef(now: bigint, reported: readonly bigint[], maxRefAge: bigint): bigint {
  if (rng.chance(0.5)) return 0n;
  if (rng.chance(0.5) && reported.length > 0)
    return reported[Number(rng.between(0n, BigInt(reported.length - 1)))] ?? 0n;
  if (rng.chance(0.3)) return now + rng.between(0n, DAY);
  return now - rng.between(1n, maxRefAge + DAY);
}
