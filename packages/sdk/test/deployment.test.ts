import { describe, expect, it } from "vitest";
import { InvalidDeploymentError, parseDeployment } from "../src/index.ts";

const base = {
  version: 1,
  chainId: 31337,
  rpcUrl: "http://127.0.0.1:8545",
  startBlock: "0",
  contracts: {
    weth: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    core: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  },
};

describe("deployment file", () => {
  it("normalises addresses and keeps optional contracts", () => {
    const d = parseDeployment({
      ...base,
      contracts: { ...base.contracts, vaults: { pnUSD: base.contracts.core } },
    });
    expect(d.contracts.weth).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(d.contracts.vaults?.pnUSD).toBe(base.contracts.core);
    expect(d.contracts.market).toBeUndefined();
  });
  it("names what is wrong", () => {
    expect(() => parseDeployment({ ...base, version: 2 })).toThrow(InvalidDeploymentError);
    expect(() => parseDeployment({ ...base, contracts: { weth: "0x1", core: base.contracts.core } })).toThrow(
      /contracts.weth is not an address/,
    );
  });
});
