// FFI entry point for the Solidity differential tests (contracts/test/differential/). Computes a value with the
// TypeScript mirror and prints it ABI-encoded as one 0x-prefixed hex string on stdout, which forge's `vm.ffi`
// decodes to bytes. Numbers are passed as decimal strings (as `vm.toString(uint256)` writes them).
//
//   node ffi-payoff.ts pPayout <amount> <strikeWad> <xWad>                        -> abi.encode(uint256)
//   node ffi-payoff.ts nPayout <amount> <strikeWad> <xWad>                        -> abi.encode(uint256)
//   node ffi-payoff.ts redeemPayout <pAmount> <nAmount> <strikeWad> <xWad>        -> abi.encode(uint256)
//   node ffi-payoff.ts payoutBatch <amount> <strikeWad> <xWad> [...]              -> abi.encode(uint256[] p0,n0,p1,n1...)
//   node ffi-payoff.ts seriesId <collateral> <oracle> <indexId> <strikeWad> <maturity>  -> abi.encode(bytes32)
//
// On bad input it prints the reason on stderr and exits non-zero (2: usage, 1: rejected by @pn/core).
// It imports viem (through series.ts) only for `seriesId`, so payoff calls start in ~60 ms.

import type { Hex } from "viem";
import { PnError } from "../src/errors.ts";
import { nPayout, pPayout, redeemPayout } from "../src/payoff.ts";

function exit(code: number, message: string): never {
  process.stderr.write(`ffi-payoff: ${message}\n`);
  process.exit(code);
}

function uint(arg: string | undefined, name: string): bigint {
  if (arg === undefined || !/^[0-9]+$/.test(arg))
    exit(2, `${name} must be a decimal integer, got ${String(arg)}`);
  return BigInt(arg);
}

function hexArg(arg: string | undefined, name: string): Hex {
  if (arg === undefined || !/^0x[0-9a-fA-F]*$/.test(arg))
    exit(2, `${name} must be 0x-prefixed hex, got ${String(arg)}`);
  return arg as Hex;
}

/** One ABI word: a uint256 (or bytes32 given as a number), big-endian, 64 hex digits. */
function word(value: bigint): string {
  return value.toString(16).padStart(64, "0");
}

/** `abi.encode(uint256[])`: offset 0x20, length, then the items. */
function encodeUintArray(values: readonly bigint[]): Hex {
  return `0x${word(32n)}${word(BigInt(values.length))}${values.map(word).join("")}`;
}

function expectArgs(args: readonly string[], count: number, usage: string): void {
  if (args.length !== count) exit(2, `expected ${count} arguments: ${usage}`);
}

async function run(command: string | undefined, args: readonly string[]): Promise<Hex> {
  switch (command) {
    case "pPayout":
    case "nPayout": {
      expectArgs(args, 3, `${command} <amount> <strikeWad> <xWad>`);
      const payout = command === "pPayout" ? pPayout : nPayout;
      return `0x${word(payout(uint(args[0], "amount"), uint(args[1], "strikeWad"), uint(args[2], "xWad")))}`;
    }
    case "redeemPayout": {
      expectArgs(args, 4, "redeemPayout <pAmount> <nAmount> <strikeWad> <xWad>");
      const payout = redeemPayout({
        pAmount: uint(args[0], "pAmount"),
        nAmount: uint(args[1], "nAmount"),
        strikeWad: uint(args[2], "strikeWad"),
        xWad: uint(args[3], "xWad"),
      });
      return `0x${word(payout)}`;
    }
    case "payoutBatch":
      return payoutBatch(args);
    case "seriesId":
      return seriesIdOf(args);
    default:
      return exit(
        2,
        `unknown command ${String(command)}; use pPayout, nPayout, redeemPayout, payoutBatch or seriesId`,
      );
  }
}

function payoutBatch(args: readonly string[]): Hex {
  if (args.length === 0 || args.length % 3 !== 0)
    exit(2, "payoutBatch takes (amount strikeWad xWad) triples");
  const out: bigint[] = [];
  for (let i = 0; i < args.length; i += 3) {
    const amount = uint(args[i], `amount[${i / 3}]`);
    const strikeWad = uint(args[i + 1], `strikeWad[${i / 3}]`);
    const xWad = uint(args[i + 2], `xWad[${i / 3}]`);
    out.push(pPayout(amount, strikeWad, xWad), nPayout(amount, strikeWad, xWad));
  }
  return encodeUintArray(out);
}

async function seriesIdOf(args: readonly string[]): Promise<Hex> {
  expectArgs(args, 5, "seriesId <collateral> <oracle> <indexId> <strikeWad> <maturity>");
  const { seriesId } = await import("../src/series.ts");
  return seriesId({
    collateral: hexArg(args[0], "collateral"),
    oracle: hexArg(args[1], "oracle"),
    indexId: hexArg(args[2], "indexId"),
    strikeWad: uint(args[3], "strikeWad"),
    maturity: uint(args[4], "maturity"),
  }); // a bytes32 is its own ABI encoding
}

try {
  const [command, ...args] = process.argv.slice(2);
  process.stdout.write(await run(command, args));
} catch (error) {
  if (error instanceof PnError) exit(1, `${error.name}: ${error.message}`);
  exit(1, String(error));
}
