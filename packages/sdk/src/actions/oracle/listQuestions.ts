import type { Address, BlockNumber, Hex } from "viem";
import { slowOracleAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type ListQuestionsParameters = {
  oracle: Address;
  /** Only questions on this index. */
  indexId?: Hex;
  fromBlock?: BlockNumber;
};
export type ListedQuestion = {
  indexId: Hex;
  timestamp: bigint;
  proposer: Address;
  /** The proposed value (later disputes may have changed the answer: read it with `getQuestion`). */
  proposedValueWad: bigint;
  bond: bigint;
  blockNumber: bigint;
};

/**
 * Discovers the questions that have a proposal, from the oracle's `Proposed` events, oldest first.
 *
 * @example
 * const questions = await listQuestions(client, { oracle, indexId: indexIdFromTicker("USD") });
 */
export async function listQuestions(
  client: PnReadClient,
  parameters: ListQuestionsParameters,
): Promise<ListedQuestion[]> {
  const logs = await client.getContractEvents({
    address: parameters.oracle,
    abi: slowOracleAbi,
    eventName: "Proposed",
    ...(parameters.indexId === undefined ? {} : { args: { indexId: parameters.indexId } }),
    fromBlock: parameters.fromBlock ?? 0n,
    strict: true,
  });
  return logs.map((log) => ({
    indexId: log.args.indexId,
    timestamp: log.args.timestamp,
    proposer: log.args.proposer,
    proposedValueWad: log.args.valueWad,
    bond: log.args.bond,
    blockNumber: log.blockNumber,
  }));
}
