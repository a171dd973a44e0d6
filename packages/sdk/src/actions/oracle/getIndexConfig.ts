import { type Address, BaseError, ContractFunctionRevertedError, type Hex } from "viem";
import { slowOracleAbi } from "../../generated/abis.ts";
import type { IndexConfig } from "../../indices.ts";
import type { PnReadClient } from "../client.ts";

export type GetIndexConfigParameters = { oracle: Address; indexId: Hex };
/** The index's fixed settings, or undefined when the index is not registered on this oracle. */
export type GetIndexConfigReturnType = IndexConfig | undefined;

/**
 * Reads an index's settings (bond, windows, rounds, arbiter, bounds) from a SlowOracle.
 *
 * @example
 * const config = await getIndexConfig(client, { oracle, indexId: indexIdFromTicker("USD") });
 * if (config === undefined) console.log("USD is not registered on this oracle");
 */
export async function getIndexConfig(
  client: PnReadClient,
  { oracle, indexId }: GetIndexConfigParameters,
): Promise<GetIndexConfigReturnType> {
  try {
    return await client.readContract({
      address: oracle,
      abi: slowOracleAbi,
      functionName: "indexConfig",
      args: [indexId],
    });
  } catch (error) {
    const reverted =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === "IndexNotFound") {
      return undefined;
    }
    throw error;
  }
}
