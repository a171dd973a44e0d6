import { WAD } from "@pn/core";
import { describe, expect, it } from "vitest";
import { STATUS } from "../src/oracle/chain.ts";
import { type DecideInput, decide, isOff } from "../src/oracle/decide.ts";

const M = 1_000_000n;
const x = 2500n * WAD;
const question = {
  status: STATUS.None as number,
  round: 0,
  valueWad: 0n,
  answeredAt: 0n,
  escalatedAt: 0n,
  arbitrated: false,
};
const base: DecideInput = {
  now: M + 10n,
  timestamp: M,
  question,
  index: { bond: WAD / 10n, challengeWindow: 600n, arbitrationWindow: 3600n },
  toleranceBps: 10n,
  maxBondWei: WAD,
};
const proposed = (valueWad: bigint, extra: Partial<typeof question> = {}) => ({
  ...base,
  question: { ...question, status: STATUS.Proposed, valueWad, answeredAt: M + 5n, ...extra },
});

describe("decide", () => {
  it("waits until M has passed (the oracle rejects a proposal at M)", () => {
    expect(decide({ ...base, now: M })).toEqual({ kind: "wait", reason: "not matured", restUntil: M + 1n });
  });

  it("asks for x, then proposes it with the base bond; refuses a bond above the limit", () => {
    expect(decide(base)).toEqual({ kind: "needValue" });
    expect(decide({ ...base, valueWad: x })).toEqual({ kind: "propose", valueWad: x, bond: WAD / 10n });
    expect(decide({ ...base, valueWad: x, maxBondWei: WAD / 20n }).kind).toBe("refuse");
  });

  it("disputes an answer off by more than the tolerance, with the next bond, up to the limit", () => {
    const input = { ...proposed(x + x / 500n), valueWad: x, latestIsOurs: false, nextDisputeBond: WAD / 5n };
    expect(decide(input)).toEqual({ kind: "dispute", valueWad: x, bond: WAD / 5n, round: 1 });
    expect(decide({ ...input, nextDisputeBond: 2n * WAD }).kind).toBe("refuse");
  });

  it("accepts an answer within the tolerance, and never disputes its own", () => {
    const close = { ...proposed(x + x / 2000n), valueWad: x, latestIsOurs: false, nextDisputeBond: WAD / 5n };
    expect(decide(close).kind).toBe("wait");
    expect(
      decide({ ...close, question: { ...close.question, valueWad: 2n * x }, latestIsOurs: true }).kind,
    ).toBe("wait");
  });

  it("finalizes after the window, after the arbiter answered, or after the arbitration deadline", () => {
    expect(decide({ ...proposed(x), now: M + 5n + 600n })).toEqual({ kind: "finalize" });
    const escalated = {
      ...question,
      status: STATUS.Escalated,
      valueWad: x,
      answeredAt: M + 5n,
      escalatedAt: M + 5n,
    };
    expect(decide({ ...base, question: escalated }).kind).toBe("wait");
    expect(decide({ ...base, question: { ...escalated, arbitrated: true } })).toEqual({ kind: "finalize" });
    expect(decide({ ...base, question: escalated, now: M + 5n + 3600n })).toEqual({ kind: "finalize" });
    expect(decide({ ...base, question: { ...question, status: STATUS.Finalized } })).toEqual({
      kind: "final",
    });
  });

  it("measures the tolerance in basis points of the keeper's value", () => {
    expect(isOff(10_010n, 10_000n, 10n)).toBe(false);
    expect(isOff(10_011n, 10_000n, 10n)).toBe(true);
    expect(isOff(9_989n, 10_000n, 10n)).toBe(true);
    expect(isOff(10_000n, 10_000n, 0n)).toBe(false);
  });
});
