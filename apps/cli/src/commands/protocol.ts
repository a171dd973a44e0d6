// Options every protocol command shares (connection, signer, output) and the step that opens a Context.

import type { Command } from "commander";
import { type Context, connect } from "../chain/context.ts";
import { type ConnectionFlags, resolveConfig } from "../config/load.ts";
import type { CliIo } from "../io.ts";

export type ProtocolOptions = ConnectionFlags & { json?: boolean | undefined };

/** Adds --rpc, --private-key, --account-index, --deployment, --config and --json. */
export function addConnectionOptions(command: Command, { signs }: { signs: boolean }): Command {
  command
    .option("--rpc <url>", "JSON-RPC URL (env PN_RPC_URL; default: the deployment file's)")
    .option("--deployment <file>", "deployment file (env PN_DEPLOYMENT; default: .devnet/deployment.json)")
    .option("--config <file>", "JSON config file with rpcUrl, privateKey, accountIndex, deployment");
  const role = signs ? "signer" : "default --owner";
  command
    .option("--private-key <key>", `${role}: private key, 0x + 64 hex (env PN_PRIVATE_KEY)`)
    .option("--account-index <n>", `${role} on a devnet: this dev account (env PN_ACCOUNT_INDEX; default 0)`);
  return command.option("--json", "print JSON on stdout instead of text");
}

/** Resolves the configuration (flags > environment > --config file) and connects to the deployment. */
export function openContext(io: CliIo, options: ProtocolOptions): Promise<Context> {
  return connect(resolveConfig(options, io.env), io);
}

/** `pn <group> <command>` registration: a function from the program (or a group) and the IO to nothing. */
export type Register = (parent: Command, io: CliIo) => void;
