// Starts a real anvil on 127.0.0.1 for tests, benchmarks and the devnet. The caller stops it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

export type AnvilOptions = {
  /** Port to bind; a free one is chosen when omitted. */
  port?: number;
  chainId?: number;
  /** Start time of the chain (unix seconds). */
  timestamp?: bigint;
  /** Seconds between automatic blocks; blocks are mined per transaction when omitted. */
  blockTime?: number;
  /** Milliseconds to wait for the RPC to answer. */
  startupTimeoutMs?: number;
};

export type Anvil = {
  rpcUrl: string;
  port: number;
  stop: () => Promise<void>;
};

export class AnvilStartError extends Error {
  override name = "AnvilStartError";
}

/** The anvil binary: the pinned npm package when installed, else `anvil` on PATH. */
export function anvilBinary(): string {
  const local = join(repoRoot, "node_modules", "@foundry-rs/anvil-linux-amd64", "bin", "anvil");
  return existsSync(local) ? local : "anvil";
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Spawns anvil and resolves once its RPC answers. */
export async function startAnvil(options: AnvilOptions = {}): Promise<Anvil> {
  const port = options.port ?? (await freePort());
  const args = [
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--chain-id",
    String(options.chainId ?? 31337),
  ];
  if (options.timestamp !== undefined) args.push("--timestamp", options.timestamp.toString());
  if (options.blockTime !== undefined) args.push("--block-time", String(options.blockTime));
  const child: ChildProcess = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const spawnError = new Promise<Error>((res) => child.once("error", (err) => res(err)));
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startupTimeoutMs ?? 15_000);
  let failure: string | undefined;
  void spawnError.then((err) => {
    failure = `anvil could not start (${err.message}); run \`npm ci\` to install it`;
  });
  void exited.then((code) => {
    failure ??= `anvil exited with code ${code}: ${stderr.trim() || "no output"}`;
  });
  while (!(await rpcAnswers(rpcUrl))) {
    if (failure !== undefined) throw new AnvilStartError(failure);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new AnvilStartError(`anvil did not answer on ${rpcUrl} within the timeout`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  return { rpcUrl, port, stop };
}
