// An anvil the daemon's fault tests can restart. Two faithful models of "the node went away":
// - restart(): graceful stop (SIGTERM; anvil dumps its state on exit), then a new anvil on the same port loading
//   that state. The chain (blocks, receipts, balances, nonces) survives; the mempool does not. The clock resumes
//   just after the last block (`--timestamp`), as a real node's would, instead of jumping to wall time.
// - crashTo(checkpoint): SIGKILL, then a new anvil from an earlier dump (`anvil_dumpState`): everything mined
//   since the checkpoint is gone, as after a crash that lost recent blocks (a deep reorg, seen from the daemon).

import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { anvilBinary, freePort } from "@pn/sdk/testing";

export type Chain = {
  rpcUrl: string;
  port: number;
  /** Latest block timestamp. */
  now: () => Promise<bigint>;
  rpc: <T>(method: string, params?: unknown[]) => Promise<T>;
  restart: (options?: { downMs?: number }) => Promise<void>;
  /** Writes the chain as it is now to a file (for crashTo). */
  checkpoint: (name: string) => Promise<string>;
  crashTo: (file: string, options?: { downMs?: number }) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startChain(p: { timestamp: bigint; dir: string }): Promise<Chain> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const statePath = join(p.dir, "anvil-state.json");
  let child: ChildProcess | undefined;
  let stderr = "";

  const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  };
  const now = async () =>
    BigInt((await rpc<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false])).timestamp);

  const launch = async (args: string[]) => {
    const proc = spawn(
      anvilBinary(),
      ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337", ...args],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    proc.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child = proc;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await rpc("eth_chainId");
        return;
      } catch {
        if (proc.exitCode !== null) throw new Error(`anvil exited: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`anvil did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill(signal);
    await exited;
  };

  await launch(["--timestamp", p.timestamp.toString(), "--state", statePath]);
  return {
    rpcUrl,
    port,
    now,
    rpc,
    restart: async ({ downMs = 300 } = {}) => {
      const resumeAt = (await now()) + 1n;
      await halt("SIGTERM");
      await new Promise((r) => setTimeout(r, downMs));
      await launch(["--state", statePath, "--timestamp", resumeAt.toString()]);
    },
    checkpoint: async (name) => {
      const dump = await rpc<string>("anvil_dumpState");
      const file = join(p.dir, `${name}.json`);
      writeFileSync(file, gunzipSync(Buffer.from(dump.slice(2), "hex")));
      return file;
    },
    crashTo: async (file, { downMs = 300 } = {}) => {
      const resumeAt = (await now()) + 1n;
      await halt("SIGKILL");
      await new Promise((r) => setTimeout(r, downMs));
      await launch(["--load-state", file, "--dump-state", statePath, "--timestamp", resumeAt.toString()]);
    },
    stop: () => halt("SIGKILL"),
  };
}
