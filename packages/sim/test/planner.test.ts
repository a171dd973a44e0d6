import { describe, expect, it } from "vitest";
import {
  createRng,
  DAEMON_JITTERED,
  drawThresholds,
  InvalidParameterError,
  POST_RULE,
  planRoll,
  roundDownSignificant,
  SHORT_TENOR,
  TRACKER_28D,
  targetSeries,
  validatePolicy,
} from "../src/index.ts";

const DAY = 86_400;
const t0 = Date.parse("2024-01-01T00:00:00Z") / 1000;
const marks = (x: number, t = t0) => ({ t, x, sigma: 0.8 });

describe("roll planner", () => {
  it("opens at S = x/2 on a 3-figure grid, maturing at 08:00 UTC after the tenor", () => {
    const decision = planRoll({ holding: undefined, marks: marks(2345.6), policy: TRACKER_28D });
    expect(decision).toEqual({
      action: "open",
      reason: "no-position",
      target: { strike: 1170, maturity: t0 + 28 * DAY + 8 * 3600 },
    });
    expect(targetSeries({ x: 2500, t: t0, policy: SHORT_TENOR }).strike).toBe(1500);
  });

  it("rolls on the price trigger x < 1.5·S into S' = x/2", () => {
    const holding = { strike: 1000, maturity: t0 + 20 * DAY, quantity: 1 };
    expect(planRoll({ holding, marks: marks(1501), policy: TRACKER_28D })).toEqual({ action: "hold" });
    const roll = planRoll({ holding, marks: marks(1499), policy: TRACKER_28D });
    expect(roll).toMatchObject({ action: "roll", reason: "price-trigger", target: { strike: 749 } });
  });

  it("rolls on time: under 7 days left for the 28-day rules, under 30 for the post's", () => {
    const holding = { strike: 1000, maturity: t0 + 6.9 * DAY, quantity: 1 };
    expect(planRoll({ holding, marks: marks(3000), policy: TRACKER_28D })).toMatchObject({
      reason: "time-trigger",
    });
    const later = { ...holding, maturity: t0 + 29 * DAY };
    expect(planRoll({ holding: later, marks: marks(3000), policy: POST_RULE })).toMatchObject({
      reason: "time-trigger",
    });
    expect(planRoll({ holding: later, marks: marks(3000), policy: TRACKER_28D })).toEqual({ action: "hold" });
    expect(
      planRoll({ holding: { ...holding, maturity: t0 }, marks: marks(3000), policy: TRACKER_28D }),
    ).toMatchObject({ reason: "matured" });
  });

  it("uses a daemon's private thresholds when given", () => {
    const holding = { strike: 1000, maturity: t0 + 20 * DAY, quantity: 1 };
    const thresholds = { triggerMultiple: 1.4, rollLeadDays: 5, strikeFraction: 0.45, delaySeconds: 0 };
    expect(planRoll({ holding, marks: marks(1450), policy: TRACKER_28D, thresholds })).toEqual({
      action: "hold",
    });
    expect(planRoll({ holding, marks: marks(1390), policy: TRACKER_28D, thresholds })).toMatchObject({
      target: { strike: 625 },
    });
  });

  it("draws jittered thresholds deterministically within their bounds", () => {
    const a = drawThresholds(DAEMON_JITTERED, createRng(5));
    expect(drawThresholds(DAEMON_JITTERED, createRng(5))).toEqual(a);
    for (let seed = 0; seed < 200; seed++) {
      const t = drawThresholds(DAEMON_JITTERED, createRng(seed));
      expect(t.triggerMultiple).toBeGreaterThanOrEqual(1.5 * 0.95 - 1e-12);
      expect(t.triggerMultiple * t.strikeFraction).toBeLessThan(1);
      expect(Math.abs(t.rollLeadDays - 7)).toBeLessThanOrEqual(2);
      expect(t.delaySeconds).toBeLessThanOrEqual(6 * 3600);
    }
    expect(drawThresholds(TRACKER_28D, createRng(5)).delaySeconds).toBe(0);
  });

  it("rejects policies that would re-trigger or hold to maturity", () => {
    expect(() => validatePolicy({ ...TRACKER_28D, triggerMultiple: 2.5 })).toThrow(InvalidParameterError);
    expect(() => validatePolicy({ ...TRACKER_28D, tenorDays: 5 })).toThrow(/tenorDays = 5/);
    expect(() => validatePolicy({ ...TRACKER_28D, strikeFraction: 1.2 })).toThrow(/strikeFraction/);
  });

  it("rounds strikes down to significant figures", () => {
    expect(roundDownSignificant(1234.5, 3)).toBe(1230);
    expect(roundDownSignificant(0.04567, 2)).toBe(0.045);
    expect(roundDownSignificant(1500, 3)).toBe(1500);
  });
});
