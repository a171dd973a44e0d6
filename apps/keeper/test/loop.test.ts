// The keeper loop with test doubles: one failing item never stops the others, failures rest with backoff, and an
// unreachable RPC is waited out.

import { join } from "node:path";
import {
  ContractFunctionRevertedError,
  createPublicClient,
  HttpRequestError,
  http,
  TimeoutError,
} from "viem";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import type { Job, JobContext } from "../src/framework/job.ts";
import { memoryLogger } from "../src/framework/log.ts";
import { Keeper } from "../src/framework/loop.ts";
import { isRpcUnavailable } from "../src/framework/rpc.ts";
import type { Sender } from "../src/framework/sender.ts";
import { StateStore } from "../src/framework/state.ts";
import { accounts, never } from "./helpers/devnet.ts";
import { tempDir } from "./helpers/keeper.ts";

const rpcDown = () => new HttpRequestError({ url: "http://127.0.0.1:1", details: "fetch failed" });

function harness(jobs: Job<string>[]) {
  const { log, lines } = memoryLogger();
  const controller = new AbortController();
  const sender: Sender = {
    account: accounts[1] ?? never(),
    send: async () => ({ status: "dry-run" }),
    reconcileAll: async () => ({ inFlight: 0, settled: 0 }),
    registerChecker: () => {},
  };
  const ctx: JobContext = {
    ...{ log, sender, dryRun: false, signal: controller.signal, account: sender.account.address },
    state: StateStore.open({ file: join(tempDir(), "s.json"), lock: false }),
    publicClient: createPublicClient({ chain: foundry, transport: http("http://127.0.0.1:1") }), // never read
  };
  const options = {
    ...{ pollIntervalMs: 5, actedCooldownMs: 60_000, itemFailureBaseMs: 60_000, itemFailureMaxMs: 120_000 },
    ...{ rpcRetryBaseMs: 5, rpcRetryMaxMs: 20 },
  };
  return { keeper: new Keeper({ ctx, jobs, options }), lines, controller };
}

function listJob(name: string, items: string[], handle: Job<string>["handle"]): Job<string> {
  return { name, discover: async () => items, keyOf: (i) => i, handle };
}

describe("Keeper loop", () => {
  it("handles every item even when one fails, and rests the failing one", async () => {
    const handled: string[] = [];
    const job = listJob("j", ["a", "bad", "c"], async (_ctx, item) => {
      if (item === "bad") throw new Error("boom");
      handled.push(item);
      return { outcome: "waiting" };
    });
    const { keeper, lines } = harness([job]);
    expect(await keeper.tick()).toEqual([
      { job: "j", items: 3, acted: 0, waiting: 2, done: 0, failed: 1, resting: 0 },
    ]);
    expect(await keeper.tick()).toEqual([
      { job: "j", items: 3, acted: 0, waiting: 2, done: 0, failed: 0, resting: 1 },
    ]);
    expect(handled).toEqual(["a", "c", "a", "c"]);
    expect(lines.find((l) => l.msg === "item failed; the loop goes on")).toMatchObject({
      item: "bad",
      retryInMs: 60_000,
    });
  });

  it("rests an item after it acted, and skips a job whose discovery fails without stopping the others", async () => {
    const acted = listJob("acts", ["x"], async () => ({ outcome: "acted" }));
    const broken: Job<string> = {
      ...acted,
      name: "broken",
      discover: async () => Promise.reject(new Error("bad index")),
    };
    const { keeper, lines } = harness([broken, acted]);
    const [b1, a1] = await keeper.tick();
    expect(b1).toMatchObject({ job: "broken", items: 0 });
    expect(a1).toMatchObject({ job: "acts", acted: 1 });
    expect((await keeper.tick())[1]).toMatchObject({ acted: 0, resting: 1 });
    expect(
      lines.some((l) => l.msg === "discovery failed; skipping the job this tick" && l.job === "broken"),
    ).toBe(true);
  });

  it("waits out an unreachable RPC with backoff and carries on", async () => {
    let calls = 0;
    const job: Job<string> = {
      ...listJob("j", [], async () => ({ outcome: "waiting" })),
      discover: async () => {
        calls++;
        if (calls <= 3) throw rpcDown();
        return ["ok"];
      },
    };
    const { keeper, lines, controller } = harness([job]);
    const running = keeper.run();
    while (!lines.some((l) => l.msg === "rpc is back; continuing"))
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await running;
    const retries = lines.filter((l) => l.msg === "rpc unavailable; retrying").map((l) => l.delayMs);
    expect(retries).toEqual([5, 10, 20]);
    expect(lines.at(-1)?.msg).toBe("keeper stopped");
  });

  it("tells an unreachable RPC from a failed call", () => {
    expect(isRpcUnavailable(rpcDown())).toBe(true);
    expect(isRpcUnavailable(new TimeoutError({ body: {}, url: "http://x" }))).toBe(true);
    expect(
      isRpcUnavailable(
        new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }),
      ),
    ).toBe(true);
    expect(isRpcUnavailable(new HttpRequestError({ url: "http://x", status: 400 }))).toBe(false);
    expect(isRpcUnavailable(new ContractFunctionRevertedError({ abi: [], functionName: "f" }))).toBe(false);
  });
});
