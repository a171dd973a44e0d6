// The parts of the core's environment its handlers touch, mirrored just far enough for parity:
// - the collateral token, modelled for the core's WETH only (Solady ERC20 + WETH: deposit, approve,
//   transferFrom, transfer, withdraw). Any other collateral is treated as a contract that is not an ERC-20:
//   `transferFrom` on it fails, as it does on a DevOracle used as collateral;
// - ETH sent out of the core (`safeTransferETH`) fails to any address with code, except WETH, whose `receive`
//   wraps it back for the sender (the core);
// - the DevOracle: `report` and `finalValue`.

import type { Address, Hex } from "viem";
import { CoreRevertError, UnsupportedOperationError } from "./errors.ts";
import {
  allowanceKey,
  type CoreState,
  type Journal,
  lower,
  MAX_UINT256,
  tokenKey,
  transact,
} from "./state.ts";

const isWeth = (state: CoreState, token: Address): boolean => lower(token) === lower(state.weth);

function addBalance(
  state: CoreState,
  journal: Journal,
  token: Address,
  holder: Address,
  delta: bigint,
): void {
  const key = tokenKey(token, holder);
  journal.set(state.tokenBalances, key, (state.tokenBalances.get(key) ?? 0n) + delta);
}

type TokenFailure = "InsufficientAllowance" | "InsufficientBalance";

/**
 * Solady ERC20 `transferFrom` called by `spender`: allowance first (unless infinite), then balance. Both checks
 * run before any write, which has the same net effect as Solady's write-then-revert.
 */
function erc20TransferFrom(
  state: CoreState,
  journal: Journal,
  p: { token: Address; spender: Address; from: Address; to: Address; amount: bigint },
): TokenFailure | undefined {
  const aKey = allowanceKey(p.token, p.from, p.spender);
  const allowance = state.allowances.get(aKey) ?? 0n;
  if (allowance !== MAX_UINT256 && p.amount > allowance) return "InsufficientAllowance";
  const fromBalance = state.tokenBalances.get(tokenKey(p.token, p.from)) ?? 0n;
  if (p.amount > fromBalance) return "InsufficientBalance";
  if (allowance !== MAX_UINT256) journal.set(state.allowances, aKey, allowance - p.amount);
  addBalance(state, journal, p.token, p.from, -p.amount);
  addBalance(state, journal, p.token, p.to, p.amount);
  return undefined;
}

/** `SafeTransferLib.safeTransferFrom(collateral, from, core, amount)`: any token failure is `TransferFromFailed`. */
export function pullToken(
  state: CoreState,
  journal: Journal,
  collateral: Address,
  from: Address,
  amount: bigint,
) {
  const failure = isWeth(state, collateral)
    ? erc20TransferFrom(state, journal, {
        token: collateral,
        spender: state.core,
        from,
        to: state.core,
        amount,
      })
    : "NotAnErc20";
  if (failure !== undefined) throw new CoreRevertError("safeTransferFrom", "TransferFromFailed");
}

/** `SafeTransferLib.balanceOf(collateral, core)`: 0 for a contract that is not a modelled ERC-20. */
export function coreTokenBalance(state: CoreState, collateral: Address): bigint {
  return isWeth(state, collateral) ? (state.tokenBalances.get(tokenKey(collateral, state.core)) ?? 0n) : 0n;
}

/** `IWETH(WETH).deposit{value: amount}()` by the core: mints WETH to the core. */
export function wrapForCore(state: CoreState, journal: Journal, amount: bigint): void {
  addBalance(state, journal, state.weth, state.core, amount);
}

/**
 * The core's `_payOut`: `safeTransfer(collateral, to, amount)`, or `WETH.withdraw(amount)` then
 * `safeTransferETH(to, amount)`.
 */
export function payOut(
  state: CoreState,
  journal: Journal,
  p: { collateral: Address; to: Address; amount: bigint; asETH: boolean },
): void {
  const coreKey = tokenKey(p.collateral, state.core);
  const held = isWeth(state, p.collateral) ? (state.tokenBalances.get(coreKey) ?? 0n) : 0n;
  if (!p.asETH) {
    if (!isWeth(state, p.collateral) || p.amount > held)
      throw new CoreRevertError("safeTransfer", "TransferFailed");
    addBalance(state, journal, p.collateral, state.core, -p.amount);
    addBalance(state, journal, p.collateral, p.to, p.amount);
    return;
  }
  if (p.amount > held) throw new CoreRevertError("WETH.withdraw", "InsufficientBalance");
  addBalance(state, journal, state.weth, state.core, -p.amount);
  if (lower(p.to) === lower(state.weth)) {
    addBalance(state, journal, state.weth, state.core, p.amount); // WETH's receive() deposits for the core
    return;
  }
  if (state.code.has(lower(p.to))) throw new CoreRevertError("safeTransferETH", "ETHTransferFailed");
}

// ---------------------------------------------------------------- WETH entry points (actors' own calls)

/** `WETH.deposit{value: amount}()` by `sender`. */
export function wethDeposit(state: CoreState, p: { sender: Address; amount: bigint }): void {
  transact((journal) => addBalance(state, journal, state.weth, p.sender, p.amount));
}

/** `WETH.approve(spender, amount)` by `sender`. */
export function wethApprove(
  state: CoreState,
  p: { sender: Address; spender: Address; amount: bigint },
): void {
  transact((journal) =>
    journal.set(state.allowances, allowanceKey(state.weth, p.sender, p.spender), p.amount),
  );
}

// ---------------------------------------------------------------- DevOracle

const reportKey = (indexId: Hex, timestamp: bigint): string => `${lower(indexId)}/${timestamp}`;

function devOracle(state: CoreState, oracle: Address) {
  const found = state.oracles.get(lower(oracle));
  if (found === undefined) throw new UnsupportedOperationError(`${oracle} is not a modelled DevOracle`);
  return found;
}

/** `DevOracle.report(indexId, timestamp, valueWad)`: reporter only, non-zero, once per (index, time). */
export function oracleReport(
  state: CoreState,
  p: { sender: Address; oracle: Address; indexId: Hex; timestamp: bigint; valueWad: bigint },
): void {
  const o = devOracle(state, p.oracle);
  transact((journal) => {
    if (lower(p.sender) !== lower(o.reporter))
      throw new CoreRevertError("report", "OnlyReporter", [p.sender]);
    if (p.valueWad === 0n) throw new CoreRevertError("report", "ZeroValue");
    const existing = o.reported.get(reportKey(p.indexId, p.timestamp)) ?? 0n;
    if (existing !== 0n) {
      throw new CoreRevertError("report", "AlreadyReported", [p.indexId, p.timestamp, existing]);
    }
    journal.set(o.reported, reportKey(p.indexId, p.timestamp), p.valueWad);
  });
}

/** `IIndexOracle.finalValue(indexId, timestamp)` of a DevOracle. */
export function oracleFinalValue(
  state: CoreState,
  p: { oracle: Address; indexId: Hex; timestamp: bigint },
): { isFinal: boolean; valueWad: bigint } {
  const valueWad = devOracle(state, p.oracle).reported.get(reportKey(p.indexId, p.timestamp)) ?? 0n;
  return { isFinal: valueWad !== 0n, valueWad };
}
