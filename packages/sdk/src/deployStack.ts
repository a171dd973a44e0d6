// Deploys the slow oracle with its committee arbiter, and the market with its router.
import type { Address } from "viem";
import { deployContract } from "viem/actions";
import { confirmDeployment, type DeployParameters } from "./deploy.ts";
import { committeeArbiterAbi, pnMarketAbi, rollRouterAbi, slowOracleAbi } from "./generated/abis.ts";
import {
  committeeArbiterBytecode,
  pnMarketBytecode,
  rollRouterBytecode,
  slowOracleBytecode,
} from "./generated/bytecode.ts";

export type DeployOracleParameters = DeployParameters & {
  /** Receives the unrewarded part of wrong bonds. Fixed forever. */
  sink: Address;
  /** Committee members of the arbiter (no duplicates, at most 16). */
  members: readonly Address[];
  /** Votes needed to answer (1..members). */
  threshold: bigint;
};
export type DeployOracleReturnType = { oracle: Address; arbiter: Address };

/**
 * Deploys a SlowOracle and a CommitteeArbiter bound to it. Register indices afterwards (`registerIndex`).
 *
 * @example
 * const { oracle, arbiter } = await deployOracle({ walletClient, publicClient, sink, members, threshold: 2n });
 */
export async function deployOracle(parameters: DeployOracleParameters): Promise<DeployOracleReturnType> {
  const { walletClient, publicClient } = parameters;
  const oracleHash = await deployContract(walletClient, {
    abi: slowOracleAbi,
    bytecode: slowOracleBytecode,
    args: [parameters.sink],
  });
  const oracle = await confirmDeployment(publicClient, "SlowOracle", oracleHash);
  const arbiterHash = await deployContract(walletClient, {
    abi: committeeArbiterAbi,
    bytecode: committeeArbiterBytecode,
    args: [oracle, [...parameters.members], parameters.threshold],
  });
  return { oracle, arbiter: await confirmDeployment(publicClient, "CommitteeArbiter", arbiterHash) };
}

export type DeployMarketParameters = DeployParameters & { core: Address };
export type DeployMarketReturnType = { market: Address; router: Address };

/**
 * Deploys a PNMarket on `core` and its RollRouter.
 *
 * @example
 * const { market, router } = await deployMarket({ walletClient, publicClient, core });
 */
export async function deployMarket(parameters: DeployMarketParameters): Promise<DeployMarketReturnType> {
  const { walletClient, publicClient } = parameters;
  const marketHash = await deployContract(walletClient, {
    abi: pnMarketAbi,
    bytecode: pnMarketBytecode,
    args: [parameters.core],
  });
  const market = await confirmDeployment(publicClient, "PNMarket", marketHash);
  const routerHash = await deployContract(walletClient, {
    abi: rollRouterAbi,
    bytecode: rollRouterBytecode,
    args: [market],
  });
  return { market, router: await confirmDeployment(publicClient, "RollRouter", routerHash) };
}
