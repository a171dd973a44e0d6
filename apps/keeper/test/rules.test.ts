// The start-up check: the keeper answers an index only if its on-chain rulesHash is the rules text it implements.

import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../src/framework/log.ts";
import { connectChain, createClients } from "../src/framework/rpc.ts";
import { IndexNotRegisteredError, RulesMismatchError, verifyRules } from "../src/oracle/rules.ts";
import {
  accounts,
  type Devnet,
  deployProtocol,
  never,
  startDevnet,
  USD_RULES_HASH,
} from "./helpers/devnet.ts";
import { M } from "./helpers/keeper.ts";

let net: Devnet;
let ref: Parameters<typeof verifyRules>[0];
beforeAll(async () => {
  net = await startDevnet({ timestamp: M });
  const { oracle } = await deployProtocol(net);
  const rpc = { rpcUrl: net.anvil.rpcUrl, timeoutMs: 2000, retryCount: 0 };
  const { publicClient } = createClients({
    ...rpc,
    chain: await connectChain(rpc),
    account: accounts[1] ?? never(),
  });
  ref = { client: publicClient, oracle };
});
afterAll(async () => net?.stop());

describe("verifyRules", () => {
  it("accepts USD registered with keccak256(docs/indices/USD.txt), warning loudly about too few sources", async () => {
    const { log, lines } = memoryLogger();
    const config = await verifyRules(ref, { ticker: "USD", rulesHash: USD_RULES_HASH, sources: [1, 2] }, log);
    expect(config.challengeWindow).toBe(600n);
    expect(lines[0]).toMatchObject({ level: "warn", sources: 2 });
    expect(String(lines[0]?.msg)).toMatch(/^ONLY 2 PRICE SOURCE\(S\) FOR USD/);
  });

  it("refuses other rules, and an index the oracle does not have", async () => {
    const { log } = memoryLogger();
    const other = keccak256(toHex("pn-protocol index rules: USD (version 2)"));
    await expect(
      verifyRules(ref, { ticker: "USD", rulesHash: other, sources: [1, 2, 3] }, log),
    ).rejects.toBeInstanceOf(RulesMismatchError);
    await expect(
      verifyRules(ref, { ticker: "EUR", rulesHash: other, sources: [1, 2, 3] }, log),
    ).rejects.toBeInstanceOf(IndexNotRegisteredError);
  });
});
