import { describe, expect, it } from "vitest";
import { calldataFloorGas, executionGas, intrinsicGas } from "../bench/intrinsic.ts";

describe("intrinsicGas", () => {
  it("is 21000 for empty calldata", () => {
    expect(intrinsicGas("0x")).toBe(21_000n);
    expect(intrinsicGas(new Uint8Array())).toBe(21_000n);
  });

  it("charges 4 per zero byte and 16 per non-zero byte", () => {
    expect(intrinsicGas("0x00")).toBe(21_004n);
    expect(intrinsicGas("0x01")).toBe(21_016n);
    expect(intrinsicGas("0xff00ff00")).toBe(21_000n + 2n * 16n + 2n * 4n);
    expect(intrinsicGas(new Uint8Array([0, 0, 7]))).toBe(21_024n);
  });

  it("matches a known ERC-20 transfer calldata", () => {
    // transfer(0x00000000000000000000000000000000000000aa, 1): selector (4 non-zero), 31 zero + 1 non-zero
    // for the address word, 31 zero + 1 non-zero for the amount word.
    const data = `0xa9059cbb${"00".repeat(31)}aa${"00".repeat(31)}01` as const;
    expect(intrinsicGas(data)).toBe(21_000n + 6n * 16n + 62n * 4n);
  });
});

describe("calldataFloorGas", () => {
  it("is 21000 + 10 per token (zero byte = 1 token, non-zero = 4)", () => {
    expect(calldataFloorGas("0x")).toBe(21_000n);
    expect(calldataFloorGas("0x0001")).toBe(21_000n + 10n * 5n);
  });
});

describe("executionGas", () => {
  it("subtracts the intrinsic gas", () => {
    expect(executionGas(70_000n, "0x0001")).toBe(70_000n - 21_020n);
  });

  it("rejects gasUsed below the intrinsic gas or at the calldata floor", () => {
    expect(() => executionGas(20_000n, "0x")).toThrow(RangeError);
    expect(() => executionGas(calldataFloorGas("0x01"), "0x01")).toThrow(/floor/);
  });
});
