import { describe, expect, it } from "vitest";
import {
  assertInvariant,
  checkBalancesSumToSupply,
  checkClaimsCovered,
  checkFullyCollateralised,
  checkNoBalanceFallWithoutConsent,
  checkPayoutSum,
  checkSettlementWrittenOnce,
  checkSupplyParity,
  INVARIANTS,
  type InvariantResult,
  InvariantViolationError,
  nPayout,
  PnError,
  pPayout,
  UINT128_LIMIT,
  WAD,
} from "../src/index.ts";
import { createRng, type Rng } from "./prng.ts";

const S = 1500n * WAD;

function expectFail(result: InvariantResult, id: string): void {
  expect(result.id).toBe(id);
  expect(result.ok).toBe(false);
}

describe("each check passes on good state and fails on bad state", () => {
  it("PN-1 checkFullyCollateralised", () => {
    expect(checkFullyCollateralised({ collateral: 5n, pSupply: 5n, nSupply: 5n })).toEqual({
      id: "PN-1",
      ok: true,
    });
    expectFail(checkFullyCollateralised({ collateral: 4n, pSupply: 5n, nSupply: 5n }), "PN-1");
    expectFail(checkFullyCollateralised({ collateral: 5n, pSupply: 5n, nSupply: 6n }), "PN-1");
  });

  it("PN-2 checkClaimsCovered (BRIEF example: 10 pairs at S = 1500, x = 2500 need 10 ETH)", () => {
    const state = { pSupply: 10n * WAD, nSupply: 10n * WAD, strikeWad: S, xWad: 2500n * WAD };
    expect(checkClaimsCovered({ ...state, collateral: 10n * WAD }).ok).toBe(true);
    expectFail(checkClaimsCovered({ ...state, collateral: 10n * WAD - 1n }), "PN-2");
    // Only P left, x = 2500: P claims 0.6 per unit.
    const onlyP = { pSupply: 10n * WAD, nSupply: 0n, strikeWad: S, xWad: 2500n * WAD };
    expect(checkClaimsCovered({ ...onlyP, collateral: 6n * WAD }).ok).toBe(true);
    expectFail(checkClaimsCovered({ ...onlyP, collateral: 6n * WAD - 1n }), "PN-2");
  });

  it("PN-3 checkSupplyParity", () => {
    expect(checkSupplyParity({ pSupply: 7n, nSupply: 7n }).ok).toBe(true);
    expectFail(checkSupplyParity({ pSupply: 7n, nSupply: 6n }), "PN-3");
  });

  it("PN-4 checkPayoutSum on this package's payouts and on observed ones", () => {
    expect(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n }).ok).toBe(true);
    expect(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n, pPaid: 3n, nPaid: 6n }).ok).toBe(true);
    expectFail(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n, pPaid: 4n, nPaid: 6n }), "PN-4"); // P rounds up
    expectFail(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n, pPaid: 3n, nPaid: 7n }), "PN-4"); // N rounds up
    expectFail(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n, pPaid: 2n, nPaid: 6n }), "PN-4"); // 2 wei dust
    expectFail(checkPayoutSum({ amount: 10n, strikeWad: 1n, xWad: 3n, pPaid: -1n, nPaid: 6n }), "PN-4");
  });

  it("PN-5 checkSettlementWrittenOnce", () => {
    expect(checkSettlementWrittenOnce({ before: 0n, after: 0n }).ok).toBe(true);
    expect(checkSettlementWrittenOnce({ before: 0n, after: 2500n * WAD }).ok).toBe(true);
    expect(checkSettlementWrittenOnce({ before: 2500n * WAD, after: 2500n * WAD }).ok).toBe(true);
    expectFail(checkSettlementWrittenOnce({ before: 2500n * WAD, after: 2501n * WAD }), "PN-5");
    expectFail(checkSettlementWrittenOnce({ before: 2500n * WAD, after: 0n }), "PN-5");
  });

  it("PN-6 checkNoBalanceFallWithoutConsent", () => {
    expect(checkNoBalanceFallWithoutConsent({ before: 5n, after: 6n, byHolderOrSpender: false }).ok).toBe(
      true,
    );
    expect(checkNoBalanceFallWithoutConsent({ before: 5n, after: 4n, byHolderOrSpender: true }).ok).toBe(
      true,
    );
    expectFail(checkNoBalanceFallWithoutConsent({ before: 5n, after: 4n, byHolderOrSpender: false }), "PN-6");
  });

  it("PN-7 checkBalancesSumToSupply", () => {
    expect(checkBalancesSumToSupply({ balances: [1n, 2n, 3n], supply: 6n }).ok).toBe(true);
    expect(checkBalancesSumToSupply({ balances: [], supply: 0n }).ok).toBe(true);
    expectFail(checkBalancesSumToSupply({ balances: [1n, 2n], supply: 4n }), "PN-7");
  });
});

describe("assertInvariant", () => {
  it("does nothing on success and throws InvariantViolationError naming the ID on failure", () => {
    expect(() => assertInvariant(checkSupplyParity({ pSupply: 1n, nSupply: 1n }))).not.toThrow();
    let caught: unknown;
    try {
      assertInvariant(checkSupplyParity({ pSupply: 1n, nSupply: 2n }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantViolationError);
    expect(caught).toBeInstanceOf(PnError);
    if (!(caught instanceof InvariantViolationError)) return;
    expect(caught.id).toBe("PN-3");
    expect(caught.shortMessage).toBe("Invariant PN-3 violated: pSupply 1 != nSupply 2");
    expect(caught.message).toContain(INVARIANTS["PN-3"]);
  });
});

describe("PN-4 over random pairs (seeded)", () => {
  it("holds for 5,000 random (amount, S, x) below 2^128", () => {
    const rng = createRng(4n);
    for (let i = 0; i < 5_000; i++) {
      const amount = rng.edgy(UINT128_LIMIT);
      const strikeWad = rng.edgy(UINT128_LIMIT);
      const xWad = 1n + rng.edgy(UINT128_LIMIT - 1n);
      expect(checkPayoutSum({ amount, strikeWad, xWad })).toEqual({ id: "PN-4", ok: true });
    }
  });
});

// A ghost model of one series: random splits, merges, transfers, one settlement, then redemptions. Every invariant
// is checked after every step, as the Solidity invariant suite does against the real core.
type Ledger = { p: bigint[]; n: bigint[]; collateral: bigint; xWad: bigint };

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

function minBig(a: bigint, b: bigint): bigint {
  if (a <= b) return a;
  return b;
}

function at(xs: bigint[], i: number): bigint {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`no holder ${i}`);
  return v;
}

/** Applies one random action to the ledger and returns its name. */
function step(rng: Rng, l: Ledger, strikeWad: bigint): string {
  const who = Number(rng.below(BigInt(l.p.length)));
  const action = rng.pick(l.xWad === 0n ? ["split", "merge", "transfer"] : ["merge", "redeem", "transfer"]);
  if (action === "split") {
    const amount = rng.below(1_000n * WAD);
    l.p[who] = at(l.p, who) + amount;
    l.n[who] = at(l.n, who) + amount;
    l.collateral += amount;
  } else if (action === "merge") {
    const amount = rng.below(1n + minBig(at(l.p, who), at(l.n, who)));
    l.p[who] = at(l.p, who) - amount;
    l.n[who] = at(l.n, who) - amount;
    l.collateral -= amount;
  } else if (action === "transfer") {
    const to = Number(rng.below(BigInt(l.p.length)));
    const amount = rng.below(1n + at(l.p, who));
    l.p[who] = at(l.p, who) - amount;
    l.p[to] = at(l.p, to) + amount;
  } else {
    const pAmount = rng.below(1n + at(l.p, who));
    const nAmount = rng.below(1n + at(l.n, who));
    l.p[who] = at(l.p, who) - pAmount;
    l.n[who] = at(l.n, who) - nAmount;
    l.collateral -= pPayout(pAmount, strikeWad, l.xWad) + nPayout(nAmount, strikeWad, l.xWad);
  }
  return action;
}

function checkAll(l: Ledger, strikeWad: bigint, redeemed: boolean): InvariantResult[] {
  const pSupply = sum(l.p);
  const nSupply = sum(l.n);
  const results = [checkBalancesSumToSupply({ balances: l.p, supply: pSupply })];
  if (!redeemed) results.push(checkSupplyParity({ pSupply, nSupply }));
  if (l.xWad === 0n) results.push(checkFullyCollateralised({ collateral: l.collateral, pSupply, nSupply }));
  else
    results.push(checkClaimsCovered({ collateral: l.collateral, pSupply, nSupply, strikeWad, xWad: l.xWad }));
  return results;
}

describe("ghost ledger: PN-1, PN-2, PN-3, PN-7 hold along random histories (seeded)", () => {
  it("holds over 200 histories of 60 steps", () => {
    const rng = createRng(0xc0ffeen);
    for (let run = 0; run < 200; run++) {
      const strikeWad = 1n + rng.edgy(10_000n * WAD);
      const ledger: Ledger = { p: [0n, 0n, 0n], n: [0n, 0n, 0n], collateral: 0n, xWad: 0n };
      let redeemed = false;
      for (let i = 0; i < 60; i++) {
        if (i === 30) ledger.xWad = 1n + rng.edgy(20_000n * WAD); // settle once, half way
        if (step(rng, ledger, strikeWad) === "redeem") redeemed = true;
        for (const result of checkAll(ledger, strikeWad, redeemed)) assertInvariant(result);
        expect(ledger.collateral >= 0n).toBe(true);
      }
    }
  });
});
