import type { Address, Hex } from "viem";
import { slowOracleAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

/** `QuestionStatus` of ISlowOracle, by name. */
export const QUESTION_STATUSES = ["None", "Proposed", "Escalated", "Finalized"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export type GetQuestionParameters = { oracle: Address; indexId: Hex; timestamp: bigint };
export type GetQuestionReturnType = {
  /** As stored: a Proposed answer past its window is already final (see `isFinal`). */
  status: QuestionStatus;
  /** 0 for the proposal, r after the r-th dispute. */
  round: number;
  /** The latest answer (or the arbiter's), 0n before any proposal. */
  valueWad: bigint;
  answeredAt: bigint;
  /** 0n unless escalated. */
  escalatedAt: bigint;
  arbitrated: boolean;
  /** `finalValue`: true once the answer can never change. */
  isFinal: boolean;
  /** The final value, meaningful only when `isFinal`. */
  finalValueWad: bigint;
  /** Bond the next dispute must post; 0n when it cannot be disputed now. */
  nextDisputeBond: bigint;
  /** When the arbiter's time runs out; 0n unless escalated. */
  arbitrationDeadline: bigint;
};

/**
 * Reads where one question "(indexId, timestamp)?" of a SlowOracle stands, with its finality and next bond.
 *
 * @example
 * const q = await getQuestion(client, { oracle, indexId, timestamp: maturity });
 * if (q.isFinal) console.log(q.finalValueWad);
 */
export async function getQuestion(
  client: PnReadClient,
  { oracle, indexId, timestamp }: GetQuestionParameters,
): Promise<GetQuestionReturnType> {
  const read = { address: oracle, abi: slowOracleAbi, args: [indexId, timestamp] } as const;
  const [q, [isFinal, finalValueWad], nextDisputeBond, arbitrationDeadline] = await Promise.all([
    client.readContract({ ...read, functionName: "question" }),
    client.readContract({ ...read, functionName: "finalValue" }),
    client.readContract({ ...read, functionName: "nextDisputeBond" }),
    client.readContract({ ...read, functionName: "arbitrationDeadline" }),
  ]);
  return {
    status: QUESTION_STATUSES[q.status] ?? "None",
    round: q.round,
    valueWad: q.valueWad,
    answeredAt: BigInt(q.answeredAt),
    escalatedAt: BigInt(q.escalatedAt),
    arbitrated: q.arbitrated,
    isFinal,
    finalValueWad,
    nextDisputeBond,
    arbitrationDeadline,
  };
}
