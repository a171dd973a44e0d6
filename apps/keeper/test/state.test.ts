import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { StateFileError, StateLockedError } from "../src/framework/errors.ts";
import { type IntentInput, MAX_ATTEMPTS_KEPT, StateStore, writeAtomic } from "../src/framework/state.ts";
import { tempDir } from "./helpers/keeper.ts";

const intent = (key: string, nonce: number): IntentInput => ({
  key,
  kind: "propose",
  params: { indexId: "0x01", timestamp: "1" },
  from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  to: "0x0000000000000000000000000000000000000001",
  data: "0x",
  value: "100",
  nonce,
  hash: "0xabc0",
  raw: "0x02",
  status: "signed",
  attempts: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

describe("StateStore", () => {
  it("creates the file, and a reopened store sees every intent and job value", () => {
    const file = join(tempDir(), "nested", "state.json");
    const a = StateStore.open({ file });
    expect(existsSync(file)).toBe(true);
    a.putIntent(intent("propose:a", 0));
    a.putIntent({ ...intent("propose:a", 0), status: "confirmed" });
    a.putIntent(intent("dispute:b", 1));
    a.setJob("oracle", { nextBlock: "42" });
    a.close();
    const b = StateStore.open({ file });
    expect(b.intents().map((i) => [i.key, i.status])).toEqual([
      ["propose:a", "confirmed"],
      ["dispute:b", "signed"],
    ]);
    expect(b.job("oracle", z.object({ nextBlock: z.string() }), { nextBlock: "0" })).toEqual({
      nextBlock: "42",
    });
    expect(b.job("other", z.number(), 7)).toBe(7);
    b.close();
  });

  it("keeps every attempt of a key (the last 16), with the total count, across reopening", () => {
    const file = join(tempDir(), "state.json");
    const a = StateStore.open({ file });
    const attempt = (n: number): IntentInput => ({
      ...intent("deposit:a", n - 1),
      attempts: n,
      hash: `0x${n.toString(16).padStart(4, "0")}`,
    });
    a.putIntent(attempt(1));
    a.putIntent({ ...attempt(1), status: "sent" });
    a.putIntent({ ...attempt(1), status: "reverted", blockNumber: "7" });
    const second = a.putIntent(attempt(2));
    expect(second.history.map((h) => [h.attempt, h.hash, h.status, h.blockNumber])).toEqual([
      [1, "0x0001", "reverted", "7"],
      [2, "0x0002", "signed", undefined],
    ]);
    for (let n = 3; n <= 20; n++) a.putIntent({ ...attempt(n), status: "dropped" });
    a.putIntent({ ...attempt(20), status: "confirmed" }); // the latest attempt's update, not a new attempt
    a.close();
    const b = StateStore.open({ file });
    const kept = b.intent("deposit:a");
    expect(kept?.attempts).toBe(20);
    expect(kept?.history).toHaveLength(MAX_ATTEMPTS_KEPT);
    expect(kept?.history.map((h) => h.attempt)).toEqual(Array.from({ length: 16 }, (_, i) => i + 5));
    expect(kept?.history.at(-1)).toMatchObject({ attempt: 20, nonce: 19, status: "confirmed" });
    expect(kept?.history.slice(0, -1).every((h) => h.status === "dropped")).toBe(true);
    b.close();
  });

  it("loads a state file written before histories were kept: each intent's one attempt is its history", () => {
    const file = join(tempDir(), "state.json");
    const old = { ...intent("propose:a", 3), status: "reverted", attempts: 2, blockNumber: "9" };
    writeFileSync(file, JSON.stringify({ version: 1, intents: { "propose:a": old }, jobs: {} }));
    const store = StateStore.open({ file });
    expect(store.intent("propose:a")).toEqual({
      ...old,
      history: [
        {
          attempt: 2,
          nonce: 3,
          hash: old.hash,
          raw: old.raw,
          status: "reverted",
          createdAt: old.createdAt,
          updatedAt: old.updatedAt,
          blockNumber: "9",
        },
      ],
    });
    // A third attempt extends it.
    store.putIntent({ ...intent("propose:a", 4), attempts: 3, hash: "0xabc1" });
    expect(store.intent("propose:a")?.history.map((h) => [h.attempt, h.status])).toEqual([
      [2, "reverted"],
      [3, "signed"],
    ]);
    store.close();
  });

  it("writes atomically: no temp file is left and the file is always whole JSON", () => {
    const dir = tempDir();
    const file = join(dir, "f.json");
    for (let i = 0; i < 20; i++) writeAtomic(file, JSON.stringify({ i }));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ i: 19 });
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });

  it("survives kill -9 in the middle of writes", async () => {
    const file = join(tempDir(), "state.json");
    const child = spawn(process.execPath, [resolve(import.meta.dirname, "fixtures/stateWriter.ts"), file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let durable = 0;
    await new Promise<void>((res) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const seqs = chunk.toString().trim().split("\n").map(Number);
        durable = Math.max(durable, ...seqs);
        if (durable >= 200) res();
      });
    });
    child.kill("SIGKILL");
    await new Promise((res) => child.once("exit", res));
    const reopened = StateStore.open({ file }); // the killed writer's lock is stale
    const seq = reopened.job("writer", z.object({ seq: z.number() }), { seq: -1 }).seq;
    expect(seq).toBeGreaterThanOrEqual(durable); // nothing acknowledged was lost
    reopened.close();
  });

  it("reports a corrupt or foreign file with what to do", () => {
    const dir = tempDir();
    const corrupt = join(dir, "corrupt.json");
    writeFileSync(corrupt, "{ not json");
    expect(() => StateStore.open({ file: corrupt, lock: false })).toThrow(StateFileError);
    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, JSON.stringify({ version: 2 }));
    expect(() => StateStore.open({ file: foreign, lock: false })).toThrow(/does not match the state format/);
  });

  it("refuses a state file locked by another live process", () => {
    const file = join(tempDir(), "state.json");
    writeFileSync(`${file}.lock`, String(process.ppid)); // a live process that is not this one
    expect(() => StateStore.open({ file })).toThrow(StateLockedError);
    writeFileSync(`${file}.lock`, "999999999"); // a dead one: stale, taken over
    StateStore.open({ file }).close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
