import { type Address, getAddress } from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { DeploymentFailedError, type DeployParameters } from "../../deploy.ts";
import { pnMarketAbi, rollRouterAbi } from "../../generated/abis.ts";
import { pnMarketBytecode, rollRouterBytecode } from "../../generated/bytecode.ts";

export type DeployMarketParameters = DeployParameters & { core: Address };
export type DeployMarketReturnType = { market: Address; router: Address };

/**
 * Deploys `PNMarket(core)` and `RollRouter(market)`. Neither has an owner or settings: deploying them is
 * permissionless and the addresses are all a deployment file needs (`contracts.market`, `contracts.router`).
 *
 * @example
 * const { market, router } = await deployMarket({ walletClient, publicClient, core });
 */
export async function deployMarket(parameters: DeployMarketParameters): Promise<DeployMarketReturnType> {
  const { walletClient, publicClient, core } = parameters;
  const confirm = async (contract: string, hash: `0x${string}`) => {
    const receipt = await waitForTransactionReceipt(publicClient, { hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new DeploymentFailedError({ contract, hash, status: receipt.status });
    }
    return getAddress(receipt.contractAddress);
  };
  const market = await confirm(
    "PNMarket",
    await deployContract(walletClient, { abi: pnMarketAbi, bytecode: pnMarketBytecode, args: [core] }),
  );
  const router = await confirm(
    "RollRouter",
    await deployContract(walletClient, { abi: rollRouterAbi, bytecode: rollRouterBytecode, args: [market] }),
  );
  return { market, router };
}
