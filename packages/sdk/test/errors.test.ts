import { encodeErrorResult, type Hex, keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
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

  it("tells a foreign or empty revert from a protocol one", () => {
    expect(decodeRevertData("0x")).toBeUndefined();
    expect(decodeRevertData("0xdeadbeef" as Hex)).toBeUndefined();
    expect(decodePnError(new Error("network down"))).toBeUndefined();
  });
});
