// The protocol invariants as pure checks over plain numbers. Each check is named after its ID (the same IDs as
// contracts/INVARIANTS.md, the Solidity invariant tests and the simulator's assertions) and returns a result
// instead of throwing, so a caller can collect every failure; `assertInvariant` turns a failure into an error.

import { PnError } from "./errors.ts";
import { nPayout, pPayout } from "./payoff.ts";

export type InvariantId = "PN-1" | "PN-2" | "PN-3" | "PN-4" | "PN-5" | "PN-6" | "PN-7";

/** One sentence per invariant, as in contracts/INVARIANTS.md. */
export const INVARIANTS: Readonly<Record<InvariantId, string>> = {
  "PN-1":
    "Full collateralisation: before settlement the collateral held for a series equals its outstanding pairs (C == P == N).",
  "PN-2": "Claims covered after settlement: C * x >= P * min(S, x) + N * max(x - S, 0).",
  "PN-3": "Supply parity: P supply equals N supply until the first redemption.",
  "PN-4": "Exact payouts: each side rounds down, and a pair redeemed together loses at most 1 wei.",
  "PN-5": "x is written once: once settled, x never changes.",
  "PN-6":
    "No balance falls without its holder: only the holder's own call, or a spender it approved, lowers a balance.",
  "PN-7": "Balances sum to supply, for each side.",
};

export type InvariantResult = { id: InvariantId; ok: true } | { id: InvariantId; ok: false; reason: string };

/** `amount * min(S, x)`: x times the exact collateral `amount` P claims. */
function pClaimTimesX(amount: bigint, S: bigint, x: bigint): bigint {
  if (x <= S) return amount * x;
  return amount * S;
}

/** `amount * max(x - S, 0)`: x times the exact collateral `amount` N claims. */
function nClaimTimesX(amount: bigint, S: bigint, x: bigint): bigint {
  if (x <= S) return 0n;
  return amount * (x - S);
}

const pass = (id: InvariantId): InvariantResult => ({ id, ok: true });
const fail = (id: InvariantId, reason: string): InvariantResult => ({ id, ok: false, reason });

/** An invariant did not hold. */
export class InvariantViolationError extends PnError {
  override name = "InvariantViolationError";
  readonly id: InvariantId;

  constructor({ id, reason }: { id: InvariantId; reason: string }) {
    super(`Invariant ${id} violated: ${reason}`, {
      metaMessages: [`${id}: ${INVARIANTS[id]}`],
      fix: "This is a bug in the protocol or in its mirror: record the inputs and report them as a failing case.",
    });
    this.id = id;
  }
}

/** Throws `InvariantViolationError` if `result` is a failure. */
export function assertInvariant(result: InvariantResult): void {
  if (!result.ok) throw new InvariantViolationError({ id: result.id, reason: result.reason });
}

/** PN-1: before settlement, `collateral == pSupply == nSupply`. */
export function checkFullyCollateralised(s: {
  collateral: bigint;
  pSupply: bigint;
  nSupply: bigint;
}): InvariantResult {
  if (s.collateral === s.pSupply && s.pSupply === s.nSupply) return pass("PN-1");
  return fail(
    "PN-1",
    `collateral ${s.collateral}, pSupply ${s.pSupply}, nSupply ${s.nSupply} are not all equal`,
  );
}

export type ClaimsCoveredParameters = {
  collateral: bigint;
  pSupply: bigint;
  nSupply: bigint;
  strikeWad: bigint;
  xWad: bigint;
};

/** PN-2: after settlement, `collateral * x >= pSupply * min(S, x) + nSupply * max(x - S, 0)` (exact, no rounding). */
export function checkClaimsCovered(s: ClaimsCoveredParameters): InvariantResult {
  const { collateral, pSupply, nSupply, strikeWad: S, xWad: x } = s;
  const claims = pClaimTimesX(pSupply, S, x) + nClaimTimesX(nSupply, S, x);
  if (collateral * x >= claims) return pass("PN-2");
  return fail("PN-2", `collateral ${collateral} * x ${x} = ${collateral * x} < claims ${claims}`);
}

/** PN-3: until the first redemption, `pSupply == nSupply`. */
export function checkSupplyParity(s: { pSupply: bigint; nSupply: bigint }): InvariantResult {
  if (s.pSupply === s.nSupply) return pass("PN-3");
  return fail("PN-3", `pSupply ${s.pSupply} != nSupply ${s.nSupply}`);
}

export type PayoutSumParameters = {
  /** Pairs redeemed (a P and a N each). */
  amount: bigint;
  strikeWad: bigint;
  xWad: bigint;
  /** Observed P payout; defaults to this package's `pPayout`. */
  pPaid?: bigint;
  /** Observed N payout; defaults to this package's `nPayout`. */
  nPaid?: bigint;
};

/**
 * PN-4: for `a` pairs, `a - 1 <= pPaid + nPaid <= a`, and each side is at most its exact claim:
 * `pPaid * x <= a * min(S, x)` and `nPaid * x <= a * max(x - S, 0)`.
 */
export function checkPayoutSum(s: PayoutSumParameters): InvariantResult {
  const { amount: a, strikeWad: S, xWad: x } = s;
  const p = s.pPaid ?? pPayout(a, S, x);
  const n = s.nPaid ?? nPayout(a, S, x);
  if (p < 0n || n < 0n) return fail("PN-4", `negative payout: p ${p}, n ${n}`);
  if (p * x > pClaimTimesX(a, S, x)) return fail("PN-4", `P pays ${p}, more than its exact claim on ${a}`);
  if (n * x > nClaimTimesX(a, S, x)) return fail("PN-4", `N pays ${n}, more than its exact claim on ${a}`);
  const sum = p + n;
  if (sum > a || sum + 1n < a) return fail("PN-4", `pair of ${a} pays ${sum}, outside [a - 1, a]`);
  return pass("PN-4");
}

/** PN-5: `x` is written once: if it was set (non-zero) before, it is unchanged after. Zero means "not settled". */
export function checkSettlementWrittenOnce(s: { before: bigint; after: bigint }): InvariantResult {
  if (s.before === 0n || s.after === s.before) return pass("PN-5");
  return fail("PN-5", `settlement changed from ${s.before} to ${s.after}`);
}

export type BalanceChangeParameters = {
  before: bigint;
  after: bigint;
  /** Whether the action was taken by the holder or by a spender the holder approved. */
  byHolderOrSpender: boolean;
};

/** PN-6: a balance falls only by an action of its holder or an approved spender. */
export function checkNoBalanceFallWithoutConsent(s: BalanceChangeParameters): InvariantResult {
  if (s.after >= s.before || s.byHolderOrSpender) return pass("PN-6");
  return fail(
    "PN-6",
    `balance fell from ${s.before} to ${s.after} without the holder or an approved spender`,
  );
}

/** PN-7: the sum of all balances of a side equals its supply. */
export function checkBalancesSumToSupply(s: {
  balances: readonly bigint[];
  supply: bigint;
}): InvariantResult {
  const sum = s.balances.reduce((acc, b) => acc + b, 0n);
  if (sum === s.supply) return pass("PN-7");
  return fail("PN-7", `balances sum to ${sum}, supply is ${s.supply}`);
}
