import type { Address, Hash, Hex } from "viem";
import { slowOracleAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";

export type ProposeParameters = {
  oracle: Address;
  indexId: Hex;
  /** The instant asked about (a maturity), unix seconds; proposals open strictly after it. */
  timestamp: bigint;
  /** x, index units per ETH, scaled by 1e18. */
  valueWad: bigint;
  /** The index's base bond in wei (`getIndexConfig(...).bond`), sent as value. */
  bond: bigint;
};

/**
 * Proposes x for a question with the index's base bond (simulated first; a revert throws).
 *
 * @example
 * const { bond } = (await getIndexConfig(client, { oracle, indexId }))!;
 * await propose(client, { oracle, indexId, timestamp: maturity, valueWad: parseEther("2400"), bond });
 */
export async function propose(client: PnWriteClient, parameters: ProposeParameters): Promise<Hash> {
  const { oracle, indexId, timestamp, valueWad, bond } = parameters;
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: oracle,
      abi: slowOracleAbi,
      functionName: "propose",
      args: [indexId, timestamp, valueWad],
      value: bond,
    });
    return client.writeContract(request);
  });
}
