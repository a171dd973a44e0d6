// The simulator's assertions of the protocol invariants over handler state, by the same IDs and with the same
// checks as @pn/core (contracts/INVARIANTS.md). Run after every operation in the parity test.

import {
  checkBalancesSumToSupply,
  checkClaimsCovered,
  checkFullyCollateralised,
  checkSupplyParity,
  type InvariantResult,
} from "@pn/core";
import type { Hex } from "viem";
import {
  type CoreState,
  collateralOf,
  lower,
  pairN,
  pairP,
  settlementOf,
  suppliesOf,
  tokenKey,
} from "./state.ts";

function seriesInvariants(state: CoreState, id: Hex): InvariantResult[] {
  const key = state.series.get(id);
  const { pSupply, nSupply } = suppliesOf(state, id);
  const collateral = collateralOf(state, id);
  const xWad = settlementOf(state, id);
  const results: InvariantResult[] = [];
  if (xWad === 0n) results.push(checkFullyCollateralised({ collateral, pSupply, nSupply }));
  else if (key !== undefined) {
    results.push(checkClaimsCovered({ collateral, pSupply, nSupply, strikeWad: key.strikeWad, xWad }));
  }
  if (!state.redeemed.has(id)) results.push(checkSupplyParity({ pSupply, nSupply }));
  const words = [...state.balances].filter(([k]) => k.startsWith(`${id}/`)).map(([, w]) => w);
  results.push(checkBalancesSumToSupply({ balances: words.map(pairP), supply: pSupply }));
  results.push(checkBalancesSumToSupply({ balances: words.map(pairN), supply: nSupply }));
  return results;
}

/** The core's WETH beyond what its WETH series hold: collateral sent back to the core (a payout `to` the core, or
 * an ETH payout `to` WETH, whose `receive` wraps it for the core). No function can move it out again. */
export function strandedCollateral(state: CoreState): bigint {
  let held = 0n;
  for (const [id, key] of state.series) {
    if (lower(key.collateral) === lower(state.weth)) held += collateralOf(state, id);
  }
  return (state.tokenBalances.get(tokenKey(state.weth, state.core)) ?? 0n) - held;
}

/**
 * PN-1 (the core's WETH balance covers the sum of `collateralOf` over its WETH series; any excess is
 * `strandedCollateral`), then per series PN-1 or PN-2, PN-3 until the first redemption, and PN-7 for each side.
 * Returns every result; the failures are those with `ok: false`.
 */
export function checkCoreInvariants(state: CoreState): InvariantResult[] {
  const results: InvariantResult[] = [];
  for (const id of state.series.keys()) results.push(...seriesInvariants(state, id));
  const stranded = strandedCollateral(state);
  results.push(
    stranded >= 0n
      ? { id: "PN-1", ok: true }
      : {
          id: "PN-1",
          ok: false,
          reason: `the core's WETH falls ${-stranded} short of its WETH series' collateral`,
        },
  );
  return results;
}
