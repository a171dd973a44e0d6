// The web app's dev accounts must be the devnet's: one mnemonic, defined in scripts/lib/devnet.ts.
import { describe, expect, it } from "vitest";
import { devAccounts, devMnemonic } from "../../../scripts/lib/devnet.ts";
import { DEV_MNEMONIC, devAccount, isDevnet } from "../src/wallet/devAccounts.ts";

describe("dev accounts", () => {
  it("use the devnet's mnemonic", async () => {
    expect(DEV_MNEMONIC).toBe(devMnemonic);
    expect((await devAccount(3)).address).toBe(devAccounts(4)[3]?.address);
  });
  it("are offered only on a local anvil chain", () => {
    const base = { version: 1, startBlock: "0", contracts: { weth: "0x0", core: "0x0" } } as const;
    expect(isDevnet({ ...base, chainId: 31337, rpcUrl: "http://127.0.0.1:8545" })).toBe(true);
    expect(isDevnet({ ...base, chainId: 31337, rpcUrl: "https://rpc.example.org" })).toBe(false);
    expect(isDevnet({ ...base, chainId: 1, rpcUrl: "http://127.0.0.1:8545" })).toBe(false);
  });
});
