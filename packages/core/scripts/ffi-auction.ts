// FFI entry point for contracts/test/differential/AuctionDifferential.t.sol: computes AuctionLib's curve and
// OrderLib's rounding with the TypeScript mirror (src/auction.ts) and prints the result ABI-encoded as one
// 0x-prefixed hex string, which forge's `vm.ffi` decodes to bytes. Numbers are decimal strings.
//
//   node ffi-auction.ts priceAt <start> <floor> <duration> <halfLife> <elapsed>        -> abi.encode(uint256)
//   node ffi-auction.ts priceAtBatch <start> <floor> <duration> <halfLife> <e1> [...]  -> abi.encode(uint256[])
//   node ffi-auction.ts rounding <amount> <priceWad>    -> abi.encode(escrowUp, costUp, proceedsDown)
//
// On bad input it prints the reason on stderr and exits non-zero (2: usage, 1: rejected by the mirror, where
// the Solidity code reverts).

import type { Hex } from "viem";
import { costUp, escrowUp, priceAt, proceedsDown } from "../src/auction.ts";
import { PnError } from "../src/errors.ts";

function exit(code: number, message: string): never {
  process.stderr.write(`ffi-auction: ${message}\n`);
  process.exit(code);
}

function uint(arg: string | undefined, name: string): bigint {
  if (arg === undefined || !/^[0-9]+$/.test(arg))
    exit(2, `${name} must be a decimal integer, got ${String(arg)}`);
  return BigInt(arg);
}

/** One ABI word: a uint256, big-endian, 64 hex digits. */
function word(value: bigint): string {
  return value.toString(16).padStart(64, "0");
}

function run(command: string | undefined, args: readonly string[]): Hex {
  switch (command) {
    case "priceAt": {
      if (args.length !== 5) exit(2, "priceAt <start> <floor> <duration> <halfLife> <elapsed>");
      const [s, f, d, h, e] = args.map((a, i) => uint(a, `arg${i}`));
      return `0x${word(priceAt(s ?? 0n, f ?? 0n, d ?? 0n, h ?? 0n, e ?? 0n))}`;
    }
    case "priceAtBatch": {
      if (args.length < 5) exit(2, "priceAtBatch <start> <floor> <duration> <halfLife> <elapsed...>");
      const [s, f, d, h, ...elapsed] = args.map((a, i) => uint(a, `arg${i}`));
      const prices = elapsed.map((e) => priceAt(s ?? 0n, f ?? 0n, d ?? 0n, h ?? 0n, e));
      return `0x${word(32n)}${word(BigInt(prices.length))}${prices.map(word).join("")}`;
    }
    case "rounding": {
      if (args.length !== 2) exit(2, "rounding <amount> <priceWad>");
      const amount = uint(args[0], "amount");
      const price = uint(args[1], "priceWad");
      return `0x${word(escrowUp(amount, price))}${word(costUp(amount, price))}${word(proceedsDown(amount, price))}`;
    }
    default:
      return exit(2, `unknown command ${String(command)}; use priceAt, priceAtBatch or rounding`);
  }
}

try {
  const [command, ...args] = process.argv.slice(2);
  process.stdout.write(run(command, args));
} catch (error) {
  if (error instanceof PnError) exit(1, `${error.name}: ${error.message}`);
  exit(1, String(error));
}
