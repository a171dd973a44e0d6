import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { pnCoreAbi } from "@pn/sdk";
import { freePort, startAnvil } from "@pn/sdk/testing";
import { type Address, createPublicClient, getAddress, http } from "viem";
import { describe, expect, it } from "vitest";
import { devAccounts, nextFriday0800Utc } from "../lib/devnet.ts";
import { repoRoot } from "../tools.ts";

type Run = {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exit: Promise<number | null>;
};

function runStart(args: readonly string[]): Run {
  const child = spawn(process.execPath, ["scripts/start.ts", ...args], { cwd: repoRoot });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

async function waitForOutput(run: Run, pattern: RegExp): Promise<void> {
  while (!pattern.test(run.output().stdout)) {
    if (run.child.exitCode !== null) throw new Error(`start.ts exited early:\n${run.output().stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function printed(stdout: string, label: string): Address {
  const match = stdout.match(new RegExp(`^\\s+${label}\\s+(0x[0-9a-fA-F]{40})\\b`, "m"));
  if (!match?.[1]) throw new Error(`no "${label}" address in:\n${stdout}`);
  return getAddress(match[1]);
}

const labels = ["WETH", "PNCore", "DevOracle", "P token", "N token"];

/** Every printed contract has code, and the core points at the printed WETH. */
async function expectDeployed(rpcUrl: string, stdout: string): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  for (const label of labels) {
    const code = await client.getCode({ address: printed(stdout, label) });
    expect(code?.length ?? 0, `${label} has no code`).toBeGreaterThan(2);
  }
  const weth = await client.readContract({
    address: printed(stdout, "PNCore"),
    abi: pnCoreAbi,
    functionName: "WETH",
  });
  expect(weth).toBe(printed(stdout, "WETH"));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("npm start", () => {
  it("--once deploys, prints every address, stops anvil and exits 0", async () => {
    const port = await freePort();
    const run = runStart(["--once", "--port", String(port)]);
    expect(await run.exit).toBe(0);
    const { stdout } = run.output();
    expect(stdout).toContain(`RPC URL     http://127.0.0.1:${port}`);
    for (const label of labels) printed(stdout, label);
    expect(stdout).toMatch(/Example series P-USD-\d+-\d{8}T0800 \/ N-USD-\d+-\d{8}T0800/);
    expect(stdout).toContain(devAccounts(1)[0]?.address);
    expect(await portIsFree(port)).toBe(true);
  });

  it("stays up with code at every printed address, and stops anvil on Ctrl-C", async () => {
    const port = await freePort();
    const run = runStart(["--port", String(port), "--no-web"]);
    try {
      await waitForOutput(run, /Press Ctrl-C/);
      await expectDeployed(`http://127.0.0.1:${port}`, run.output().stdout);
    } finally {
      run.child.kill("SIGINT");
    }
    expect(await run.exit).toBe(0);
    expect(run.output().stdout).toContain("anvil stopped.");
    expect(await portIsFree(port)).toBe(true);
  });

  it("--rpc --private-key --once deploys to the given node with the given key", async () => {
    const anvil = await startAnvil();
    try {
      const deployer = devAccounts(2)[1];
      const run = runStart(["--rpc", anvil.rpcUrl, "--private-key", deployer?.privateKey ?? "", "--once"]);
      expect(await run.exit).toBe(0);
      const { stdout } = run.output();
      expect(stdout).toMatch(new RegExp(`Deployer\\s+${deployer?.address}`));
      await expectDeployed(anvil.rpcUrl, stdout);
    } finally {
      await anvil.stop();
    }
  });

  it("a busy port is one clear line and exit 1", async () => {
    const server: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const run = runStart(["--once", "--port", String(port)]);
      expect(await run.exit).toBe(1);
      expect(run.output().stderr).toBe(
        `start: Port ${port} (anvil) is already in use: stop what is using it, or pass --port <n>.\n`,
      );
    } finally {
      server.close();
    }
  });
});

describe("nextFriday0800Utc", () => {
  const at = (iso: string) => BigInt(Date.parse(iso) / 1000);
  it.each([
    ["2026-11-21T12:00:00Z", "2026-11-27T08:00:00Z"], // Saturday
    ["2026-11-26T23:59:59Z", "2026-11-27T08:00:00Z"], // Thursday night
    ["2026-11-27T06:59:59Z", "2026-11-27T08:00:00Z"], // Friday, more than an hour before
    ["2026-11-27T07:00:00Z", "2026-12-04T08:00:00Z"], // Friday, exactly an hour before: next week
    ["2026-11-27T09:00:00Z", "2026-12-04T08:00:00Z"], // Friday, after 08:00
  ])("%s → %s", (now, expected) => {
    expect(nextFriday0800Utc(at(now))).toBe(at(expected));
  });
});
