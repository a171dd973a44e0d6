// What the proposer/disputer does about one question, as a pure function of what it read: the question, the
// index's settings, the chain's clock and the keeper's own value. The job (job.ts) reads, calls this, and acts.

import { type IndexConfigView, type QuestionView, STATUS } from "./chain.ts";

export type DecideInput = {
  /** The chain's clock. */
  now: bigint;
  /** M. */
  timestamp: bigint;
  question: QuestionView;
  index: Pick<IndexConfigView, "bond" | "challengeWindow" | "arbitrationWindow">;
  /** The keeper's x; needed only while the question can be proposed or disputed. */
  valueWad?: bigint;
  /** Whether the standing answer is the keeper's own. */
  latestIsOurs?: boolean;
  /** `nextDisputeBond` as read. */
  nextDisputeBond?: bigint;
  toleranceBps: bigint;
  maxBondWei: bigint;
};

export type Decision =
  /** Nothing to do now; `restUntil` (chain time) when nothing can change before then. */
  | { kind: "wait"; reason: string; restUntil?: bigint }
  | { kind: "needValue" }
  | { kind: "propose"; valueWad: bigint; bond: bigint }
  | { kind: "dispute"; valueWad: bigint; bond: bigint; round: number }
  | { kind: "refuse"; reason: string }
  | { kind: "finalize" }
  | { kind: "final" };

/** True when `answer` is further than `toleranceBps` of `ours` from it. */
export function isOff(answer: bigint, ours: bigint, toleranceBps: bigint): boolean {
  const diff = answer > ours ? answer - ours : ours - answer;
  return diff * 10_000n > toleranceBps * ours;
}

/** Decides the next step for a question. Returns `needValue` when the keeper must first compute x. */
export function decide(input: DecideInput): Decision {
  const { now, timestamp, question: q, index } = input;
  if (now <= timestamp) return { kind: "wait", reason: "not matured", restUntil: timestamp + 1n };
  switch (q.status) {
    case STATUS.None:
      return decideProposal(input);
    case STATUS.Proposed: {
      const closesAt = q.answeredAt + index.challengeWindow;
      return now >= closesAt ? { kind: "finalize" } : decideDispute(input);
    }
    case STATUS.Escalated: {
      const deadline = q.escalatedAt + index.arbitrationWindow;
      if (q.arbitrated || now >= deadline) return { kind: "finalize" };
      return { kind: "wait", reason: "escalated: the arbiter decides" };
    }
    default:
      return { kind: "final" };
  }
}

function decideProposal(input: DecideInput): Decision {
  if (input.valueWad === undefined) return { kind: "needValue" };
  const bond = input.index.bond;
  if (bond > input.maxBondWei) {
    return {
      kind: "refuse",
      reason: `the proposal bond ${bond} wei exceeds maxBondEth (${input.maxBondWei} wei)`,
    };
  }
  return { kind: "propose", valueWad: input.valueWad, bond };
}

function decideDispute(input: DecideInput): Decision {
  const { question: q } = input;
  if (
    input.valueWad === undefined ||
    input.latestIsOurs === undefined ||
    input.nextDisputeBond === undefined
  ) {
    return { kind: "needValue" };
  }
  if (input.latestIsOurs || !isOff(q.valueWad, input.valueWad, input.toleranceBps)) {
    return { kind: "wait", reason: "the standing answer agrees with ours" };
  }
  const bond = input.nextDisputeBond;
  if (bond === 0n) return { kind: "wait", reason: "not disputable now" };
  if (bond > input.maxBondWei) {
    return {
      kind: "refuse",
      reason: `the dispute bond ${bond} wei exceeds maxBondEth (${input.maxBondWei} wei)`,
    };
  }
  return { kind: "dispute", valueWad: input.valueWad, bond, round: q.round + 1 };
}
