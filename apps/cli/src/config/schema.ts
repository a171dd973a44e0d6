// What configures a protocol command, and how each value is checked. Three layers give the same settings, in
// this precedence: flags, then environment variables, then a JSON config file (--config). The deployment file
// defaults to the local devnet's, and the RPC URL to the one written in the deployment file.

import { z } from "zod";

/** Anvil's (and Hardhat's) dev mnemonic: its accounts are funded on a local devnet. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Chain ids of local development nodes, where dev accounts may sign. */
export const DEV_CHAIN_IDS: readonly number[] = [31337, 1337];

export const ENV = {
  rpcUrl: "PN_RPC_URL",
  privateKey: "PN_PRIVATE_KEY",
  deployment: "PN_DEPLOYMENT",
  accountIndex: "PN_ACCOUNT_INDEX",
} as const;

export const FLAGS = {
  rpcUrl: "--rpc",
  privateKey: "--private-key",
  deployment: "--deployment",
  accountIndex: "--account-index",
} as const;

export type SettingName = keyof typeof ENV;

export const rpcUrlSchema = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://127.0.0.1:8545" }));

export const privateKeySchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x followed by 64 hex digits (a 32-byte private key)")
  .transform((s) => s as `0x${string}`);

const indexMessage = "must be a whole number from 0 (the index of a dev account of the devnet's mnemonic)";
const indexNumber = z
  .number({ error: indexMessage })
  .int(indexMessage)
  .min(0, indexMessage)
  .max(2 ** 31 - 1);

/** An account index as text (flags, environment). */
export const accountIndexTextSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, indexMessage)
  .transform(Number)
  .pipe(indexNumber);

export const pathSchema = z.string().trim().min(1, "must name a file");

/** One layer's settings, every field optional. */
export type Layer = {
  rpcUrl?: string | undefined;
  privateKey?: `0x${string}` | undefined;
  accountIndex?: number | undefined;
  deployment?: string | undefined;
};

/** Flags and environment variables are text. */
export const textLayerSchema = z.object({
  rpcUrl: rpcUrlSchema.optional(),
  privateKey: privateKeySchema.optional(),
  accountIndex: accountIndexTextSchema.optional(),
  deployment: pathSchema.optional(),
});

/** The config file: a JSON object with these fields, nothing else. */
export const fileLayerSchema = z.strictObject({
  rpcUrl: rpcUrlSchema.optional(),
  privateKey: privateKeySchema.optional(),
  accountIndex: z.union([indexNumber, accountIndexTextSchema]).optional(),
  deployment: pathSchema.optional(),
});
