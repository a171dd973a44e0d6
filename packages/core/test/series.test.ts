import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import {
  InvalidIndexIdError,
  InvalidSeriesKeyError,
  InvalidTickerError,
  indexIdFromTicker,
  packSeriesKey,
  SERIES_KEY_PACKED_LENGTH,
  type SeriesKey,
  seriesId,
  seriesName,
  seriesSymbol,
  tickerFromIndexId,
  tokenArgs,
  UINT40_LIMIT,
  UINT128_LIMIT,
  WAD,
} from "../src/index.ts";
import { createRng } from "./prng.ts";

const DEC_31_2026 = 1_798_675_200n; // 2026-12-31T00:00:00Z
const USD = `0x555344${"00".repeat(29)}` as const;

const key: SeriesKey = {
  collateral: "0x1111111111111111111111111111111111111111",
  oracle: "0x2222222222222222222222222222222222222222",
  indexId: USD,
  strikeWad: 1500n * WAD,
  maturity: DEC_31_2026,
};

describe("packSeriesKey / seriesId", () => {
  // Built by hand from the layout in SeriesKey.sol: collateral, oracle, indexId, strikeWad (uint128, 1500e18 =
  // 0x5150ae84a8cdf00000), maturity (uint40, 1798675200 = 0x6b359b00).
  const packed = `0x${"11".repeat(20)}${"22".repeat(20)}${USD.slice(2)}${"000000000000005150ae84a8cdf00000"}${"006b359b00"}`;

  it("packs 93 bytes in SeriesKeyLib.pack order", () => {
    expect(packSeriesKey(key)).toBe(packed);
    expect((packed.length - 2) / 2).toBe(SERIES_KEY_PACKED_LENGTH);
  });

  it("hashes to the vector computed independently with `cast keccak`", () => {
    expect(seriesId(key)).toBe("0x01cfc60c469c208df738b9cc6bc00a7999b770914a54919c8b663f9cf9255fa3");
  });

  it("changes when any field changes", () => {
    const ids = new Set([
      seriesId(key),
      seriesId({ ...key, collateral: "0x1111111111111111111111111111111111111112" }),
      seriesId({ ...key, oracle: "0x2222222222222222222222222222222222222223" }),
      seriesId({ ...key, indexId: indexIdFromTicker("EUR") }),
      seriesId({ ...key, strikeWad: key.strikeWad + 1n }),
      seriesId({ ...key, maturity: key.maturity + 1n }),
    ]);
    expect(ids.size).toBe(6);
  });

  it("does not depend on address case (checksummed or lowercase)", () => {
    const lower = { ...key, collateral: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" } as const;
    const checksummed = { ...key, collateral: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" } as const;
    expect(seriesId(lower)).toBe(seriesId(checksummed));
  });

  it("tokenArgs appends the side byte (P = 0, N = 1)", () => {
    expect(tokenArgs(key, "P")).toBe(`${packed}00`);
    expect(tokenArgs(key, "N")).toBe(`${packed}01`);
  });

  const invalid: [string, Partial<SeriesKey>][] = [
    ["collateral not an address", { collateral: "0x1234" }],
    ["oracle with a wrong checksum", { oracle: "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" }],
    ["indexId of 31 bytes", { indexId: `0x${"00".repeat(31)}` }],
    ["indexId not hex", { indexId: `0x${"zz".repeat(32)}` }],
    ["strike = 2^128", { strikeWad: UINT128_LIMIT }],
    ["strike < 0", { strikeWad: -1n }],
    ["maturity = 2^40", { maturity: UINT40_LIMIT }],
    ["maturity < 0", { maturity: -1n }],
  ];
  for (const [label, patch] of invalid) {
    it(`rejects ${label} with InvalidSeriesKeyError`, () => {
      expect(() => seriesId({ ...key, ...patch })).toThrowError(InvalidSeriesKeyError);
    });
  }

  it("accepts the field maxima", () => {
    const max = { ...key, strikeWad: UINT128_LIMIT - 1n, maturity: UINT40_LIMIT - 1n };
    expect(packSeriesKey(max).endsWith(`${"ff".repeat(16)}${"ff".repeat(5)}`)).toBe(true);
  });
});

describe("indexIdFromTicker / tickerFromIndexId", () => {
  it("left-aligns ASCII and zero-pads to 32 bytes", () => {
    expect(indexIdFromTicker("USD")).toBe(USD);
    expect(tickerFromIndexId(USD)).toBe("USD");
  });

  it("round-trips random printable tickers of 1..31 characters", () => {
    const rng = createRng(7n);
    for (let i = 0; i < 1_000; i++) {
      const length = 1 + Number(rng.below(31n));
      const ticker = String.fromCharCode(...Array.from({ length }, () => 0x21 + Number(rng.below(94n))));
      expect(tickerFromIndexId(indexIdFromTicker(ticker))).toBe(ticker);
    }
  });

  const badTickers: [string, string][] = [
    ["empty", ""],
    ["32 characters", "A".repeat(32)],
    ["a space", "US D"],
    ["non-ASCII", "€UR"],
    ["a control character", "USD\n"],
  ];
  for (const [label, ticker] of badTickers) {
    it(`rejects ${label} with InvalidTickerError`, () => {
      expect(() => indexIdFromTicker(ticker)).toThrowError(InvalidTickerError);
    });
  }

  const notTickers: [string, Hex][] = [
    ["all zero", `0x${"00".repeat(32)}`],
    ["a hash", "0xdeadbeef00000000000000000000000000000000000000000000000000000001"],
    ["a gap before more bytes", `0x5553004400${"00".repeat(27)}`],
    ["leading zero byte", `0x00555344${"00".repeat(28)}`],
    ["a space", `0x5553204400${"00".repeat(27)}`],
    ["32 printable bytes", `0x${"41".repeat(32)}`],
  ];
  for (const [label, indexId] of notTickers) {
    it(`returns undefined for ${label}`, () => {
      expect(tickerFromIndexId(indexId)).toBeUndefined();
    });
  }

  it("throws InvalidIndexIdError for a value that is not bytes32", () => {
    expect(() => tickerFromIndexId("0x5553")).toThrowError(InvalidIndexIdError);
  });
});

describe("seriesSymbol / seriesName", () => {
  const at = (patch: Partial<SeriesKey>) => ({ ...key, ...patch });
  const cases: [string, SeriesKey, "P" | "N", string][] = [
    ["the canonical example", key, "P", "P-USD-1500-20261231"],
    ["N side", key, "N", "N-USD-1500-20261231"],
    ["a fractional strike", at({ strikeWad: 1500n * WAD + WAD / 2n }), "P", "P-USD-1500.5-20261231"],
    ["a strike below 1", at({ strikeWad: (95n * WAD) / 100n }), "N", "N-USD-0.95-20261231"],
    ["a 1 wei strike", at({ strikeWad: 1n }), "P", "P-USD-0.000000000000000001-20261231"],
    ["a zero strike", at({ strikeWad: 0n }), "P", "P-USD-0-20261231"],
    ["an 08:00 UTC maturity", at({ maturity: DEC_31_2026 + 8n * 3600n }), "P", "P-USD-1500-20261231T0800"],
    ["one second past midnight", at({ maturity: DEC_31_2026 + 1n }), "P", "P-USD-1500-20261231T0000"],
    ["23:59:59 (seconds dropped)", at({ maturity: DEC_31_2026 + 86_399n }), "P", "P-USD-1500-20261231T2359"],
    ["the epoch", at({ maturity: 0n }), "P", "P-USD-1500-19700101"],
    ["a leap day", at({ maturity: 1_709_164_800n }), "P", "P-USD-1500-20240229"],
    ["the largest maturity", at({ maturity: UINT40_LIMIT - 1n }), "P", "P-USD-1500-368120220T0036"],
    ["another ticker", at({ indexId: indexIdFromTicker("CPI-US") }), "N", "N-CPI-US-1500-20261231"],
    [
      "a non-ticker index id",
      at({ indexId: `0xDEADBEEF${"00".repeat(27)}01` }),
      "P",
      "P-0xdeadbeef-1500-20261231",
    ],
    ["an all-zero index id", at({ indexId: `0x${"00".repeat(32)}` }), "P", "P-0x00000000-1500-20261231"],
  ];
  for (const [label, k, side, symbol] of cases) {
    it(`renders ${label} as ${symbol}`, () => {
      expect(seriesSymbol(k, side)).toBe(symbol);
      expect(seriesName(k, side)).toBe(`pn ${symbol}`);
    });
  }

  it("dates agree with an integer civil-calendar reference (days_from_civil inverse) up to 2^40 s", () => {
    const rng = createRng(40n);
    for (let i = 0; i < 2_000; i++) {
      const raw = rng.edgy(UINT40_LIMIT);
      const m = i % 2 === 0 ? raw - (raw % 86_400n) : raw; // half at midnight exactly
      const symbol = seriesSymbol(at({ maturity: m }), "P");
      expect(symbol).toBe(`P-USD-1500-${referenceDate(m)}`);
    }
  });

  it("rejects a strike that is not a uint128", () => {
    expect(() => seriesSymbol(at({ strikeWad: UINT128_LIMIT }), "P")).toThrowError(InvalidSeriesKeyError);
  });
});

/** Reference `YYYYMMDD[THHMM]` in integer arithmetic only (H. Hinnant's civil_from_days), to check the Date path. */
function referenceDate(maturity: bigint): string {
  const days = maturity / 86_400n;
  const secs = maturity % 86_400n;
  const z = days + 719_468n;
  const era = z / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1_460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = doy - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  const year = yoe + era * 400n + (month <= 2n ? 1n : 0n);
  const two = (n: bigint) => n.toString().padStart(2, "0");
  const date = `${year}${two(month)}${two(day)}`;
  return secs === 0n ? date : `${date}T${two(secs / 3_600n)}${two((secs % 3_600n) / 60n)}`;
}
