// Where a pn-protocol deployment lives: one JSON file per deployment, written by `npm start` (the devnet writes
// .devnet/deployment.json) or `pn deploy`, and read by the CLI, the keepers and the web app. Browser-safe;
// `readDeployment` (node:fs) is in deploymentFile.ts, exported from @pn/sdk/node.
import { type Address, BaseError, getAddress, isAddress } from "viem";

export const DEPLOYMENT_VERSION = 1;

/** Contract addresses of a deployment. Optional ones exist only once their contracts are deployed. */
export type DeploymentContracts = {
  weth: Address;
  core: Address;
  oracle?: Address;
  arbiter?: Address;
  devOracle?: Address;
  market?: Address;
  router?: Address;
  vaults?: Record<string, Address>;
};

export type Deployment = {
  version: typeof DEPLOYMENT_VERSION;
  chainId: number;
  rpcUrl: string;
  /** Block the core was deployed in: event scans start here. */
  startBlock: string;
  contracts: DeploymentContracts;
};

export class InvalidDeploymentError extends BaseError {
  constructor({ path, reason }: { path: string; reason: string }) {
    super(`The deployment file ${path} is not usable: ${reason}.`, {
      details: "Start the devnet with `npm start`, or pass the contract addresses explicitly.",
      name: "InvalidDeploymentError",
    });
  }
}

function address(value: unknown, field: string, path: string): Address {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InvalidDeploymentError({ path, reason: `${field} is not an address` });
  }
  return getAddress(value);
}

/** Checks and normalises parsed JSON as a Deployment. */
export function parseDeployment(json: unknown, path = "deployment"): Deployment {
  if (typeof json !== "object" || json === null)
    throw new InvalidDeploymentError({ path, reason: "not an object" });
  const d = json as Record<string, unknown>;
  if (d.version !== DEPLOYMENT_VERSION) {
    throw new InvalidDeploymentError({
      path,
      reason: `version ${String(d.version)} is not ${DEPLOYMENT_VERSION}`,
    });
  }
  if (typeof d.chainId !== "number" || typeof d.rpcUrl !== "string" || typeof d.startBlock !== "string") {
    throw new InvalidDeploymentError({ path, reason: "chainId, rpcUrl or startBlock is missing" });
  }
  const c = (d.contracts ?? {}) as Record<string, unknown>;
  const contracts: DeploymentContracts = {
    weth: address(c.weth, "contracts.weth", path),
    core: address(c.core, "contracts.core", path),
  };
  for (const name of ["oracle", "arbiter", "devOracle", "market", "router"] as const) {
    if (c[name] !== undefined) contracts[name] = address(c[name], `contracts.${name}`, path);
  }
  if (c.vaults !== undefined) {
    const vaults = c.vaults as Record<string, unknown>;
    contracts.vaults = Object.fromEntries(
      Object.entries(vaults).map(([k, v]) => [k, address(v, `contracts.vaults.${k}`, path)]),
    );
  }
  return {
    version: DEPLOYMENT_VERSION,
    chainId: d.chainId,
    rpcUrl: d.rpcUrl,
    startBlock: d.startBlock,
    contracts,
  };
}
