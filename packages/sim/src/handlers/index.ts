// Handlers: a pure TypeScript state machine of PNCore, one handler per entry point, mirroring the contract check
// for check and in the same order. A revert throws `CoreRevertError` whose `contractError` is the Solidity custom
// error's name (and `args` its arguments) and leaves the state unchanged.

import type { Address } from "viem";
import { type CreateSeriesOperation, createSeries } from "./createSeries.ts";
import { oracleReport, wethApprove, wethDeposit } from "./env.ts";
import { type MergeOperation, merge } from "./merge.ts";
import { type RedeemOperation, redeem } from "./redeem.ts";
import { type SettleOperation, settle } from "./settle.ts";
import { type SplitOperation, split } from "./split.ts";
import type { CoreState } from "./state.ts";
import { type TransferOperation, transfer } from "./transfer.ts";

export { type CreateSeriesOperation, createSeries } from "./createSeries.ts";
export { oracleFinalValue, oracleReport, wethApprove, wethDeposit } from "./env.ts";
export { type CoreErrorName, CoreRevertError, UnsupportedOperationError } from "./errors.ts";
export { ZERO_ADDRESS } from "./internal.ts";
export { checkCoreInvariants, strandedCollateral } from "./invariants.ts";
export { type MergeOperation, merge } from "./merge.ts";
export { type RedeemOperation, redeem } from "./redeem.ts";
export { type SettleOperation, settle } from "./settle.ts";
export { type SplitOperation, split } from "./split.ts";
export {
  balancesOf,
  type CoreState,
  type CreateCoreStateParameters,
  collateralOf,
  createCoreState,
  MASK_128,
  pairN,
  pairP,
  pairPack,
  settlementOf,
  suppliesOf,
  tokenBalanceOf,
} from "./state.ts";
export { type TransferOperation, transfer } from "./transfer.ts";

/** Every operation the handlers replay, as a tagged union (the parity test's vocabulary). */
export type CoreOperation =
  | ({ type: "createSeries" } & CreateSeriesOperation)
  | ({ type: "split" } & SplitOperation)
  | ({ type: "merge" } & MergeOperation)
  | ({ type: "settle" } & SettleOperation)
  | ({ type: "redeem" } & RedeemOperation)
  | ({ type: "transfer" } & TransferOperation)
  | { type: "wethDeposit"; sender: Address; amount: bigint }
  | { type: "wethApprove"; sender: Address; spender: Address; amount: bigint }
  | {
      type: "report";
      sender: Address;
      oracle: Address;
      indexId: `0x${string}`;
      timestamp: bigint;
      valueWad: bigint;
    };

/** Applies one operation at `state.timestamp`. Throws `CoreRevertError` (state unchanged) where the chain reverts. */
export function applyOperation(state: CoreState, op: CoreOperation): void {
  switch (op.type) {
    case "createSeries":
      createSeries(state, op);
      break;
    case "split":
      split(state, op);
      break;
    case "merge":
      merge(state, op);
      break;
    case "settle":
      settle(state, op);
      break;
    case "redeem":
      redeem(state, op);
      break;
    case "transfer":
      transfer(state, op);
      break;
    case "wethDeposit":
      wethDeposit(state, op);
      break;
    case "wethApprove":
      wethApprove(state, op);
      break;
    case "report":
      oracleReport(state, op);
      break;
  }
}

/** Moves the clock to `timestamp` (never backwards, as a chain's). */
export function warpTo(state: CoreState, timestamp: bigint): void {
  if (timestamp > state.timestamp) state.timestamp = timestamp;
}
