// Unit tests of the web app's pure logic: amount parsing, validation, model values, the payoff curve, routes.
import { indexIdFromTicker, type SeriesKey } from "@pn/core";
import { describe, expect, it } from "vitest";
import { parseAmount, parseOptionalAmount } from "../src/lib/amount.ts";
import { formatAmount, formatDuration, formatTick } from "../src/lib/format.ts";
import { payoffCurve } from "../src/lib/payoff.ts";
import { impliedX, modelQuote, positionValue } from "../src/lib/quote.ts";
import { parseRoute, routeHref } from "../src/lib/route.ts";
import { groupMarkets, makeSeriesInfo, phaseOf, type SeriesInfo, seriesLabel } from "../src/lib/series.ts";
import { checkMerge, checkRedeem, checkSplit } from "../src/lib/validate.ts";

const WAD = 10n ** 18n;
const MATURITY = 1_800_000_000n;
const DAY = 86_400n;

function series(overrides: Partial<SeriesKey> = {}, settlementWad = 0n): SeriesInfo {
  const key: SeriesKey = {
    collateral: "0x00000000000000000000000000000000000000c0",
    oracle: "0x00000000000000000000000000000000000000a1",
    indexId: indexIdFromTicker("USD"),
    strikeWad: 1_500n * WAD,
    maturity: MATURITY,
    ...overrides,
  };
  return makeSeriesInfo({
    id: `0x${"11".repeat(31)}${String((key.strikeWad / WAD) % 100n).padStart(2, "0")}`,
    key,
    pToken: "0x00000000000000000000000000000000000000b1",
    nToken: "0x00000000000000000000000000000000000000b2",
    settlementWad,
  });
}

describe("parseAmount", () => {
  it("reads decimals exactly", () => {
    expect(parseAmount("1.5")).toEqual({ ok: true, value: 15n * 10n ** 17n });
    expect(parseAmount(" .25 ")).toEqual({ ok: true, value: WAD / 4n });
    expect(parseAmount("0.000000000000000001")).toEqual({ ok: true, value: 1n });
  });
  it("says what is wrong", () => {
    expect(parseAmount("")).toEqual({ ok: false, message: "Enter an amount." });
    expect(parseAmount("1.2.3")).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not an amount"),
    });
    expect(parseAmount("-1")).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not an amount"),
    });
    expect(parseAmount("1e18")).toMatchObject({ ok: false });
    expect(parseAmount("0")).toEqual({ ok: false, message: "The amount must be more than zero." });
    expect(parseAmount("0.1234567890123456789")).toEqual({
      ok: false,
      message: "Use at most 18 decimal places.",
    });
    expect(parseAmount("340282366920938463464")).toMatchObject({
      ok: false,
      message: expect.stringContaining("too large"),
    });
  });
  it("reads an empty optional amount as zero", () => {
    expect(parseOptionalAmount("")).toEqual({ ok: true, value: 0n });
    expect(parseOptionalAmount("0.0")).toEqual({ ok: true, value: 0n });
    expect(parseOptionalAmount("2")).toEqual({ ok: true, value: 2n * WAD });
  });
});

describe("validation", () => {
  const live = series();
  it("split: matured series, then balance", () => {
    expect(
      checkSplit({ series: live, amount: WAD, ethBalance: 2n * WAD, now: MATURITY - 1n }),
    ).toBeUndefined();
    expect(
      checkSplit({ series: live, amount: 3n * WAD, ethBalance: 2n * WAD, now: MATURITY - 1n }),
    ).toContain("more than your ETH balance (2 ETH)");
    expect(checkSplit({ series: live, amount: WAD, ethBalance: 2n * WAD, now: MATURITY })).toContain(
      "can no longer be split",
    );
  });
  it("merge: at most the smaller side", () => {
    expect(checkMerge({ amount: WAD, p: 2n * WAD, n: WAD })).toBeUndefined();
    expect(checkMerge({ amount: 2n * WAD, p: 2n * WAD, n: WAD })).toContain("you can merge at most 1 pairs");
  });
  it("redeem: settled only, within balances", () => {
    const base = { pAmount: WAD, nAmount: 0n, p: WAD, n: 0n };
    expect(checkRedeem({ series: live, ...base, now: MATURITY - 1n })).toContain("Merge pairs instead");
    expect(checkRedeem({ series: live, ...base, now: MATURITY })).toContain("not settled yet");
    const settled = series({}, 2_500n * WAD);
    expect(checkRedeem({ series: settled, ...base, now: MATURITY })).toBeUndefined();
    expect(checkRedeem({ series: settled, ...base, pAmount: 2n * WAD, now: MATURITY })).toContain(
      "more P than you hold",
    );
    expect(checkRedeem({ series: settled, ...base, pAmount: 0n, now: MATURITY })).toBe(
      "Enter a P or an N amount.",
    );
  });
});

describe("model values", () => {
  it("match the brief's check values for N (S = 1500, x = 1499, 14 days)", () => {
    const s = series({ maturity: MATURITY });
    const now = MATURITY - 14n * DAY;
    const n = (sigma: number) => modelQuote(s, { x: 1499, sigma, now }).nIndex;
    expect(n(0.4)).toBeCloseTo(46, -0.5);
    expect(n(0.6)).toBeCloseTo(70, -0.5);
    expect(n(0.8)).toBeCloseTo(93, -0.5);
  });
  it("keep P + N = 1 ETH and use the exact payoff once settled", () => {
    const q = modelQuote(series(), { x: 2500, sigma: 0.6, now: MATURITY - 30n * DAY });
    expect(q.pEth + q.nEth).toBeCloseTo(1, 12);
    const settled = modelQuote(series({}, 2_500n * WAD), { x: 3000, sigma: 0.6, now: MATURITY + DAY });
    expect(settled.pEth).toBeCloseTo(0.6, 12);
    expect(settled.nEth).toBeCloseTo(0.4, 12);
  });
  it("inverts N's price into the implied x", () => {
    const s = series();
    const now = MATURITY - 30n * DAY;
    const { nEth } = modelQuote(s, { x: 2200, sigma: 0.7, now });
    expect(impliedX(s, { nPriceEth: nEth, sigma: 0.7, now })).toBeCloseTo(2200, 3);
    expect(impliedX(s, { nPriceEth: 1.2, sigma: 0.7, now })).toBeUndefined();
  });
  it("values a position with its collateral ratio and distance to the roll trigger", () => {
    const v = positionValue(series(), { p: WAD, n: 0n }, { x: 3000, sigma: 0.6, now: MATURITY - DAY });
    expect(v.collateralRatio).toBeCloseTo(2, 12);
    expect(v.triggerDistance).toBeCloseTo(0.25, 12); // 1.5·S = 2250 is 25% below 3000
    expect(v.valueIndex).toBeCloseTo(v.valueEth * 3000, 9);
  });
});

describe("payoff curve", () => {
  it("draws P = min(1, S/x) and N = max(0, 1 − S/x) per ETH", () => {
    const curve = payoffCurve({
      strikeWad: 1_500n * WAD,
      pAmount: WAD,
      nAmount: WAD,
      xMax: 3000,
      unit: "eth",
      steps: 4,
    });
    const at = (x: number) => curve.find((c) => c.x === x);
    expect(at(750)).toEqual({ x: 750, p: 1, n: 0 });
    expect(at(3000)).toEqual({ x: 3000, p: 0.5, n: 0.5 });
    // Each side rounds down on its own (PN-4), so a pair pays 1 ETH or 1 wei less.
    for (const c of curve) expect(c.p + c.n).toBeCloseTo(1, 15);
  });
  it("in index units P is min(S, x) and N max(x − S, 0)", () => {
    const curve = payoffCurve({
      strikeWad: 1_500n * WAD,
      pAmount: WAD,
      nAmount: WAD,
      xMax: 3000,
      unit: "index",
      steps: 4,
    });
    expect(curve.find((c) => c.x === 3000)).toEqual({ x: 3000, p: 1500, n: 1500 });
    expect(curve.find((c) => c.x === 750)).toEqual({ x: 750, p: 750, n: 0 });
  });
});

describe("series and routes", () => {
  it("tells a series' phase", () => {
    expect(phaseOf(series(), MATURITY - 1n)).toBe("live");
    expect(phaseOf(series(), MATURITY)).toBe("matured");
    expect(phaseOf(series({}, WAD), MATURITY)).toBe("settled");
  });
  it("keeps an index on two oracles apart", () => {
    const a = series();
    const b = series({ oracle: "0x00000000000000000000000000000000000000a2", strikeWad: 1_501n * WAD });
    const twin = { ...b, key: { ...b.key, strikeWad: a.key.strikeWad } };
    expect(groupMarkets([a, b]).map((g) => g.label)).toEqual([
      "USD · oracle 0x0000…00a1",
      "USD · oracle 0x0000…00a2",
    ]);
    expect(seriesLabel(a, [a])).toBe("USD-1500-20270115T0800");
    expect(seriesLabel(a, [a, twin])).toBe("USD-1500-20270115T0800 · oracle 0x0000…00a1");
    const names = new Map([[a.key.oracle, "DevOracle"]]);
    expect(seriesLabel(a, [a, twin], names)).toBe("USD-1500-20270115T0800 · DevOracle");
    expect(groupMarkets([a, b], names).map((g) => g.label)).toEqual([
      "USD · DevOracle",
      "USD · oracle 0x0000…00a2",
    ]);
  });
  it("parses and builds hash routes", () => {
    const id = `0x${"ab".repeat(32)}` as const;
    expect(parseRoute(`#/trade/${id}/merge`)).toEqual({ page: "trade", seriesId: id, action: "merge" });
    expect(parseRoute("#/trade/nonsense/bogus")).toEqual({
      page: "trade",
      seriesId: undefined,
      action: "split",
    });
    expect(parseRoute(`#/trade/${id}/roll`)).toEqual({ page: "trade", seriesId: id, action: "roll" });
    expect(parseRoute("#/vault")).toEqual({ page: "vault" });
    expect(parseRoute("#/backtest")).toEqual({ page: "backtest" });
    expect(parseRoute("")).toEqual({ page: "markets" });
    expect(routeHref({ page: "trade", seriesId: id, action: "redeem" })).toBe(`#/trade/${id}/redeem`);
  });
  it("formats amounts, durations and ticks", () => {
    expect(formatAmount(1_234_567_891n * 10n ** 15n)).toBe("1,234,567.891");
    expect(formatAmount(15n * 10n ** 17n, 18)).toBe("1.5");
    expect(formatDuration(3n * 86_400n + 4n * 3_600n + 5n)).toBe("3d 4h");
    expect(formatDuration(65)).toBe("1m 05s");
    expect(formatTick(1_200_000)).toBe("1.2M");
    expect(formatTick(0.5)).toBe("0.50");
  });
});
