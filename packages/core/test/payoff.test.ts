import { describe, expect, it } from "vitest";
import {
  AmountOutOfRangeError,
  InvalidSettlementValueError,
  nPayout,
  PnError,
  pPayout,
  redeemPayout,
  StrikeOutOfRangeError,
  UINT128_LIMIT,
  WAD,
} from "../src/index.ts";
import { createRng } from "./prng.ts";

const MAX = UINT128_LIMIT - 1n;

describe("worked example (BRIEF §2)", () => {
  const S = 1500n * WAD;

  it("x = 1200 < S: P pays the whole unit, N pays nothing", () => {
    expect(pPayout(WAD, S, 1200n * WAD)).toBe(WAD);
    expect(nPayout(WAD, S, 1200n * WAD)).toBe(0n);
  });

  it("x = 2500 > S: P pays 0.6, N pays 0.4 per unit", () => {
    expect(pPayout(WAD, S, 2500n * WAD)).toBe((6n * WAD) / 10n);
    expect(nPayout(WAD, S, 2500n * WAD)).toBe((4n * WAD) / 10n);
  });

  it("x = S exactly: P pays all, N nothing", () => {
    expect(pPayout(WAD, S, S)).toBe(WAD);
    expect(nPayout(WAD, S, S)).toBe(0n);
  });
});

describe("rounding", () => {
  it("rounds each side down: 1 unit at S = 1, x = 3 pays P 0 and N 0 (1 wei dust)", () => {
    expect(pPayout(1n, 1n, 3n)).toBe(0n);
    expect(nPayout(1n, 1n, 3n)).toBe(0n);
  });

  it("10 units at S = 1, x = 3: P floor(10/3) = 3, N floor(20/3) = 6, dust 1", () => {
    expect(pPayout(10n, 1n, 3n)).toBe(3n);
    expect(nPayout(10n, 1n, 3n)).toBe(6n);
  });

  it("exact when x divides amount * S", () => {
    expect(pPayout(3n, WAD, 3n * WAD)).toBe(1n);
    expect(nPayout(3n, WAD, 3n * WAD)).toBe(2n);
  });

  it("handles the extremes without overflow (bigint, but mirrors 256-bit bounds)", () => {
    expect(pPayout(MAX, MAX - 1n, MAX)).toBe(MAX - 1n);
    expect(nPayout(MAX, 1n, MAX)).toBe(MAX - 1n);
    expect(pPayout(MAX, 0n, MAX)).toBe(0n);
    expect(nPayout(MAX, 0n, MAX)).toBe(MAX);
    expect(pPayout(MAX, MAX, 1n)).toBe(MAX);
  });

  it("zero amount pays zero", () => {
    expect(pPayout(0n, WAD, 2n * WAD)).toBe(0n);
    expect(nPayout(0n, WAD, 2n * WAD)).toBe(0n);
  });
});

describe("redeemPayout", () => {
  it("sums the two sides, each rounded on its own", () => {
    expect(redeemPayout({ pAmount: 10n, nAmount: 10n, strikeWad: 1n, xWad: 3n })).toBe(9n);
    expect(redeemPayout({ pAmount: 5n * WAD, nAmount: 0n, strikeWad: 1500n * WAD, xWad: 2500n * WAD })).toBe(
      3n * WAD,
    );
  });

  it("rejects an out-of-range nAmount by name", () => {
    const call = () => redeemPayout({ pAmount: 1n, nAmount: -1n, strikeWad: 1n, xWad: 1n });
    expect(call).toThrowError(AmountOutOfRangeError);
    expect(call).toThrowError(/nAmount = -1/);
  });
});

describe("input validation", () => {
  const cases: [string, () => bigint, new (...args: never[]) => PnError, string | undefined][] = [
    ["amount = 2^128", () => pPayout(UINT128_LIMIT, 1n, 1n), AmountOutOfRangeError, "AmountOverflow"],
    ["amount < 0", () => nPayout(-1n, 1n, 1n), AmountOutOfRangeError, "AmountOverflow"],
    ["strike = 2^128", () => pPayout(1n, UINT128_LIMIT, 1n), StrikeOutOfRangeError, undefined],
    ["strike < 0", () => nPayout(1n, -1n, 1n), StrikeOutOfRangeError, undefined],
    ["x = 0", () => pPayout(1n, 1n, 0n), InvalidSettlementValueError, "InvalidSettlementValue"],
    [
      "x = 2^128",
      () => nPayout(1n, 1n, UINT128_LIMIT),
      InvalidSettlementValueError,
      "InvalidSettlementValue",
    ],
  ];

  for (const [label, call, ErrorClass, contractError] of cases) {
    it(`throws ${ErrorClass.name} for ${label}`, () => {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ErrorClass);
      expect(caught).toBeInstanceOf(PnError);
      const error = caught as PnError;
      expect(error.shortMessage.length).toBeGreaterThan(0);
      expect(error.message.startsWith(error.shortMessage)).toBe(true);
      expect(error.message).toMatch(/Pass /); // the message tells the user what to pass instead
      expect(error.contractError).toBe(contractError);
    });
  }

  it("accepts the inclusive bounds: amount = strike = x = 2^128 - 1, strike = 0, x = 1", () => {
    expect(pPayout(MAX, MAX, MAX)).toBe(MAX);
    expect(nPayout(MAX, 0n, 1n)).toBe(MAX);
  });
});

describe("properties over random inputs (seeded)", () => {
  const rng = createRng(0x5eedn);
  const RUNS = 5_000;
  const draw = () => {
    const amount = rng.edgy(UINT128_LIMIT);
    const x = 1n + rng.edgy(MAX);
    // Half the draws put the strike near x, where the two branches meet.
    const strike = rng.u64() % 2n === 0n ? rng.edgy(UINT128_LIMIT) : clampStrike(x + rng.below(9n) - 4n);
    return { amount, strike, x };
  };

  it("each side is the floor of its exact claim", () => {
    for (let i = 0; i < RUNS; i++) {
      const { amount: a, strike: S, x } = draw();
      const p = pPayout(a, S, x);
      const n = nPayout(a, S, x);
      const pExact = a * minBig(x, S); // x times the exact P claim
      const nExact = x > S ? a * (x - S) : 0n;
      expect(p * x <= pExact && pExact < (p + 1n) * x).toBe(true);
      expect(n * x <= nExact && nExact < (n + 1n) * x).toBe(true);
    }
  });

  it("a pair pays a or a - 1 (PN-4), never more than a", () => {
    for (let i = 0; i < RUNS; i++) {
      const { amount: a, strike: S, x } = draw();
      const sum = redeemPayout({ pAmount: a, nAmount: a, strikeWad: S, xWad: x });
      expect(sum === a || sum === a - 1n).toBe(true);
    }
  });

  it("P is non-increasing and N non-decreasing in x", () => {
    for (let i = 0; i < RUNS; i++) {
      const { amount: a, strike: S, x } = draw();
      if (x === MAX) continue;
      expect(pPayout(a, S, x + 1n) <= pPayout(a, S, x)).toBe(true);
      expect(nPayout(a, S, x + 1n) >= nPayout(a, S, x)).toBe(true);
    }
  });

  it("splitting an amount never pays more than redeeming it at once", () => {
    for (let i = 0; i < RUNS; i++) {
      const { amount: a, strike: S, x } = draw();
      const part = rng.below(a + 1n);
      expect(pPayout(part, S, x) + pPayout(a - part, S, x) <= pPayout(a, S, x)).toBe(true);
      expect(nPayout(part, S, x) + nPayout(a - part, S, x) <= nPayout(a, S, x)).toBe(true);
    }
  });
});

function clampStrike(strike: bigint): bigint {
  if (strike < 0n) return 0n;
  if (strike > MAX) return MAX;
  return strike;
}

function minBig(a: bigint, b: bigint): bigint {
  if (a <= b) return a;
  return b;
}
