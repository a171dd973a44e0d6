import type { Address } from "viem";
import { pnVaultAbi } from "../../generated/abis.ts";
import type { PnReadClient } from "../client.ts";

export type GetVaultParameters = { vault: Address; owner?: Address };
export type GetVaultReturnType = {
  name: string;
  symbol: string;
  totalSupply: bigint;
  /** The vault's current P, and a second asset while it rolls or re-enters. */
  holdings: { current: bigint; secondToken: Address; second: bigint };
  /** When the next scheduled roll is due, and the signal level that would trigger one earlier. */
  nextRoll: { scheduledAt: bigint; signalBelowWad: bigint; signalAllowedAt: bigint };
  /** The owner's shares, and what they would withdraw now (when `owner` is given). */
  position?: { shares: bigint; currentOut: bigint; secondOut: bigint };
};

/**
 * Reads a vault's supply, holdings, next roll and, optionally, one holder's position.
 *
 * @example
 * const vault = await getVault(client, { vault: address, owner });
 */
export async function getVault(
  client: PnReadClient,
  { vault, owner }: GetVaultParameters,
): Promise<GetVaultReturnType> {
  const read = { address: vault, abi: pnVaultAbi } as const;
  const [
    name,
    symbol,
    totalSupply,
    [current, secondToken, second],
    [scheduledAt, signalBelowWad, signalAllowedAt],
  ] = await Promise.all([
    client.readContract({ ...read, functionName: "name" }),
    client.readContract({ ...read, functionName: "symbol" }),
    client.readContract({ ...read, functionName: "totalSupply" }),
    client.readContract({ ...read, functionName: "holdings" }),
    client.readContract({ ...read, functionName: "nextRoll" }),
  ]);
  const result: GetVaultReturnType = {
    name,
    symbol,
    totalSupply,
    holdings: { current, secondToken, second },
    nextRoll: { scheduledAt, signalBelowWad, signalAllowedAt },
  };
  if (owner === undefined) return result;
  const shares = await client.readContract({ ...read, functionName: "balanceOf", args: [owner] });
  const [currentOut, secondOut] =
    shares === 0n
      ? [0n, 0n]
      : await client.readContract({ ...read, functionName: "previewWithdraw", args: [shares] });
  return { ...result, position: { shares, currentOut, secondOut } };
}
