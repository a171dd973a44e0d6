// The state the core's handlers act on: a mirror of PNCore's storage (supplies, balances and settlements as
// PairLib words keyed by series id), plus the few facts of its environment the core reads (the current time,
// which addresses have code, the collateral token's ledger and the DevOracle's reports).
//
// Handlers write through a `Journal`, which undoes every write when a handler throws: a revert leaves the
// state exactly as it was, as the EVM does.

import type { SeriesKey } from "@pn/core";
import type { Address, Hex } from "viem";
import { CoreRevertError } from "./errors.ts";

/** `type(uint128).max`, the PairLib half mask. */
export const MASK_128 = (1n << 128n) - 1n;
/** `type(uint256).max`: an infinite ERC-20 allowance. */
export const MAX_UINT256 = (1n << 256n) - 1n;

/** PairLib: [0, 128) P amount. */
export const pairP = (word: bigint): bigint => word & MASK_128;
/** PairLib: [128, 256) N amount. */
export const pairN = (word: bigint): bigint => word >> 128n;
/** PairLib.pack: reverts `PairOverflow(p, n)` when either half exceeds 2^128 - 1. */
export function pairPack(p: bigint, n: bigint): bigint {
  if ((p | n) > MASK_128) throw new CoreRevertError("PairLib.pack", "PairOverflow", [p, n]);
  return p | (n << 128n);
}

/** One DevOracle: its reporter and its reports by `${indexId}/${timestamp}`. */
export type DevOracleState = { reporter: Address; reported: Map<string, bigint> };

export type CoreState = {
  /** The core's address: it holds the collateral. */
  readonly core: Address;
  /** The core's WETH: the only collateral the native ETH paths accept. */
  readonly weth: Address;
  /** `block.timestamp` of the next call. */
  timestamp: bigint;
  /** Lowercase addresses that have code (`collateral.code.length != 0`). */
  readonly code: Set<string>;
  /** Created series by id (the P token's code exists). */
  readonly series: Map<Hex, SeriesKey>;
  /** `_supplies[id]`: PairLib word. */
  readonly supplies: Map<Hex, bigint>;
  /** `_balances[id][owner]` keyed `${id}/${owner lowercase}`: PairLib word. */
  readonly balances: Map<string, bigint>;
  /** `_settlements[id]`: [0, 128) x, [128, 256) collateral still held. Zero before settlement. */
  readonly settlements: Map<Hex, bigint>;
  /** ERC-20 balances keyed `${token}/${holder}` (lowercase): the collateral ledger (WETH). */
  readonly tokenBalances: Map<string, bigint>;
  /** ERC-20 allowances keyed `${token}/${owner}/${spender}` (lowercase). */
  readonly allowances: Map<string, bigint>;
  /** DevOracles by lowercase address. */
  readonly oracles: Map<string, DevOracleState>;
  /** Ghost state: series with at least one redemption (PN-3 holds until then). */
  readonly redeemed: Set<Hex>;
};

export type CreateCoreStateParameters = {
  core: Address;
  weth: Address;
  timestamp: bigint;
  /** Other addresses with code (e.g. oracles, tokens). The core and WETH are added. */
  contracts?: readonly Address[];
  /** DevOracles and their reporters. Their addresses are added to `code`. */
  oracles?: readonly { oracle: Address; reporter: Address }[];
};

export const lower = (a: string): string => a.toLowerCase();
export const balanceKey = (id: Hex, owner: Address): string => `${id}/${lower(owner)}`;
export const tokenKey = (token: Address, holder: Address): string => `${lower(token)}/${lower(holder)}`;
export const allowanceKey = (token: Address, owner: Address, spender: Address): string =>
  `${lower(token)}/${lower(owner)}/${lower(spender)}`;

export function createCoreState(p: CreateCoreStateParameters): CoreState {
  const code = new Set([lower(p.core), lower(p.weth), ...(p.contracts ?? []).map(lower)]);
  const oracles = new Map<string, DevOracleState>();
  for (const o of p.oracles ?? []) {
    code.add(lower(o.oracle));
    oracles.set(lower(o.oracle), { reporter: o.reporter, reported: new Map() });
  }
  return {
    core: p.core,
    weth: p.weth,
    timestamp: p.timestamp,
    code,
    series: new Map(),
    supplies: new Map(),
    balances: new Map(),
    settlements: new Map(),
    tokenBalances: new Map(),
    allowances: new Map(),
    oracles,
    redeemed: new Set(),
  };
}

type Undo = () => void;

/** Records every write so that a revert can restore the state. */
export class Journal {
  readonly #undo: Undo[] = [];

  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const previous = map.get(key);
    this.#undo.push(() => {
      if (had) map.set(key, previous as V);
      else map.delete(key);
    });
    map.set(key, value);
  }

  add<T>(set: Set<T>, value: T): void {
    if (set.has(value)) return;
    this.#undo.push(() => set.delete(value));
    set.add(value);
  }

  rollback(): void {
    for (let i = this.#undo.length - 1; i >= 0; i--) this.#undo[i]?.();
    this.#undo.length = 0;
  }
}

/** Runs `body` as one transaction: every write is undone if it throws, and the error is rethrown. */
export function transact<T>(body: (journal: Journal) => T): T {
  const journal = new Journal();
  try {
    return body(journal);
  } catch (error) {
    journal.rollback();
    throw error;
  }
}

/** Solidity checked subtraction: reverts with a Panic (0x11) below zero. */
export function checkedSub(a: bigint, b: bigint): bigint {
  if (b > a) throw new CoreRevertError("arithmetic", "Panic", [0x11n]);
  return a - b;
}

// ---------------------------------------------------------------- views, as IPNCore's

/** `suppliesOf(id)`. */
export function suppliesOf(state: CoreState, id: Hex): { pSupply: bigint; nSupply: bigint } {
  const word = state.supplies.get(id) ?? 0n;
  return { pSupply: pairP(word), nSupply: pairN(word) };
}

/** `balancesOf(id, owner)`. */
export function balancesOf(state: CoreState, id: Hex, owner: Address): { p: bigint; n: bigint } {
  const word = state.balances.get(balanceKey(id, owner)) ?? 0n;
  return { p: pairP(word), n: pairN(word) };
}

/** `collateralOf(id)`: outstanding pairs before settlement, the unredeemed remainder after. */
export function collateralOf(state: CoreState, id: Hex): bigint {
  const settlement = state.settlements.get(id) ?? 0n;
  return settlement === 0n ? pairP(state.supplies.get(id) ?? 0n) : pairN(settlement);
}

/** `settlementOf(id)`: x, or 0 before settlement. */
export function settlementOf(state: CoreState, id: Hex): bigint {
  return pairP(state.settlements.get(id) ?? 0n);
}

/** The collateral token's `balanceOf(holder)`. */
export function tokenBalanceOf(state: CoreState, token: Address, holder: Address): bigint {
  return state.tokenBalances.get(tokenKey(token, holder)) ?? 0n;
}
