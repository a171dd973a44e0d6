// The handlers without a chain: check order (the first failing check names the error, as in PNCore), a revert
// leaves the state untouched, payouts use @pn/core's payoff, and the stranded-collateral edge case.

import { indexIdFromTicker, nPayout, pPayout, type SeriesKey, seriesId, WAD } from "@pn/core";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import {
  balancesOf,
  CoreRevertError,
  checkCoreInvariants,
  collateralOf,
  createCoreState,
  createSeries,
  merge,
  oracleReport,
  redeem,
  settle,
  split,
  strandedCollateral,
  suppliesOf,
  tokenBalanceOf,
  transfer,
  ZERO_ADDRESS,
} from "../src/handlers/index.ts";

const core: Address = "0x00000000000000000000000000000000000000c0";
const weth: Address = "0x00000000000000000000000000000000000000e0";
const oracle: Address = "0x00000000000000000000000000000000000000a0";
const alice: Address = "0x0000000000000000000000000000000000000a11";
const bob: Address = "0x0000000000000000000000000000000000000b0b";
const T0 = 1_800_000_000n;

function setup() {
  const state = createCoreState({ core, weth, timestamp: T0, oracles: [{ oracle, reporter: alice }] });
  const key: SeriesKey = {
    collateral: weth,
    oracle,
    indexId: indexIdFromTicker("USD"),
    strikeWad: 1500n * WAD,
    maturity: T0 + 86_400n,
  };
  createSeries(state, { sender: alice, key });
  return { state, key, id: seriesId(key) };
}

/** The contract error name a handler call throws. */
function revertName(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof CoreRevertError) return error.contractError;
    throw error;
  }
  return "ok";
}

describe("handlers: checks in the contract's order", () => {
  it("split: ZeroAmount before AmountOverflow before ZeroAddress before SeriesNotFound before SeriesMatured", () => {
    const { state, key } = setup();
    const other = { ...key, strikeWad: 1n };
    const op = { sender: alice, key, amount: 1n, to: alice, value: 1n };
    expect(revertName(() => split(state, { ...op, amount: 0n, to: ZERO_ADDRESS, key: other }))).toBe(
      "ZeroAmount",
    );
    expect(revertName(() => split(state, { ...op, amount: 1n << 128n, to: ZERO_ADDRESS }))).toBe(
      "AmountOverflow",
    );
    expect(revertName(() => split(state, { ...op, to: ZERO_ADDRESS, key: other }))).toBe("ZeroAddress");
    state.timestamp = key.maturity;
    expect(revertName(() => split(state, { ...op, key: other }))).toBe("SeriesNotFound");
    expect(revertName(() => split(state, op))).toBe("SeriesMatured");
  });

  it("merge has no existence check: an unknown series reverts InsufficientBalance (P first)", () => {
    const { state, key } = setup();
    const error = (() => {
      try {
        merge(state, { sender: bob, key: { ...key, strikeWad: 7n }, amount: 1n, to: bob, asETH: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CoreRevertError);
    expect((error as CoreRevertError).contractError).toBe("InsufficientBalance");
    expect((error as CoreRevertError).args[1]).toBe(0); // Side.P
  });

  it("settle: NotMatured, then OracleNotFinal, then InvalidSettlementValue, then AlreadySettled", () => {
    const { state, key } = setup();
    expect(revertName(() => settle(state, { sender: bob, key }))).toBe("NotMatured");
    state.timestamp = key.maturity;
    expect(revertName(() => settle(state, { sender: bob, key }))).toBe("OracleNotFinal");
    expect(
      revertName(() =>
        oracleReport(state, {
          sender: bob,
          oracle,
          indexId: key.indexId,
          timestamp: key.maturity,
          valueWad: 1n,
        }),
      ),
    ).toBe("OnlyReporter");
    oracleReport(state, {
      sender: alice,
      oracle,
      indexId: key.indexId,
      timestamp: key.maturity,
      valueWad: 1n << 128n,
    });
    expect(revertName(() => settle(state, { sender: bob, key }))).toBe("InvalidSettlementValue");
  });
});

describe("handlers: effects", () => {
  it("a revert leaves the state exactly as it was", () => {
    const { state, key, id } = setup();
    split(state, { sender: alice, key, amount: 5n * WAD, to: alice, value: 5n * WAD });
    const before = structuredClone({
      b: [...state.balances],
      s: [...state.supplies],
      t: [...state.tokenBalances],
    });
    // Split writes supplies and balances before the value check fails: all undone.
    expect(
      revertName(() => split(state, { sender: alice, key, amount: WAD, to: bob, value: WAD + 1n })),
    ).toBe("NativeValueMismatch");
    expect({ b: [...state.balances], s: [...state.supplies], t: [...state.tokenBalances] }).toEqual(before);
    expect(suppliesOf(state, id)).toEqual({ pSupply: 5n * WAD, nSupply: 5n * WAD });
  });

  it("redeem pays pPayout + nPayout from @pn/core and keeps every invariant", () => {
    const { state, key, id } = setup();
    split(state, { sender: alice, key, amount: 3n * WAD, to: alice, value: 3n * WAD });
    transfer(state, { sender: alice, key, side: "N", to: bob, amount: WAD });
    state.timestamp = key.maturity;
    const x = 2500n * WAD;
    oracleReport(state, {
      sender: alice,
      oracle,
      indexId: key.indexId,
      timestamp: key.maturity,
      valueWad: x,
    });
    settle(state, { sender: bob, key });
    const { payout } = redeem(state, {
      sender: alice,
      key,
      pAmount: 3n * WAD,
      nAmount: 2n * WAD,
      to: alice,
      asETH: false,
    });
    expect(payout).toBe(pPayout(3n * WAD, key.strikeWad, x) + nPayout(2n * WAD, key.strikeWad, x));
    expect(tokenBalanceOf(state, weth, alice)).toBe(payout);
    expect(balancesOf(state, id, bob)).toEqual({ p: 0n, n: WAD });
    expect(collateralOf(state, id)).toBe(3n * WAD - payout);
    expect(checkCoreInvariants(state).filter((r) => !r.ok)).toEqual([]);
  });

  it("an ETH payout to WETH is wrapped back for the core: stranded, but still covering every claim", () => {
    const { state, key, id } = setup();
    split(state, { sender: alice, key, amount: 2n * WAD, to: alice, value: 2n * WAD });
    merge(state, { sender: alice, key, amount: WAD, to: weth, asETH: true });
    expect(collateralOf(state, id)).toBe(WAD);
    expect(strandedCollateral(state)).toBe(WAD);
    expect(checkCoreInvariants(state).filter((r) => !r.ok)).toEqual([]);
  });
});
