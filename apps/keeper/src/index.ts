// Public API of @pn/keeper: the keeper framework (for the oracle bot, the market maker and the vault roll trigger),
// the price-source plug-ins, the oracle job, the market-maker job and the vault roll-trigger job.

export {
  addressSchema,
  applyEnv,
  type BaseConfig,
  baseConfigSchema,
  baseConfigShape,
  ENV_PRIVATE_KEY,
  ENV_RPC_URL,
  formatIssues,
  type Loaded,
  loadConfig,
} from "./framework/config.ts";
export { Cooldowns } from "./framework/cooldown.ts";
export {
  ActionGaveUpError,
  ConfigError,
  type ConfigIssue,
  KeeperError,
  RpcUnavailableError,
  SimulationRevertedError,
  SourceError,
  StateFileError,
  StateLockedError,
  UsageError,
} from "./framework/errors.ts";
export type { ItemResult, Job, JobContext } from "./framework/job.ts";
export { createLogger, type Logger, type LogLevel, memoryLogger } from "./framework/log.ts";
export { Keeper, type LoopOptions, type TickSummary } from "./framework/loop.ts";
export { isInFlight, reconcileIntent } from "./framework/reconcile.ts";
export { decodeRevert } from "./framework/revert.ts";
export { backoffMs, connectChain, createClients, isRpcUnavailable } from "./framework/rpc.ts";
export {
  type ConfiguredRuntimeOptions,
  createConfiguredRuntime,
  createRuntime,
  type JobDeps,
  type KeeperRuntime,
  type RuntimeParameters,
  runToEnd,
} from "./framework/runtime.ts";
export {
  type ContractCall,
  type Sender,
  type SendOutcome,
  type TxAction,
  TxSender,
} from "./framework/sender.ts";
export { type Intent, type IntentStatus, StateStore, writeAtomic } from "./framework/state.ts";
export { type MmConfig, type MmSection, mmConfigSchema, mmSectionSchema } from "./mm/config.ts";
export { decideFill, decideQuotes, type FillDecision, type QuotePlan } from "./mm/decide.ts";
export { createMmJob, type MmItem } from "./mm/job.ts";
export { buildMmJob } from "./mm/setup.ts";
export {
  type IndexSection,
  type OracleConfig,
  type OracleSection,
  oracleConfigSchema,
  oracleSectionSchema,
} from "./oracle/config.ts";
export { type Decision, decide, isOff } from "./oracle/decide.ts";
export { computeIndexValue, TooFewSourcesError } from "./oracle/indexValue.ts";
export { createOracleJob } from "./oracle/job.ts";
export { buildOracleJob } from "./oracle/setup.ts";
export { CsvReplaySource } from "./sources/csvReplay.ts";
export { createSource, type SourceConfig, sourceSchema } from "./sources/factory.ts";
export { CpiCsvSource, EcbCsvSource } from "./sources/fxCpi.ts";
export { HttpJsonSource } from "./sources/httpJson.ts";
export { PoolPriceSource } from "./sources/poolPrice.ts";
export type { PriceSource, SourcePrice } from "./sources/source.ts";
export {
  type VaultConfig,
  type VaultConfigInput,
  type VaultSection,
  vaultConfigSchema,
  vaultSectionSchema,
} from "./vault/config.ts";
export {
  type DecideInput as VaultDecideInput,
  type Decision as VaultDecision,
  decide as decideVault,
  type TriggerPreview,
  type VaultView,
} from "./vault/decide.ts";
export { createVaultJob, type VaultItem, type VaultJobSettings } from "./vault/job.ts";
export { createVaultRuntime, runVault } from "./vault/run.ts";
export { buildVaultJob } from "./vault/setup.ts";
