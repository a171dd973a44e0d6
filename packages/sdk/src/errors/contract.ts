// Revert data decoded one-to-one into a typed error carrying the contract's error name and arguments.
import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type DecodeErrorResultReturnType,
  decodeErrorResult,
  type Hex,
} from "viem";
import {
  committeeArbiterAbi,
  pnCoreAbi,
  pnMarketAbi,
  pnTokenAbi,
  pnVaultAbi,
  rollRouterAbi,
  slowOracleAbi,
} from "../generated/abis.ts";
import { errorHint } from "./hints.ts";
import { libraryErrorAbi } from "./libraryErrors.ts";

/** Every ABI whose custom errors the SDK decodes, and the library errors the contracts raise. */
export const protocolErrorAbi = [
  ...pnCoreAbi,
  ...pnTokenAbi,
  ...slowOracleAbi,
  ...committeeArbiterAbi,
  ...pnMarketAbi,
  ...rollRouterAbi,
  ...pnVaultAbi,
  ...libraryErrorAbi,
] as const satisfies Abi;

type ProtocolError = DecodeErrorResultReturnType<typeof protocolErrorAbi>;
/** The name of any custom error a protocol contract can revert with, e.g. "SeriesNotFound". */
export type PnContractErrorName = ProtocolError["errorName"];

/**
 * A protocol contract reverted with one of its custom errors. `errorName` is the Solidity error's name and
 * `args` its arguments; `shortMessage` says what happened and what to do.
 *
 * @example
 * try { await split(client, params) } catch (e) {
 *   const error = decodePnError(e);
 *   if (error?.errorName === "SeriesMatured") ...
 * }
 */
export class PnContractError<name extends PnContractErrorName = PnContractErrorName> extends BaseError {
  readonly errorName: name;
  readonly args: readonly unknown[];
  readonly data: Hex;

  constructor({
    errorName,
    args,
    data,
    cause,
  }: { errorName: name; args: readonly unknown[]; data: Hex; cause?: Error }) {
    const hint = errorHint(errorName, args);
    super(`${errorName}${formatArgs(args)}: ${hint.what}`, {
      details: hint.fix,
      metaMessages: [`Revert data: ${data}`],
      name: "PnContractError",
      ...(cause === undefined ? {} : { cause }),
    });
    this.errorName = errorName;
    this.args = args;
    this.data = data;
  }
}

/** Decodes raw revert data; undefined when it is not a protocol error (e.g. a token's own error or empty). */
export function decodeRevertData(data: Hex): PnContractError | undefined {
  try {
    const { errorName, args } = decodeErrorResult({ abi: protocolErrorAbi, data });
    return new PnContractError({ errorName, args: args ?? [], data });
  } catch {
    return undefined;
  }
}

/**
 * Finds the revert data inside any error viem throws (simulate, write, call, estimate) and decodes it.
 * Returns undefined when the failure is not a protocol revert (network, gas, another contract's error).
 */
export function decodePnError(error: unknown): PnContractError | undefined {
  if (error instanceof PnContractError) return error;
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.raw !== undefined) {
    return decodeRevertData(reverted.raw);
  }
  const withData = error.walk((e) => typeof (e as { data?: unknown }).data === "string");
  const data = (withData as { data?: unknown } | null)?.data;
  return typeof data === "string" && data.startsWith("0x") ? decodeRevertData(data as Hex) : undefined;
}

function formatArgs(args: readonly unknown[]): string {
  return `(${args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ")})`;
}
