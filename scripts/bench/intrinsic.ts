// Intrinsic gas of a plain call (no contract creation, no access list, no blobs or authorizations), so that a
// receipt's gasUsed can be reduced to the gas the called code itself used ("execution gas").
import { type Hex, hexToBytes } from "viem";

export const TX_BASE_GAS = 21_000n;
export const ZERO_BYTE_GAS = 4n;
export const NONZERO_BYTE_GAS = 16n;
/** EIP-7623 (Prague): a transaction pays at least this much per calldata token (zero byte = 1, other = 4). */
export const FLOOR_GAS_PER_TOKEN = 10n;

function countBytes(data: Hex | Uint8Array): { zero: bigint; nonZero: bigint } {
  const bytes = typeof data === "string" ? hexToBytes(data) : data;
  let zero = 0n;
  for (const b of bytes) if (b === 0) zero++;
  return { zero, nonZero: BigInt(bytes.length) - zero };
}

/** 21000 + 16 gas per non-zero calldata byte + 4 gas per zero byte. */
export function intrinsicGas(data: Hex | Uint8Array): bigint {
  const { zero, nonZero } = countBytes(data);
  return TX_BASE_GAS + NONZERO_BYTE_GAS * nonZero + ZERO_BYTE_GAS * zero;
}

/** The EIP-7623 minimum gasUsed of a call with this calldata: 21000 + 10 gas per token. */
export function calldataFloorGas(data: Hex | Uint8Array): bigint {
  const { zero, nonZero } = countBytes(data);
  return TX_BASE_GAS + FLOOR_GAS_PER_TOKEN * (zero + 4n * nonZero);
}

/**
 * gasUsed minus intrinsic gas. Throws when gasUsed sits at the EIP-7623 calldata floor, where the receipt no
 * longer says how much the code used.
 */
export function executionGas(gasUsed: bigint, data: Hex | Uint8Array): bigint {
  const intrinsic = intrinsicGas(data);
  if (gasUsed < intrinsic) throw new RangeError(`gasUsed ${gasUsed} is below the intrinsic gas ${intrinsic}`);
  if (gasUsed <= calldataFloorGas(data)) {
    throw new RangeError(`gasUsed ${gasUsed} is at the EIP-7623 calldata floor; execution gas is unknown`);
  }
  return gasUsed - intrinsic;
}
