// Shared plumbing of the SDK's actions: the client types they take, and the step that turns a viem failure into
// a PnContractError when the protocol reverted.
import { assertSeriesKey, type SeriesKey } from "@pn/core";
import type { Account, Address, Chain, Client, Hex, PublicActions, Transport, WalletActions } from "viem";
import { decodePnError } from "../errors/contract.ts";

/** A client that can read, simulate and send: a wallet client extended with `publicActions`. */
export type PnWriteClient = Client<Transport, Chain, Account> &
  PublicActions<Transport, Chain, Account> &
  WalletActions<Chain, Account>;

/** A client that can read. */
export type PnReadClient = Client<Transport, Chain | undefined> & PublicActions<Transport, Chain | undefined>;

/** The SeriesKey struct as the core's ABI takes it (viem maps uint40 to number). */
export type AbiSeriesKey = {
  collateral: Address;
  oracle: Address;
  indexId: Hex;
  strikeWad: bigint;
  maturity: number;
};

/** Checks a key against the core's ranges and converts it for the ABI. */
export function toAbiKey(key: SeriesKey): AbiSeriesKey {
  assertSeriesKey(key);
  return {
    collateral: key.collateral,
    oracle: key.oracle,
    indexId: key.indexId,
    strikeWad: key.strikeWad,
    maturity: Number(key.maturity),
  };
}

export function fromAbiKey(key: AbiSeriesKey): SeriesKey {
  return { ...key, maturity: BigInt(key.maturity) };
}

/** Runs `send`, rethrowing a protocol revert as the matching PnContractError (other failures unchanged). */
export async function withDecodedErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw decodePnError(error) ?? error;
  }
}
