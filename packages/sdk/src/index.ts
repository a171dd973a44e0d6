// Public API of @pn/sdk: generated ABIs and bytecode, deployment, typed actions and error decoding.
// Browser-safe: anything that reads files is in @pn/sdk/node (./node.ts).

export {
  type AbiSeriesKey,
  fromAbiKey,
  type PnReadClient,
  type PnWriteClient,
  toAbiKey,
  withDecodedErrors,
} from "./actions/client.ts";
export * from "./actions/core/index.ts";
export * from "./actions/erc20/index.ts";
export * from "./actions/market/index.ts";
export * from "./actions/oracle/index.ts";
export * from "./actions/vault/index.ts";
export {
  confirmDeployment,
  type DeployCoreParameters,
  type DeployCoreReturnType,
  type DeployDevOracleReturnType,
  type DeployErrorType,
  DeploymentFailedError,
  type DeployParameters,
  type DeployVaultParameters,
  type DeployVaultReturnType,
  type DeployWalletClient,
  deployCore,
  deployDevOracle,
  deployVault,
} from "./deploy.ts";
export {
  DEPLOYMENT_VERSION,
  type Deployment,
  type DeploymentContracts,
  InvalidDeploymentError,
  parseDeployment,
} from "./deployment.ts";
export {
  type DeployMarketParameters,
  type DeployMarketReturnType,
  type DeployOracleParameters,
  type DeployOracleReturnType,
  deployMarket,
  deployOracle,
} from "./deployStack.ts";
export {
  decodePnError,
  decodeRevertData,
  PnContractError,
  type PnContractErrorName,
  protocolErrorAbi,
} from "./errors/contract.ts";
export { type ErrorHint, errorHint, hasHint } from "./errors/hints.ts";
export * from "./generated/abis.ts";
export * from "./generated/bytecode.ts";
export { type VaultRules, type WeeklyVaultRulesParameters, weeklyVaultRules } from "./vaultRules.ts";
