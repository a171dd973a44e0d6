import type { Address, Hash, Hex } from "viem";
import { slowOracleAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type DisputeParameters = {
  oracle: Address;
  indexId: Hex;
  timestamp: bigint;
  /** The value the disputer holds to be right, scaled by 1e18; it must differ from the latest answer. */
  valueWad: bigint;
  /** The bond of this round in wei (`getQuestion(...).nextDisputeBond`), sent as value. */
  bond: bigint;
};

/**
 * Disputes the latest answer of a question with another value and the doubled bond (simulated first). The
 * index's `maxRounds`-th dispute escalates the question to its arbiter.
 *
 * @example
 * const { nextDisputeBond } = await getQuestion(client, { oracle, indexId, timestamp });
 * await dispute(client, { oracle, indexId, timestamp, valueWad: parseEther("2450"), bond: nextDisputeBond });
 */
export async function dispute(client: PnWriteClient, parameters: DisputeParameters): Promise<Hash> {
  const { oracle, indexId, timestamp, valueWad, bond } = parameters;
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: oracle,
      abi: slowOracleAbi,
      functionName: "dispute",
      args: [indexId, timestamp, valueWad],
      value: bond,
    });
    return client.writeContract(request);
  });
}
