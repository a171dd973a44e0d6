// `npm start`: a local devnet. Starts anvil, deploys WETH + PNCore + DevOracle, creates an example series,
// prints where everything is, and keeps anvil up until Ctrl-C.
//   --port <n>             anvil's port (default 8545)
//   --once                 deploy, print, stop anvil and exit (for tests and smoke checks)
//   --rpc <url>            deploy to this node instead of starting anvil (then exits)
//   --private-key <key>    deployer for --rpc (default: anvil's first dev account)
//   --out <path>           where to write the deployment file (default .devnet/deployment.json)
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Anvil, AnvilStartError, startAnvil } from "@pn/sdk/testing";
import { BaseError, type Hex, isHex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import {
  type Devnet,
  deployDevnet,
  devAccounts,
  devMnemonic,
  formatDevnet,
  toDeployment,
} from "./lib/devnet.ts";
import { repoRoot } from "./tools.ts";

const usage = "Usage: npm start -- [--port <n>] [--once] | [--rpc <url> [--private-key <0x…>]]";

/** A problem the user can fix: printed as one line, exit 1. */
class StartError extends Error {
  override name = "StartError";
}

function parse() {
  const options = {
    port: { type: "string" },
    once: { type: "boolean", default: false },
    rpc: { type: "string" },
    "private-key": { type: "string" },
    out: { type: "string" },
  } as const;
  try {
    return parseArgs({ options }).values;
  } catch (err) {
    throw new StartError(`${err instanceof Error ? err.message : String(err)}. ${usage}`);
  }
}

function options() {
  const values = parse();
  const port = Number(values.port ?? 8545);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new StartError(`--port ${values.port} is not a port.`);
  if (values.rpc !== undefined && values.port !== undefined)
    throw new StartError("--port only applies without --rpc.");
  const key = values["private-key"];
  if (key !== undefined && values.rpc === undefined) throw new StartError("--private-key needs --rpc <url>.");
  if (key !== undefined && !(isHex(key) && key.length === 66))
    throw new StartError("--private-key must be 0x + 64 hex digits.");
  const out = resolve(repoRoot, values.out ?? join(".devnet", "deployment.json"));
  return { port, once: values.once, rpc: values.rpc, key: key as Hex | undefined, out };
}

/** Resolves if `port` can be bound on 127.0.0.1; else a StartError naming the port. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () =>
      reject(new StartError(`Port ${port} is already in use: stop what is using it, or pass --port <n>.`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

function writeDeployment(path: string, devnet: Devnet): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(toDeployment(devnet), null, 2)}\n`);
  console.log(`Deployment written to ${relative(repoRoot, path)}`);
}

function untilSignal(): Promise<void> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  return new Promise((resolve) => {
    const done = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.rpc !== undefined) {
    const account = opts.key ? privateKeyToAccount(opts.key) : mnemonicToAccount(devMnemonic);
    const devnet = await deployDevnet({ rpcUrl: opts.rpc, account });
    writeDeployment(opts.out, devnet);
    console.log(formatDevnet(devnet, []));
    return;
  }
  await assertPortFree(opts.port);
  const anvil: Anvil = await startAnvil({ port: opts.port });
  try {
    const devnet = await deployDevnet({ rpcUrl: anvil.rpcUrl, account: mnemonicToAccount(devMnemonic) });
    writeDeployment(opts.out, devnet);
    console.log(formatDevnet(devnet, devAccounts()));
    if (opts.once) return;
    console.log("\nanvil is running. Press Ctrl-C to stop it.");
    await untilSignal();
  } finally {
    await anvil.stop();
    console.log("anvil stopped.");
  }
}

main().catch((err: unknown) => {
  if (err instanceof StartError || err instanceof AnvilStartError) {
    console.error(`start: ${err.message}`);
  } else if (err instanceof BaseError) {
    console.error(`start: ${err.shortMessage}${err.details ? ` (${err.details})` : ""}`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
