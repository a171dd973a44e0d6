// Known values of the roll planner (src/roll): the vault's grid, price and reward math (VaultMath.sol), the
// trigger rules and their order, the target series, the curve, planRoll, the vault's previewTrigger mirror, and
// the float rules the simulator runs. Laws over sampled inputs are in roll.properties.test.ts.

import { describe, expect, it } from "vitest";
import {
  decideRoll,
  InvalidRollPolicyError,
  nextMaturity,
  planRoll,
  previewTrigger,
  previousMaturity,
  type RollPolicy,
  RollPriceRequiredError,
  rollCurve,
  rollReason,
  rollReasonFloat,
  rollRefWad,
  roundDownSignificant,
  saleRefWad,
  strikeGridDown,
  strikeStepDown,
  targetMaturity,
  targetSeriesFloat,
  targetStrikeWad,
  VAULT_ROLL_REASON,
  VaultMath,
  VaultRollError,
  type VaultRollRules,
  validateRollPolicy,
  vaultRollPolicy,
} from "../src/index.ts";

const E18 = 10n ** 18n;
const DAY = 86_400n;
const w = (units: number) => BigInt(Math.round(units * 1e6)) * 10n ** 12n;

/** PNVault's documented defaults (docs/vault.md), on a Friday 08:00 UTC weekly grid. */
const RULES: VaultRollRules = {
  strikeFractionBps: 5_000n,
  strikeSigFigs: 2n,
  minStrikeStepBps: 5_000n,
  maxRefAge: DAY,
  triggerBps: 15_000n,
  minRollInterval: 3n * DAY,
  tenor: 28n * DAY,
  maturityOrigin: 1_704_441_600n, // 2024-01-05 08:00 UTC, a Friday
  maturityPeriod: 7n * DAY,
  rollLead: 7n * DAY,
  auctionDuration: DAY,
  auctionHalfLife: 0n,
  auctionPatience: DAY,
  rollStartBps: 10_200n,
  rollFloorBps: 9_800n,
  rewardBps: 1n,
  rewardCap: 10n ** 16n,
};

describe("VaultMath mirror", () => {
  it("rounds strikes down to significant digits of the WAD integer", () => {
    expect(strikeGridDown(w(171.71), 2n)).toBe(w(170));
    expect(strikeGridDown(w(85.85), 2n)).toBe(w(85));
    expect(strikeGridDown(0n, 2n)).toBe(0n);
    expect(strikeGridDown(123n, 5n)).toBe(123n);
    expect(strikeStepDown(w(1036.5), w(50))).toBe(w(1000));
    expect(strikeStepDown(w(30), w(50))).toBe(w(30));
  });

  it("puts maturities on the grid origin + n · period, n ≥ 0", () => {
    const o = RULES.maturityOrigin;
    expect(nextMaturity(o - 5n, o, 7n * DAY)).toBe(o);
    expect(nextMaturity(o, o, 7n * DAY)).toBe(o);
    expect(nextMaturity(o + 1n, o, 7n * DAY)).toBe(o + 7n * DAY);
    expect(previousMaturity(o + 7n * DAY - 1n, { origin: o, period: 7n * DAY })).toBe(o);
  });

  it("prices the roll at the strike ratio and the sale at (x − S)/S, rounded up", () => {
    expect(rollRefWad(w(1500), w(1000))).toBe(w(1.5));
    expect(rollRefWad(E18, 3n * E18)).toBe(333_333_333_333_333_334n);
    expect(saleRefWad(w(3000), w(1000))).toBe(2n * E18);
    expect(VaultMath.curve(w(1.5), 10_200n, 9_800n)).toEqual({ startWad: w(1.53), floorWad: w(1.47) });
    expect(VaultMath.curve(0n, 10_200n, 9_800n)).toEqual({ startWad: 2n, floorWad: 1n });
    expect(VaultMath.curve(3n, 10_000n, 10_000n)).toEqual({ startWad: 4n, floorWad: 3n });
  });

  it("pays min(amount · bps / 1e4, cap), rounded down", () => {
    expect(VaultMath.reward(E18, 1n, E18)).toBe(10n ** 14n);
    expect(VaultMath.reward(9_999n, 1n, E18)).toBe(0n);
    expect(VaultMath.reward(10n ** 30n, 100n, 7n)).toBe(7n);
  });
});

describe("trigger", () => {
  const levels = { triggerWad: w(1.5), leadSeconds: 7n * DAY };
  const held = { now: 100n * DAY, strikeWad: w(1000), maturity: 120n * DAY };

  it("checks matured, then the price, then the schedule", () => {
    expect(rollReason({ ...held, xWad: w(1600) }, levels)).toBeUndefined();
    expect(rollReason({ ...held, xWad: w(1499.99) }, levels)).toBe("price");
    expect(rollReason({ ...held, xWad: w(1500) }, levels)).toBeUndefined();
    expect(rollReason({ ...held, now: 113n * DAY, xWad: undefined }, levels)).toBe("schedule");
    expect(rollReason({ ...held, now: 113n * DAY - 1n, xWad: undefined }, levels)).toBeUndefined();
    expect(rollReason({ ...held, now: 120n * DAY, xWad: w(1) }, levels)).toBe("matured");
  });

  it("rate-limits the price trigger after a roll, never the schedule", () => {
    const p = { ...held, xWad: w(1400), lastRollAt: 99n * DAY };
    expect(rollReason(p, levels, 3n * DAY)).toBeUndefined();
    expect(rollReason({ ...p, now: 102n * DAY }, levels, 3n * DAY)).toBe("price");
    expect(rollReason({ ...p, now: 114n * DAY }, levels, 30n * DAY)).toBe("schedule");
  });

  it("waits the delay after the trigger unless urgent", () => {
    const policy = {
      trigger: levels,
      escalation: { triggerWad: w(1.15), leadSeconds: DAY },
      delaySeconds: 600n,
    };
    const p = { ...held, xWad: w(1400) };
    expect(decideRoll(p, policy)).toEqual({ kind: "delay", reason: "price", until: held.now + 600n });
    expect(decideRoll({ ...p, triggerSeenAt: held.now - 600n }, policy)).toEqual({
      kind: "roll",
      reason: "price",
      urgent: false,
    });
    expect(decideRoll({ ...p, xWad: w(1100) }, policy)).toEqual({
      kind: "roll",
      reason: "price",
      urgent: true,
    });
    expect(decideRoll({ ...p, xWad: w(2000) }, policy)).toEqual({ kind: "hold" });
  });

  it("has a float form with the same rules", () => {
    const f = { now: 100, strike: 1000, maturity: 120 };
    const lv = { triggerMultiple: 1.5, leadSeconds: 7 };
    expect(rollReasonFloat({ ...f, x: 1499 }, lv)).toBe("price");
    expect(rollReasonFloat({ ...f, x: 1500 }, lv)).toBeUndefined();
    expect(rollReasonFloat({ ...f, now: 113, x: 2000 }, lv)).toBe("schedule");
    expect(rollReasonFloat({ ...f, now: 120, x: 1 }, lv)).toBe("matured");
  });
});

describe("target", () => {
  const rule = vaultRollPolicy(RULES).strike;

  it("strikes k · x down on the grid, never above the current one (vault) nor below its min step", () => {
    expect(targetStrikeWad({ xWad: w(2345), strikeWad: w(2000), rule })).toBe(w(1100));
    expect(targetStrikeWad({ xWad: w(5000), strikeWad: w(2000), rule })).toBe(w(2000));
    expect(targetStrikeWad({ xWad: undefined, strikeWad: w(2000), rule })).toBe(w(2000));
    expect(targetStrikeWad({ xWad: w(1000), strikeWad: w(2000), rule })).toBe(w(1000));
    expect(targetStrikeWad({ xWad: w(10), strikeWad: w(2000), rule })).toBe(w(1000));
    const free = { ...rule, lowerOnly: false };
    expect(targetStrikeWad({ xWad: w(5000), strikeWad: w(2000), rule: free })).toBe(w(2500));
  });

  it("matures on the grid at least the tenor ahead (up) or at the aim rounded down, after the current one", () => {
    const grid = { origin: 0n, period: DAY };
    const now = 100n * DAY + 5n;
    const up = { tenorSeconds: 28n * DAY, aim: "up" as const, grid };
    expect(targetMaturity({ now, maturity: undefined, rule: up })).toBe(129n * DAY);
    const down = { ...up, aim: "down" as const, minTenorSeconds: 14n * DAY };
    expect(targetMaturity({ now, maturity: undefined, rule: down })).toBe(128n * DAY);
    expect(targetMaturity({ now, maturity: 140n * DAY, rule: down })).toBe(141n * DAY);
  });

  it("has a float form (the simulator's 3-figure strikes at 08:00 UTC)", () => {
    const t0 = 1_704_067_200;
    const grid = { origin: 8 * 3600, period: 86_400 };
    const p = { now: t0, x: 2345.6, strikeFraction: 0.5, sigFigs: 3, tenorSeconds: 28 * 86_400, grid };
    expect(targetSeriesFloat(p)).toEqual({ strike: 1170, maturity: t0 + 28 * 86_400 + 8 * 3600 });
    expect(roundDownSignificant(0.04567, 2)).toBe(0.045);
    expect(roundDownSignificant(1500, 3)).toBe(1500);
  });
});

describe("planRoll", () => {
  const policy = vaultRollPolicy(RULES);
  const now = RULES.maturityOrigin + 10n * DAY;
  const holding = { strikeWad: w(1000), maturity: RULES.maturityOrigin + 28n * DAY, amount: 100n * E18 };

  it("holds above the trigger, and rolls below it with the vault's target, reward, curve and limit", () => {
    expect(planRoll({ policy, now, xWad: w(1600), holding })).toEqual({ kind: "hold" });
    const plan = planRoll({ policy, now, xWad: w(1400), holding });
    expect(plan).toMatchObject({
      kind: "roll",
      reason: "price",
      urgent: false,
      amount: 100n * E18 - 10n ** 16n,
    });
    if (plan.kind !== "roll") return;
    expect(plan.to).toEqual({ strikeWad: w(700), maturity: RULES.maturityOrigin + 42n * DAY });
    expect(plan.reward).toBe(10n ** 16n);
    expect(plan.curve.anchorWad).toBe(rollRefWad(w(1000), w(700)));
    expect(plan.curve.expiry).toBe(now + 2n * DAY);
    expect(plan.limit).toBe((plan.amount * plan.curve.floorPriceWad) / E18);
  });

  it("needs a price and a volatility for a fair-ratio curve", () => {
    const fair: RollPolicy = { ...policy, auction: { ...policy.auction, anchor: "fairRatio" } };
    const late = RULES.maturityOrigin + 22n * DAY;
    expect(() => planRoll({ policy: fair, now: late, xWad: undefined, holding })).toThrow(
      RollPriceRequiredError,
    );
    const plan = planRoll({ policy: fair, now: late, xWad: w(3000), holding, sigma: 0.7 });
    expect(plan.kind === "roll" && plan.curve.anchorWad > 0n).toBe(true);
  });

  it("validates a policy, naming the field to fix", () => {
    expect(validateRollPolicy(policy)).toBe(policy);
    const bad = { ...policy, strike: { ...policy.strike, fractionWad: w(0.8) } };
    expect(() => validateRollPolicy(bad)).toThrow(InvalidRollPolicyError);
    expect(() => validateRollPolicy(bad)).toThrow(/strike.fractionWad/);
  });
});

describe("previewTrigger (the vault's _plan)", () => {
  const state = {
    strikeWad: w(1000),
    maturity: RULES.maturityOrigin + 28n * DAY,
    lastRollAt: RULES.maturityOrigin,
    phase: 0,
  };
  const base = { rules: RULES, state, held: 100n * E18, refTimestamp: 0n };

  it("plans a signal roll and a scheduled roll", () => {
    const signal = previewTrigger({ ...base, hintWad: w(1400), now: state.maturity - 18n * DAY });
    expect(signal).toEqual({
      plan: {
        reason: VAULT_ROLL_REASON.Signal,
        strikeWad: w(700),
        maturity: RULES.maturityOrigin + 42n * DAY,
        amount: 100n * E18 - 10n ** 16n,
        reward: 10n ** 16n,
        startPriceWad: 1_457_142_857_142_857_144n,
        floorPriceWad: 1_400_000_000_000_000_001n,
        deadline: state.maturity - 16n * DAY,
      },
    });
    const scheduled = previewTrigger({ ...base, hintWad: 0n, now: state.maturity - DAY });
    expect(scheduled).toMatchObject({ plan: { reason: VAULT_ROLL_REASON.Scheduled, strikeWad: w(1000) } });
    expect("plan" in scheduled && scheduled.plan.deadline).toBe(state.maturity);
  });

  it("refuses as the vault does, with its error names and arguments", () => {
    const now = state.maturity - 18n * DAY;
    const error = (p: Parameters<typeof previewTrigger>[0]) => {
      const r = previewTrigger(p);
      return "error" in r ? [r.error.errorName, ...r.error.args] : undefined;
    };
    expect(error({ ...base, hintWad: 0n, now })).toEqual([
      "RollNotDue",
      state.maturity - 7n * DAY,
      w(1500),
      0n,
    ]);
    expect(error({ ...base, hintWad: w(1400), now: RULES.maturityOrigin + DAY })).toEqual([
      "RollRateLimited",
      RULES.maturityOrigin + 3n * DAY,
    ]);
    expect(error({ ...base, state: { ...state, phase: 1 }, hintWad: 0n, now })).toEqual(["NotHolding", 1n]);
    expect(error({ ...base, hintWad: 0n, now: state.maturity })).toEqual([
      "SeriesMatured",
      state.maturity,
      state.maturity,
    ]);
    expect(error({ ...base, hintWad: w(1400), refTimestamp: now - 1n, now })).toEqual([
      "ReferenceNotAllowed",
      now - 1n,
    ]);
    const late = state.maturity - DAY;
    expect(error({ ...base, hintWad: 0n, refTimestamp: late - 2n * DAY, now: late })).toEqual([
      "ReferenceTooOld",
      late - 2n * DAY,
      late,
      DAY,
    ]);
    expect(error({ ...base, hintWad: 0n, refTimestamp: late - 1n, now: late })).toEqual([
      "ReferenceNotFinal",
      late - 1n,
    ]);
    const r = previewTrigger({ ...base, hintWad: 0n, now });
    expect("error" in r && r.error instanceof VaultRollError && r.error.contractError).toBe("RollNotDue");
  });

  it("raises the strike only from a final reference on a scheduled roll", () => {
    const late = state.maturity - DAY;
    const reference = { isFinal: true, xWad: w(5000) };
    const raised = previewTrigger({ ...base, hintWad: 0n, refTimestamp: late - 1n, reference, now: late });
    expect(raised).toMatchObject({ plan: { strikeWad: w(2500) } });
    const capped = previewTrigger({
      ...base,
      hintWad: w(3000),
      refTimestamp: late - 1n,
      reference,
      now: late,
    });
    expect(capped).toMatchObject({ plan: { strikeWad: w(1500) } });
  });
});

describe("rollCurve", () => {
  it("shortens the duration to end by the expiry and drops a half-life not below it", () => {
    const rule = { ...vaultRollPolicy({ ...RULES, auctionHalfLife: 7_200n }).auction };
    const from = { strikeWad: w(1000), maturity: 10_000n };
    const c = rollCurve({ from, to: { strikeWad: w(500), maturity: 20_000n }, now: 5_000n, rule });
    expect(c).toMatchObject({ anchorWad: w(2), expiry: 10_000n, duration: 5_000n, halfLife: 0n });
  });
});
