// Laws of the roll planner over sampled inputs (fast-check, fixed seed): targets land on their grids, within their
// bounds; curves start above their floors; a hold is exactly "no trigger"; the float rules the simulator runs agree
// with the bigint rules; and every vault plan keeps the vault's invariants. Known values are in roll.test.ts.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  curveAround,
  decideRoll,
  nextMaturity,
  previewTrigger,
  rollReason,
  rollReasonFloat,
  roundDownSignificant,
  strikeFloorWad,
  strikeGridDown,
  strikeOnGrid,
  targetMaturity,
  targetStrikeWad,
  type VaultRollRules,
  vaultRollPolicy,
} from "../src/index.ts";

fc.configureGlobal({ seed: 0x5eed_2026, numRuns: 1_000 });

const E18 = 10n ** 18n;
const DAY = 86_400n;
const wad = fc.bigInt({ min: 1n, max: 10n ** 24n });
const fraction = fc.bigInt({ min: 10n ** 15n, max: E18 - 1n });
const grid = fc.oneof(
  fc.record({ sigFigs: fc.bigInt({ min: 1n, max: 38n }) }),
  fc.record({ stepWad: fc.bigInt({ min: 1n, max: 10n ** 21n }) }),
);

describe("target strike", () => {
  it("is on the grid and at most fraction · x, without a floor or a cap", () => {
    fc.assert(
      fc.property(wad, wad, fraction, grid, (xWad, strikeWad, fractionWad, g) => {
        const s = targetStrikeWad({ xWad, strikeWad, rule: { fractionWad, grid: g } });
        const raw = (xWad * fractionWad) / E18;
        if (raw === 0n) return s === strikeWad;
        return s <= raw && strikeOnGrid(s, g) === s && s > 0n;
      }),
    );
  });

  it("never goes below the previous strike's min step, nor above it when lower-only", () => {
    fc.assert(
      fc.property(wad, wad, fraction, grid, fraction, (xWad, strikeWad, fractionWad, g, minStepWad) => {
        const rule = { fractionWad, grid: g, minStepWad, lowerOnly: true };
        const s = targetStrikeWad({ xWad, strikeWad, rule });
        return s >= strikeFloorWad(strikeWad, rule) && s <= strikeWad;
      }),
    );
  });

  it("rounds like the simulator's float rule on whole index units", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 8 }), (v, digits) => {
        const exact = strikeGridDown(BigInt(v) * E18, BigInt(digits));
        return Number(exact / E18) === roundDownSignificant(v, digits);
      }),
    );
  });
});

describe("target maturity", () => {
  const rule = fc.record({
    tenorSeconds: fc.bigInt({ min: 1n, max: 400n * DAY }),
    aim: fc.constantFrom("up" as const, "down" as const),
    minTenorSeconds: fc.option(fc.bigInt({ min: 0n, max: 400n * DAY }), { nil: undefined }),
    grid: fc.record({
      origin: fc.bigInt({ min: 1_700_000_000n, max: 1_800_000_000n }),
      period: fc.bigInt({ min: 1n, max: 60n * DAY }),
    }),
  });
  const time = fc.bigInt({ min: 1_690_000_000n, max: 1_900_000_000n });

  it("is on the grid, at least the minimum tenor ahead and after the current maturity", () => {
    fc.assert(
      fc.property(rule, time, fc.option(time, { nil: undefined }), (r, now, maturity) => {
        const { minTenorSeconds, ...rest } = r;
        const m = targetMaturity({
          now,
          maturity,
          rule: minTenorSeconds === undefined ? rest : { ...rest, minTenorSeconds },
        });
        const onGrid = m >= r.grid.origin && (m - r.grid.origin) % r.grid.period === 0n;
        const ahead =
          m >= now + (minTenorSeconds ?? r.tenorSeconds) && (maturity === undefined || m > maturity);
        return onGrid && ahead;
      }),
    );
  });

  it("rounding up, is the first such grid date (the vault's nextMaturity)", () => {
    fc.assert(
      fc.property(rule, time, time, (r, now, maturity) => {
        const up = { tenorSeconds: r.tenorSeconds, aim: "up" as const, grid: r.grid };
        const m = targetMaturity({ now, maturity, rule: up });
        const earliest = now + r.tenorSeconds > maturity + 1n ? now + r.tenorSeconds : maturity + 1n;
        return m === nextMaturity(earliest, r.grid.origin, r.grid.period);
      }),
    );
  });
});

describe("curve", () => {
  it("starts strictly above a floor of at least 1, each at least its multiple of the anchor", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 10n * E18 }),
        fc.bigInt({ min: 0n, max: 10n * E18 }),
        (ref, a, b) => {
          const { startWad, floorWad } = curveAround(ref, a, b);
          return (
            floorWad >= 1n && startWad > floorWad && startWad * E18 >= ref * a && floorWad * E18 >= ref * b
          );
        },
      ),
    );
  });
});

describe("trigger", () => {
  const input = fc.record({
    now: fc.bigInt({ min: 0n, max: 10n ** 6n }),
    xWad: fc.option(fc.bigInt({ min: 1n, max: 10n ** 6n }), { nil: undefined }),
    strikeWad: fc.bigInt({ min: 1n, max: 10n ** 6n }),
    maturity: fc.bigInt({ min: 0n, max: 10n ** 6n }),
  });
  const quarter = fc.bigInt({ min: 5n, max: 12n }); // trigger multiples k/4: exact in floating point
  const lead = fc.bigInt({ min: 0n, max: 10n ** 5n });

  it("holds exactly when no rule triggers", () => {
    fc.assert(
      fc.property(input, quarter, lead, fc.bigInt({ min: 0n, max: 10_000n }), (p, k, leadSeconds, delay) => {
        const trigger = { triggerWad: (k * E18) / 4n, leadSeconds };
        const decision = decideRoll(p, { trigger, delaySeconds: delay });
        return (decision.kind === "hold") === (rollReason(p, trigger) === undefined);
      }),
    );
  });

  it("the simulator's float form agrees with the bigint rules", () => {
    fc.assert(
      fc.property(input, quarter, lead, (p, k, leadSeconds) => {
        if (p.xWad === undefined) return true;
        const exact = rollReason(p, { triggerWad: (k * E18) / 4n, leadSeconds });
        const float = rollReasonFloat(
          {
            now: Number(p.now),
            x: Number(p.xWad),
            strike: Number(p.strikeWad),
            maturity: Number(p.maturity),
          },
          { triggerMultiple: Number(k) / 4, leadSeconds: Number(leadSeconds) },
        );
        return exact === float;
      }),
    );
  });
});

describe("vault plans", () => {
  const rules: fc.Arbitrary<VaultRollRules> = fc
    .record({
      strikeFractionBps: fc.bigInt({ min: 1n, max: 9_999n }),
      strikeSigFigs: fc.bigInt({ min: 1n, max: 38n }),
      minStrikeStepBps: fc.bigInt({ min: 1n, max: 9_999n }),
      maxRefAge: fc.bigInt({ min: 0n, max: 30n * DAY }),
      minRollInterval: fc.bigInt({ min: 1n, max: 365n * DAY }),
      tenor: fc.bigInt({ min: 2n, max: 5n * 365n * DAY }),
      maturityOrigin: fc.bigInt({ min: 0n, max: 2_000_000_000n }),
      maturityPeriod: fc.bigInt({ min: 1n, max: 365n * DAY }),
      auctionDuration: fc.bigInt({ min: 1n, max: 10n * DAY }),
      auctionPatience: fc.bigInt({ min: 0n, max: 10n * DAY }),
      rollFloorBps: fc.bigInt({ min: 1n, max: 99_999n }),
      rewardBps: fc.bigInt({ min: 0n, max: 100n }),
      rewardCap: fc.bigInt({ min: 0n, max: 10n ** 30n }),
    })
    .chain((r) =>
      fc
        .record({
          triggerBps: fc.bigInt({ min: 10_001n, max: (10n ** 8n - 1n) / r.strikeFractionBps }),
          rollLead: fc.bigInt({ min: 1n, max: r.tenor - 1n }),
          auctionHalfLife: fc.bigInt({ min: 0n, max: r.auctionDuration - 1n }),
          rollStartBps: fc.bigInt({ min: r.rollFloorBps + 1n, max: 100_000n }),
        })
        .map((more) => ({ ...r, ...more })),
    )
    .filter((r) => r.triggerBps <= 100_000n);

  it("keep the vault's invariants: strike within [floor, S], grid maturity after M, amount + reward = held", () => {
    let planned = 0;
    fc.assert(
      fc.property(
        rules,
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.bigInt({ min: 1_700_000_000n, max: 2_100_000_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 10n ** 31n }),
        fc.bigInt({ min: 0n, max: 400n * DAY }),
        (r, strikeWad, maturity, held, hintWad, before) => {
          const state = { strikeWad, maturity, lastRollAt: 0n, phase: 0 };
          const result = previewTrigger({
            rules: r,
            state,
            held,
            hintWad,
            refTimestamp: 0n,
            now: maturity - before,
          });
          if (!("plan" in result)) return true;
          const { plan } = result;
          planned++;
          const floor = strikeFloorWad(strikeWad, vaultRollPolicy(r).strike);
          const strikeOk =
            plan.strikeWad <= strikeWad && (plan.strikeWad >= floor || plan.strikeWad === strikeWad);
          const m = plan.maturity;
          const gridOk =
            m > maturity && m >= r.maturityOrigin && (m - r.maturityOrigin) % r.maturityPeriod === 0n;
          const curveOk = plan.startPriceWad > plan.floorPriceWad && plan.floorPriceWad > 0n;
          return (
            strikeOk && gridOk && curveOk && plan.amount + plan.reward === held && plan.deadline <= maturity
          );
        },
      ),
      { numRuns: 500 },
    );
    expect(planned).toBeGreaterThan(100);
  });
});
