// End to end on anvil (d): the keeper as a real process, behind a pausable RPC proxy.
// 1. Mining is off; the keeper records its proposal intent and is killed (-9) at once: the transaction may or may
//    not have reached the node. A restarted keeper reconciles and never signs a second proposal.
// 2. The node goes away (proxy paused) while the keeper runs; the keeper retries with backoff and carries on.
// 3. After the question is closed, another restart sends nothing. Transaction counts are read from the chain.

import { parseWad, WAD } from "@pn/core";
import { pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import { getContractEvents, getTransactionCount } from "viem/actions";
import { afterAll, describe, expect, it } from "vitest";
import {
  accounts,
  advance,
  createAndSplit,
  type Devnet,
  defaultSettings,
  deployProtocol,
  never,
  startDevnet,
} from "./helpers/devnet.ts";
import {
  type ChildKeeper,
  keyed,
  M,
  msg,
  spawnKeeper,
  tempDir,
  writeKeeperConfig,
  X_AT_M,
} from "./helpers/keeper.ts";
import { type RpcProxy, startRpcProxy } from "./helpers/proxy.ts";

const keeperAddress = accounts[1]?.address ?? never();

describe("e2e (d): restart safety and RPC loss", () => {
  let net: Devnet;
  let proxy: RpcProxy;
  const children: ChildKeeper[] = [];
  afterAll(async () => {
    for (const c of children) await c.kill();
    await proxy?.close();
    await net?.stop();
  });
  const spawn = (config: string, args: string[] = []) => {
    const child = spawnKeeper(config, args);
    children.push(child);
    return child;
  };

  it("neither loses nor repeats an action across kills, and survives the RPC going away", async () => {
    net = await startDevnet({ timestamp: M - 7200n });
    const protocol = await deployProtocol(net, defaultSettings);
    await createAndSplit(net, {
      ...protocol,
      strikeWad: parseWad("3000"),
      maturity: M,
      holder: accounts[3] ?? never(),
      amount: WAD,
    });
    await advance(net, 7200 + 60);
    proxy = await startRpcProxy(net.anvil.rpcUrl);
    const config = writeKeeperConfig({
      rpcUrl: proxy.url,
      oracle: protocol.oracle,
      core: protocol.core,
      dir: tempDir(),
      extra: { sender: { confirmTimeoutSeconds: 1, maxAttempts: 3 } },
    });
    const nonce = (blockTag: "latest" | "pending") =>
      getTransactionCount(net.publicClient, { address: keeperAddress, blockTag });

    // 1. Kill right after the intent is recorded, with mining off.
    await net.testClient.setAutomine(false);
    const first = spawn(config);
    await first.waitFor(keyed("intent recorded", "propose:"));
    await first.kill("SIGKILL");
    const second = spawn(config);
    await second.waitFor(msg("keeper started"));
    await second.waitFor(
      (l) =>
        l.msg === "tick" || l.msg === "tx not yet mined; will reconcile next tick" || l.msg === "waiting",
    );
    expect(await nonce("pending")).toBe(1); // the one recorded proposal, re-broadcast if it had not gone out
    expect(await nonce("latest")).toBe(0);
    await net.testClient.mine({ blocks: 1 });
    await net.testClient.setAutomine(true);
    await second.waitFor(keyed("intent confirmed", "propose:"));
    const rebroadcast = second.lines.some((l) => l.msg === "intent re-broadcast");
    console.log(
      `restart: the killed keeper's proposal ${rebroadcast ? "had not reached the node; re-broadcast" : "had reached the node"}`,
    );

    // 2. The node goes away while the window runs out; the keeper waits it out and finalizes afterwards.
    proxy.pause();
    await second.waitFor(msg("rpc unavailable; retrying"));
    await advance(net, defaultSettings.challengeWindow + 1);
    proxy.resume();
    await second.waitFor(msg("rpc is back; continuing"));
    await second.waitFor(msg("question closed"));
    await second.kill("SIGKILL");

    // 3. A restart after everything is done sends nothing.
    const third = spawn(config, ["--once"]);
    await new Promise<void>((res) => third.child.once("exit", () => res()));
    expect(third.child.exitCode).toBe(0);
    expect(third.lines.some((l) => l.msg === "intent recorded")).toBe(false);

    // One proposal, one finalize, one settle, one withdraw: four transactions, each once.
    expect(await nonce("latest")).toBe(4);
    const events = { address: protocol.oracle, abi: slowOracleAbi, fromBlock: protocol.startBlock } as const;
    const proposed = await getContractEvents(net.publicClient, { ...events, eventName: "Proposed" });
    expect(proposed.map((e) => e.args.valueWad)).toEqual([X_AT_M]);
    expect(await getContractEvents(net.publicClient, { ...events, eventName: "Finalized" })).toHaveLength(1);
    expect(await getContractEvents(net.publicClient, { ...events, eventName: "Withdrawn" })).toHaveLength(1);
    const settles = await getContractEvents(net.publicClient, {
      address: protocol.core,
      abi: pnCoreAbi,
      eventName: "Settle",
      fromBlock: protocol.startBlock,
    });
    expect(settles.map((e) => e.args.xWad)).toEqual([X_AT_M]);
  });
});
