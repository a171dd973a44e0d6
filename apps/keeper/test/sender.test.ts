// The transaction sender against a real anvil: simulation first, intents recorded before broadcast, and
// reconciliation after a crash at each point never sends an action twice.

import { join } from "node:path";
import { indexIdFromTicker, WAD } from "@pn/core";
import { devWethAbi, slowOracleAbi } from "@pn/sdk";
import { createWalletClient, custom, type HDAccount, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { getTransactionCount, readContract, sendTransaction, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionGaveUpError, SimulationRevertedError } from "../src/framework/errors.ts";
import { memoryLogger } from "../src/framework/log.ts";
import { connectChain, createClients } from "../src/framework/rpc.ts";
import { type TxAction, TxSender } from "../src/framework/sender.ts";
import { type Intent, type IntentInput, StateStore } from "../src/framework/state.ts";
import {
  accounts,
  type Devnet,
  defaultSettings,
  deployProtocol,
  MNEMONIC,
  never,
  startDevnet,
  USD,
} from "./helpers/devnet.ts";
import { M, tempDir } from "./helpers/keeper.ts";

let net: Devnet;
let protocol: Awaited<ReturnType<typeof deployProtocol>>;
beforeAll(async () => {
  net = await startDevnet({ timestamp: M });
  protocol = await deployProtocol(net);
});
afterAll(async () => net?.stop());

type SenderOptions = { dryRun?: boolean; afterRecord?: (intent: Intent) => void; confirmTimeoutMs?: number };

async function makeSender(account: HDAccount, stateFile: string, options: SenderOptions = {}) {
  const rpc = { rpcUrl: net.anvil.rpcUrl, timeoutMs: 2000, retryCount: 0 };
  const chain = await connectChain(rpc);
  const { publicClient, walletClient } = createClients({ ...rpc, chain, account });
  const state = StateStore.open({ file: stateFile, lock: false });
  const { log, lines } = memoryLogger();
  const sender = new TxSender({
    ...{ publicClient, walletClient, state, log, dryRun: options.dryRun ?? false, maxAttempts: 3 },
    confirmTimeoutMs: options.confirmTimeoutMs ?? 5000,
    pollingIntervalMs: 50,
    ...(options.afterRecord === undefined ? {} : { afterRecord: options.afterRecord }),
  });
  return { sender, state, lines };
}

const deposit = (key: string, extra: Partial<TxAction> = {}): TxAction => ({
  key,
  kind: "deposit",
  params: {},
  call: { address: protocol.weth, abi: devWethAbi, functionName: "deposit", args: [], value: WAD },
  ...extra,
});
const wethOf = (address: `0x${string}`) =>
  readContract(net.publicClient, {
    address: protocol.weth,
    abi: devWethAbi,
    functionName: "balanceOf",
    args: [address],
  });
const nonceOf = (address: `0x${string}`, blockTag: "latest" | "pending" = "latest") =>
  getTransactionCount(net.publicClient, { address, blockTag });

class Crash extends Error {}
const crash = () => {
  throw new Crash("killed between recording and broadcasting");
};

describe("TxSender", () => {
  it("simulates first: a revert is decoded and logged, and nothing is sent or recorded", async () => {
    const account = accounts[1] ?? never();
    const { sender, state, lines } = await makeSender(account, join(tempDir(), "s.json"));
    const eur = indexIdFromTicker("EUR");
    const action: TxAction = {
      key: `propose:${eur}:1`,
      kind: "propose",
      params: {},
      call: {
        address: protocol.oracle,
        abi: slowOracleAbi,
        functionName: "propose",
        args: [eur, 1n, WAD],
        value: WAD,
      },
    };
    const error = await sender.send(action).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationRevertedError);
    expect(error).toMatchObject({ errorName: "IndexNotFound", errorArgs: [eur] });
    expect(lines.find((l) => l.msg === "simulation reverted; not sending")).toMatchObject({
      errorName: "IndexNotFound",
      errorArgs: [eur],
      hint: expect.stringMatching(/./),
      fix: expect.stringMatching(/./),
    });
    expect(state.intents()).toEqual([]);
    expect(await nonceOf(account.address)).toBe(0);
  });

  it("a revert at the gas estimate (the chain moved after the simulation) is logged and nothing is recorded", async () => {
    const account = mnemonicToAccount(MNEMONIC, { addressIndex: 8 });
    const t = M - 3_600n;
    const bond = defaultSettings.bondWei;
    const propose = {
      address: protocol.oracle,
      abi: slowOracleAbi,
      functionName: "propose",
      args: [USD, t, WAD],
      value: bond,
    } as const;
    // The node the sender signs through: just before the first gas estimate, a rival proposes the same question.
    let rivalDone = false;
    const node = http(net.anvil.rpcUrl);
    const moving = custom({
      request: async ({ method, params }) => {
        if (!rivalDone && (method === "eth_estimateGas" || method === "eth_fillTransaction")) {
          rivalDone = true;
          await net.confirm(
            await writeContract(net.wallet(accounts[0] ?? never()), { ...propose, chain: net.chain }),
          );
        }
        return node({ chain: net.chain }).request({ method, params });
      },
    });
    const walletClient = createWalletClient({ chain: net.chain, account, transport: moving });
    const rpc = { rpcUrl: net.anvil.rpcUrl, timeoutMs: 2000, retryCount: 0 };
    const { publicClient } = createClients({ ...rpc, chain: await connectChain(rpc), account });
    const state = StateStore.open({ file: join(tempDir(), "s.json"), lock: false });
    const { log, lines } = memoryLogger();
    const sender = new TxSender({
      ...{ publicClient, walletClient, state, log, dryRun: false, maxAttempts: 3 },
      ...{ confirmTimeoutMs: 5000, pollingIntervalMs: 50 },
    });
    const action: TxAction = { key: `propose:${USD}:${t}`, kind: "propose", params: {}, call: propose };
    const error = await sender.send(action).catch((e: unknown) => e);
    expect(rivalDone).toBe(true);
    expect(error).toBeInstanceOf(SimulationRevertedError);
    expect(error).toMatchObject({ errorName: "AlreadyProposed", errorArgs: [USD, t] });
    expect(lines.find((l) => l.msg === "gas estimate reverted; not sending")).toMatchObject({
      errorName: "AlreadyProposed",
      hint: expect.stringMatching(/./),
    });
    expect(state.intents()).toEqual([]);
    expect(await nonceOf(account.address)).toBe(0);
  });

  it("a crash after recording, before broadcasting: the restart broadcasts the recorded bytes, once", async () => {
    const account = accounts[2] ?? never();
    const file = join(tempDir(), "s.json");
    const first = await makeSender(account, file, { afterRecord: crash });
    await expect(first.sender.send(deposit("deposit:a"))).rejects.toBeInstanceOf(Crash);
    const recorded = first.state.intent("deposit:a");
    expect(recorded?.status).toBe("signed");
    expect(await nonceOf(account.address, "pending")).toBe(0); // never reached the node

    const second = await makeSender(account, file);
    await second.sender.reconcileAll(); // re-broadcasts the identical signed transaction
    expect(second.lines.some((l) => l.msg === "intent re-broadcast")).toBe(true);
    await second.sender.reconcileAll(); // now mined
    expect(second.state.intent("deposit:a")).toMatchObject({ status: "confirmed", hash: recorded?.hash });
    expect(await second.sender.send(deposit("deposit:a"))).toEqual({
      status: "confirmed",
      hash: recorded?.hash,
      fresh: false,
    });
    expect(await nonceOf(account.address)).toBe(1);
    expect(await wethOf(account.address)).toBe(WAD);
  });

  it("a crash after broadcasting, before the receipt: the restart waits for the same transaction", async () => {
    const account = accounts[3] ?? never();
    const file = join(tempDir(), "s.json");
    await net.testClient.setAutomine(false);
    try {
      const first = await makeSender(account, file, { confirmTimeoutMs: 200 });
      const out = await first.sender.send(deposit("deposit:b"));
      expect(out.status).toBe("pending");
      const second = await makeSender(account, file, { confirmTimeoutMs: 200 });
      expect((await second.sender.send(deposit("deposit:b"))).status).toBe("pending");
      expect(await nonceOf(account.address, "pending")).toBe(1); // still the one transaction
      await net.testClient.mine({ blocks: 1 });
      await second.sender.reconcileAll();
      expect(second.state.intent("deposit:b")?.status).toBe("confirmed");
    } finally {
      await net.testClient.setAutomine(true);
    }
    expect(await wethOf(account.address)).toBe(WAD);
  });

  it("an intent whose nonce another transaction used is dropped, and the action is redone once", async () => {
    const account = accounts[4] ?? never();
    const file = join(tempDir(), "s.json");
    const first = await makeSender(account, file, { afterRecord: crash });
    await expect(first.sender.send(deposit("deposit:c"))).rejects.toBeInstanceOf(Crash);
    // The same key signs something else with that nonce (say, by hand), so the recorded one can never be mined.
    await net.confirm(
      await sendTransaction(net.wallet(account), { to: account.address, value: 0n, nonce: 0 }),
    );
    const second = await makeSender(account, file);
    await second.sender.reconcileAll();
    expect(second.state.intent("deposit:c")?.status).toBe("dropped");
    const out = await second.sender.send(
      deposit("deposit:c", { isDone: async () => (await wethOf(account.address)) > 0n }),
    );
    expect(out).toMatchObject({ status: "confirmed", fresh: true });
    expect(second.state.intent("deposit:c")).toMatchObject({ attempts: 2, nonce: 1 });
    // Both attempts are kept: the dropped one (nonce 0) and the one that landed (nonce 1).
    expect(second.state.intent("deposit:c")?.history.map((h) => [h.attempt, h.nonce, h.status])).toEqual([
      [1, 0, "dropped"],
      [2, 1, "confirmed"],
    ]);
    expect(await second.sender.send(deposit("deposit:c"))).toMatchObject({
      status: "confirmed",
      fresh: false,
    });
    expect(await wethOf(account.address)).toBe(WAD);
  });

  it("skips an action the chain already shows done, and sends nothing in a dry run", async () => {
    const account = accounts[5] ?? never();
    const { sender, state } = await makeSender(account, join(tempDir(), "s.json"));
    expect(await sender.send(deposit("deposit:d", { isDone: async () => true }))).toEqual({
      status: "already-done",
    });
    const dry = await makeSender(account, join(tempDir(), "s.json"), { dryRun: true });
    expect(await dry.sender.send(deposit("deposit:e"))).toEqual({ status: "dry-run" });
    expect(dry.lines.find((l) => l.msg === "dry run: would send")).toMatchObject({ functionName: "deposit" });
    expect([...state.intents(), ...dry.state.intents()]).toEqual([]);
    expect(await nonceOf(account.address)).toBe(0);
  });

  it("gives up on a key after maxAttempts failed on-chain attempts", async () => {
    const account = accounts[6] ?? never();
    const { sender, state } = await makeSender(account, join(tempDir(), "s.json"));
    const failed: IntentInput = {
      ...{
        key: "deposit:f",
        kind: "deposit",
        params: {},
        from: account.address,
        to: protocol.weth,
        data: "0x",
      },
      ...{ value: "0", nonce: 0, hash: "0x01", raw: "0x02", status: "reverted", attempts: 3 },
      ...{ createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" },
    };
    state.putIntent(failed);
    await expect(sender.send(deposit("deposit:f"))).rejects.toBeInstanceOf(ActionGaveUpError);
  });
});
