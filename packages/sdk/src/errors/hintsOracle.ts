// User hints for the slow oracle's and the committee arbiter's errors (see hints.ts).
import type { ErrorHint } from "./hints.ts";

type Hints = Record<string, (args: readonly unknown[]) => ErrorHint>;

const when = (t: unknown) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

export const ORACLE_HINTS: Hints = {
  IndexExists: () => ({
    what: "this index id is taken.",
    fix: "Register under another id; settings never change.",
  }),
  IndexNotFound: () => ({
    what: "no such index on this oracle.",
    fix: "Check the index id (e.g. USD) and oracle.",
  }),
  InvalidIndexId: () => ({
    what: "the index id is zero.",
    fix: "Use a left-aligned ASCII ticker such as USD.",
  }),
  InvalidBond: () => ({ what: "the bond is not usable.", fix: "Use a base bond above zero." }),
  InvalidWindow: () => ({
    what: "a window is out of range.",
    fix: "Use windows from 10 minutes to 30 days.",
  }),
  InvalidMaxRounds: () => ({ what: "maxRounds is out of range.", fix: "Use 1 to 8 dispute rounds." }),
  InvalidArbiter: () => ({
    what: "the arbiter is not usable.",
    fix: "Use a contract other than the oracle.",
  }),
  InvalidBounds: () => ({ what: "the value bounds are not usable.", fix: "Use 0 < min <= max < 2^128." }),
  InvalidSink: () => ({ what: "the sink is the zero address.", fix: "Deploy with a real sink." }),
  TooEarly: ([, t]) => ({
    what: `the question is about ${when(t)}, not yet past.`,
    fix: "Propose after that.",
  }),
  ValueOutOfBounds: ([, v, min, max]) => ({
    what: `${v} is outside the index's bounds [${min}, ${max}].`,
    fix: "Recompute x by the index rules; the units are WAD per ETH.",
  }),
  WrongBond: ([sent, required]) => ({
    what: `the bond sent (${sent} wei) is not the required ${required} wei.`,
    fix: "Read the bond (nextDisputeBond for a dispute) just before sending, and send exactly that.",
  }),
  AlreadyProposed: () => ({
    what: "this question already has a proposal.",
    fix: "To disagree with it, dispute it while its challenge window is open.",
  }),
  NotProposed: () => ({ what: "nobody has proposed yet.", fix: "Propose a value first." }),
  SameValue: () => ({
    what: "a dispute must counter-propose another value.",
    fix: "Pass a different value.",
  }),
  ChallengeWindowClosed: ([, , at]) => ({
    what: `the window closed at ${when(at)}.`,
    fix: "The answer is final.",
  }),
  ChallengeWindowOpen: ([, , at]) => ({
    what: `the window is open until ${when(at)}.`,
    fix: "Wait, then finalize.",
  }),
  NotEscalated: () => ({ what: "the question is not with the arbiter.", fix: "Only escalated questions." }),
  AlreadyEscalated: () => ({ what: "the question is with the arbiter.", fix: "Wait for its answer." }),
  ArbitrationClosed: ([, , at]) => ({
    what: `arbitration closed at ${when(at)}.`,
    fix: "The fallback applies.",
  }),
  ArbitrationOpen: ([, , at]) => ({
    what: `the arbiter may answer until ${when(at)}.`,
    fix: "Wait, then finalize.",
  }),
  OnlyArbiter: () => ({ what: "only the index's arbiter can answer.", fix: "Ask the arbiter." }),
  AlreadyFinalized: () => ({ what: "the question is finalized.", fix: "Withdraw your credits instead." }),
  NothingToWithdraw: () => ({ what: "there is nothing to withdraw.", fix: "Credits appear after finalize." }),
  EscalationGasTooLow: ([left, need]) => ({
    what: `only ${left} gas was left to notify the arbiter (needs ${need}).`,
    fix: "Send the dispute with a higher gas limit.",
  }),
  // CommitteeArbiter
  NotMember: () => ({ what: "the caller is not a committee member.", fix: "Vote from a member's account." }),
  AlreadyVoted: () => ({ what: "this member already voted that value.", fix: "Nothing to do." }),
  AlreadyResolved: () => ({ what: "the committee already answered.", fix: "Nothing to do." }),
  VotingNotOpen: () => ({ what: "the question is not escalated.", fix: "Votes open at escalation." }),
  VotingClosed: ([, , at]) => ({ what: `voting closed at ${when(at)}.`, fix: "The fallback applies." }),
  OnlyOracle: () => ({ what: "only the oracle can notify the arbiter.", fix: "Nothing to do." }),
  InvalidOracle: () => ({ what: "the oracle address is not usable.", fix: "Pass the SlowOracle." }),
  InvalidMember: () => ({ what: "a member address is zero.", fix: "Pass real member addresses." }),
  DuplicateMember: () => ({ what: "a member is listed twice.", fix: "List each member once." }),
  InvalidMemberCount: () => ({ what: "the member count is out of range.", fix: "Use 1 to 16 members." }),
  InvalidThreshold: () => ({ what: "the threshold is out of range.", fix: "Use 1 <= threshold <= members." }),
  ZeroValue: () => ({ what: "the value is zero.", fix: "Pass x > 0." }),
};
