// The daemon's pure parts: jitter draws (bounds, determinism, independence between epochs), and the core roll
// planner under the daemon's policy (the draws as a core RollPolicy): the roll decision, the target choice, new
// series keys, the auction curve; and the config's safety checks.

import { resolve } from "node:path";
import {
  amountOutAtRatio,
  isUrgent,
  parseWad,
  planRoll,
  type RollPlan,
  rollCurve,
  type SeriesKey,
  WAD,
} from "@pn/core";
import { describe, expect, it } from "vitest";
import { daemonConfigSchema, daemonSectionSchema, policySchema } from "../src/daemon/config.ts";
import { type Draws, drawThresholds, jitter, newSeed, uniform } from "../src/daemon/jitter.ts";
import { type Candidate, daemonRollPolicy, decide, type PolicyInput } from "../src/daemon/policy.ts";
import { loadConfig } from "../src/framework/config.ts";

const DAY = 86_400n;
const policy = policySchema.parse({});
const section = { policy, auction: daemonSectionSchema.shape.auction.parse({}) };
const seed = "0x0101010101010101010101010101010101010101010101010101010101010101" as const;
const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const from: SeriesKey = {
  collateral: addr(1),
  oracle: addr(2),
  indexId: `0x${"55".repeat(32)}`,
  strikeWad: parseWad("1500"),
  maturity: 1_000n * DAY,
};
const now = 990n * DAY; // 10 days before A's maturity

const fixed = (over: Partial<Draws> = {}): Draws => ({
  trigger: 1.5,
  escalate: 1.15,
  maturityBufferSeconds: 7 * 86_400,
  escalateBufferSeconds: 86_400,
  strikeFraction: 0.5,
  tenorSeconds: 28 * 86_400,
  delaySeconds: 600,
  durationFactor: 1,
  ...over,
});

describe("jitter", () => {
  it("draws every threshold within its configured band, over many seeds and epochs", () => {
    const seen = { trigger: [Infinity, -Infinity], fraction: [Infinity, -Infinity] };
    for (let s = 0; s < 50; s++) {
      const sd = newSeed();
      for (let epoch = 0; epoch < 20; epoch++) {
        const d = drawThresholds(sd, epoch, policy, 0.2);
        expect(d.trigger).toBeGreaterThanOrEqual(1.4);
        expect(d.trigger).toBeLessThanOrEqual(1.6);
        expect(d.escalate).toBeGreaterThanOrEqual(1.12);
        expect(d.escalate).toBeLessThanOrEqual(1.18);
        expect(d.maturityBufferSeconds).toBeGreaterThanOrEqual(5 * 86_400);
        expect(d.maturityBufferSeconds).toBeLessThanOrEqual(9 * 86_400);
        expect(d.strikeFraction).toBeGreaterThanOrEqual(0.45);
        expect(d.strikeFraction).toBeLessThanOrEqual(0.55);
        expect(d.tenorSeconds).toBeGreaterThanOrEqual(25 * 86_400);
        expect(d.tenorSeconds).toBeLessThanOrEqual(31 * 86_400);
        expect(d.delaySeconds).toBeGreaterThanOrEqual(0);
        expect(d.delaySeconds).toBeLessThanOrEqual(policy.maxDelaySeconds);
        expect(d.durationFactor).toBeGreaterThanOrEqual(0.8);
        expect(d.durationFactor).toBeLessThanOrEqual(1.2);
        seen.trigger = [Math.min(seen.trigger[0] ?? 0, d.trigger), Math.max(seen.trigger[1] ?? 0, d.trigger)];
        seen.fraction = [
          Math.min(seen.fraction[0] ?? 0, d.strikeFraction),
          Math.max(seen.fraction[1] ?? 0, d.strikeFraction),
        ];
      }
    }
    // 1000 draws spread over (nearly) the whole band: the jitter is real, not a constant.
    expect(seen.trigger[0]).toBeLessThan(1.41);
    expect(seen.trigger[1]).toBeGreaterThan(1.59);
    expect(seen.fraction[0]).toBeLessThan(0.455);
    expect(seen.fraction[1]).toBeGreaterThan(0.545);
  });

  it("is reproducible from the seed (a restart draws the same thresholds) and differs across epochs", () => {
    expect(drawThresholds(seed, 3, policy, 0.2)).toEqual(drawThresholds(seed, 3, policy, 0.2));
    expect(drawThresholds(seed, 3, policy, 0.2).trigger).not.toBe(
      drawThresholds(seed, 4, policy, 0.2).trigger,
    );
    expect(uniform(seed, 0, "trigger")).not.toBe(uniform(newSeed(), 0, "trigger"));
  });

  it("is roughly uniform (mean and quartiles of 20,000 draws)", () => {
    const draws = Array.from({ length: 20_000 }, (_, i) => uniform(seed, i, "u")).sort((a, b) => a - b);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(draws[5_000]).toBeCloseTo(0.25, 1);
    expect(draws[15_000]).toBeCloseTo(0.75, 1);
    expect(jitter({ value: 1.5, jitter: 0.1 }, 0)).toBeCloseTo(1.4);
    expect(jitter({ value: 1.5, jitter: 0.1 }, 1)).toBeCloseTo(1.6);
  });
});

/** The daemon's decision under the given draws (an epoch's, fixed for the test). */
const decideWith = ({ draws, ...p }: PolicyInput & { draws: Draws }) =>
  decide(p, daemonRollPolicy(draws, section));
const urgentWith = ({ draws, ...p }: Omit<PolicyInput, "triggerSeenAt"> & { draws: Draws }) =>
  isUrgent(p, daemonRollPolicy(draws, section));

describe("decide", () => {
  const base = { now, strikeWad: from.strikeWad, maturity: from.maturity, triggerSeenAt: undefined };
  const x = (v: string) => parseWad(v);

  it("holds above the trigger, far from maturity", () => {
    expect(decideWith({ ...base, xWad: x("2300"), draws: fixed() })).toEqual({ kind: "hold" });
  });

  it("the trigger level is the draw: the same x rolls under one draw and holds under another", () => {
    const p = { ...base, xWad: x("2220"), triggerSeenAt: now - 1_000n }; // x/S = 1.48
    expect(decideWith({ ...p, draws: fixed({ trigger: 1.45 }) }).kind).toBe("hold");
    expect(decideWith({ ...p, draws: fixed({ trigger: 1.55 }) })).toEqual({
      kind: "roll",
      reason: "strike",
      urgent: false,
    });
  });

  it("waits the random delay after a trigger, then rolls", () => {
    const p = { ...base, xWad: x("2000"), draws: fixed({ delaySeconds: 600 }) };
    expect(decideWith(p)).toEqual({ kind: "delay", reason: "strike", until: now + 600n });
    expect(decideWith({ ...p, triggerSeenAt: now - 599n }).kind).toBe("delay");
    expect(decideWith({ ...p, triggerSeenAt: now - 600n })).toEqual({
      kind: "roll",
      reason: "strike",
      urgent: false,
    });
  });

  it("rolls before maturity without a price, and escalates when maturity or the strike is close", () => {
    const late = { ...base, now: from.maturity - 6n * DAY, triggerSeenAt: from.maturity - 7n * DAY };
    expect(decideWith({ ...late, xWad: undefined, draws: fixed() })).toEqual({
      kind: "roll",
      reason: "maturity",
      urgent: false,
    });
    expect(
      decideWith({ ...late, now: from.maturity - DAY / 2n, xWad: x("3000"), draws: fixed() }),
    ).toMatchObject({
      urgent: true,
    });
    expect(decideWith({ ...base, xWad: x("1700"), draws: fixed() })).toEqual({
      kind: "roll",
      reason: "strike",
      urgent: true,
    });
    expect(urgentWith({ ...base, xWad: x("1740"), draws: fixed() })).toBe(false);
  });
});

describe("target series", () => {
  const series = (strike: string, days: bigint, n: number, over: Partial<SeriesKey> = {}): Candidate => ({
    id: `0x${n.toString(16).padStart(64, "0")}`,
    key: { ...from, strikeWad: parseWad(strike), maturity: now + days * DAY, ...over },
    pToken: addr(100 + n),
    nToken: addr(200 + n),
  });
  /** The roll the planner makes at x (past the trigger and its delay), preferring `candidates`. */
  const planAt = (xWad: bigint, candidates: readonly Candidate[]) =>
    planRoll({
      policy: daemonRollPolicy(fixed(), section),
      now,
      xWad,
      holding: { strikeWad: from.strikeWad, maturity: from.maturity, amount: WAD },
      triggerSeenAt: now - DAY,
      sigma: 0.7,
      listed: { candidates, from },
    }) as RollPlan<Candidate>;
  const x = parseWad("2000");

  it("chooses the existing series closest to S' = x·fraction and now + tenor", () => {
    const candidates = [
      series("1000", 28n, 1),
      series("950", 29n, 2),
      series("1000", 60n, 3),
      series("1000", 28n, 4, { oracle: addr(9) }), // another oracle
      series("1400", 28n, 5), // too far from S'
      series("1000", 10n, 6), // too short
    ];
    expect(planAt(x, candidates).listed?.id).toBe(candidates[0]?.id);
    expect(planAt(x, candidates.slice(1)).listed?.id).toBe(candidates[1]?.id);
    expect(planAt(x, candidates.slice(3)).listed).toBeUndefined();
  });

  it("makes a new key: strike rounded down to the step, maturity aligned and past the minimum tenor", () => {
    const key: SeriesKey = { ...from, ...planAt(parseWad("2073"), []).to };
    expect(key.strikeWad).toBe(parseWad("1000")); // 1036.5 → 1000
    expect(key.maturity % DAY).toBe(0n);
    expect(key.maturity).toBeGreaterThanOrEqual(now + 14n * DAY);
    expect(key.maturity).toBeLessThanOrEqual(now + 29n * DAY);
    expect({ ...key, strikeWad: 0n, maturity: 0n }).toEqual({ ...from, strikeWad: 0n, maturity: 0n });
  });
});

describe("auction curve", () => {
  const to = { ...from, strikeWad: parseWad("1000"), maturity: from.maturity + 28n * DAY };

  it("brackets the fair ratio P_B per P_A and expires after its floor", () => {
    const rule = daemonRollPolicy(fixed({ durationFactor: 1.1 }), section).auction;
    const c = rollCurve({ from, to, xWad: parseWad("2000"), now, sigma: 0.7, rule });
    const fair = Number(c.anchorWad) / 1e18;
    expect(fair).toBeGreaterThan(1.4); // about S_A / S_B, less A's larger put discount
    expect(fair).toBeLessThan(1.5);
    expect(c.startPriceWad).toBeGreaterThan(c.anchorWad);
    expect(c.floorPriceWad).toBeLessThan(c.anchorWad);
    expect(Number(c.startPriceWad) / Number(c.anchorWad)).toBeCloseTo(1.01, 4);
    expect(Number(c.floorPriceWad) / Number(c.anchorWad)).toBeCloseTo(0.985, 4);
    expect(c.duration).toBe(95_040n);
    expect(c.halfLife).toBe(0n);
    expect(c.expiry).toBe(now + 95_040n + 3_600n);
    expect(amountOutAtRatio(10n * WAD, c.anchorWad)).toBe((10n * WAD * c.anchorWad) / WAD);
  });
});

describe("config", () => {
  const minimal = {
    core: addr(1),
    market: addr(2),
    router: addr(3),
    series: `0x${"11".repeat(32)}`,
    sources: [{ type: "csv", name: "a", file: "a.csv" }],
  };

  it("accepts the defaults, and the example config", () => {
    expect(daemonSectionSchema.safeParse(minimal).success).toBe(true);
    const example = loadConfig(
      resolve(import.meta.dirname, "../examples/daemon.json"),
      daemonConfigSchema,
      {},
    );
    expect(example.config.daemon.policy.trigger).toEqual({ value: 1.5, jitter: 0.1 });
    expect(example.config.daemon.seed).toBeUndefined(); // made at first start, kept in the state database
  });

  it("rejects jitter bands that overlap or would re-trigger at once", () => {
    const bad = daemonSectionSchema.safeParse({
      ...minimal,
      policy: {
        escalate: { value: 1.35, jitter: 0.1 },
        strikeFraction: { value: 0.65, jitter: 0.05 },
        minTenorDays: 5,
      },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(["policy.escalate", "policy.strikeFraction", "policy.minTenorDays"]),
    );
  });
});
