// Who signs: a private key, or on a local devnet one of the dev mnemonic's accounts (index 0 by default).

import type { Account } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { SignerError } from "../errors.ts";
import type { SignerSetting } from "./load.ts";
import { DEV_CHAIN_IDS, DEV_MNEMONIC } from "./schema.ts";

export function isDevChain(chainId: number): boolean {
  return DEV_CHAIN_IDS.includes(chainId);
}

export function devAccount(index: number): Account {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
}

const noSignerFix =
  "Pass --private-key <0x…> or set PN_PRIVATE_KEY (or put privateKey in the --config file). " +
  "Dev accounts (--account-index) exist only on a local devnet.";

/**
 * The signing account on `chainId`, or undefined when none is configured and the chain is not a devnet (the
 * command can then only read).
 */
export function resolveAccount(signer: SignerSetting | undefined, chainId: number): Account | undefined {
  if (signer?.kind === "privateKey") return privateKeyToAccount(signer.key);
  if (!isDevChain(chainId)) {
    if (signer === undefined) return undefined;
    throw new SignerError({
      problem: `${signer.source} selects a dev account, but chain ${chainId} is not a local devnet (${DEV_CHAIN_IDS.join(", ")}).`,
      fix: noSignerFix,
    });
  }
  return devAccount(signer?.index ?? 0);
}

/** The error when a command must sign and no signer is configured. */
export function missingSignerError(chainId: number): SignerError {
  return new SignerError({
    problem: `This command sends a transaction, and no signer is set for chain ${chainId}.`,
    fix: noSignerFix,
  });
}
