import { encodeErrorResult, type Hex, keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import * as sdk from "../src/index.ts";
import {
  decodePnError,
  decodeRevertData,
  hasHint,
  PnContractError,
  pnCoreAbi,
  protocolErrorAbi,
} from "../src/index.ts";

const errorNames = [...new Set(protocolErrorAbi.filter((i) => i.type === "error").map((i) => i.name))];

describe("contract error decoding", () => {
  it.each(errorNames)("%s has a user hint", (name) => {
    expect(hasHint(name)).toBe(true);
  });

  it("decodes revert data one-to-one, with arguments", () => {
    const id = keccak256(toBytes("series"));
    const data = encodeErrorResult({
      abi: pnCoreAbi,
      errorName: "SeriesMatured",
      args: [id, 1_798_675_200n],
    });
    const error = decodeRevertData(data);
    expect(error).toBeInstanceOf(PnContractError);
    expect(error?.errorName).toBe("SeriesMatured");
    expect(error?.args).toEqual([id, 1_798_675_200n]);
    expect(error?.shortMessage).toContain("no new pairs can be split");
  });

  it("names every error the deployed bytecode raises by selector (Solady's `mstore(0, sel) revert(0x1c, 4)`)", () => {
    const bytecodes = Object.entries(sdk).filter(([name]) => name.endsWith("Bytecode"));
    expect(bytecodes.length).toBeGreaterThanOrEqual(8);
    const selectors = new Set<string>();
    for (const [, code] of bytecodes) {
      for (const m of String(code).matchAll(/63([0-9a-f]{8})5f526004601cfd/g)) selectors.add(`0x${m[1]}`);
    }
    expect(selectors.size).toBeGreaterThan(10);
    const unnamed = [...selectors].filter((sel) => decodeRevertData(sel as Hex) === undefined);
    expect(unnamed).toEqual([]);
    const transfer = decodeRevertData("0x7939f424");
    expect(transfer?.errorName).toBe("TransferFromFailed");
    expect(transfer?.shortMessage).toContain("allowance");
  });

  it("tells a foreign or empty revert from a protocol one", () => {
    expect(decodeRevertData("0x")).toBeUndefined();
    expect(decodeRevertData("0xdeadbeef" as Hex)).toBeUndefined();
    expect(decodePnError(new Error("network down"))).toBeUndefined();
  });
});
