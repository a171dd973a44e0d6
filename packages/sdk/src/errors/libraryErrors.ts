// The errors the contracts raise from Solady's libraries (SafeTransferLib, FixedPointMathLib, LibClone, LibString)
// by selector, without declaring them in their own ABIs: listed here so that `decodePnError` names them too.
// `errors.test.ts` checks that every selector the deployed bytecode can revert with decodes.
import { parseAbi } from "viem";
import type { ErrorHint } from "./hints.ts";

export const libraryErrorAbi = parseAbi([
  "error TransferFromFailed()",
  "error TransferFailed()",
  "error ApproveFailed()",
  "error ETHTransferFailed()",
  "error MulWadFailed()",
  "error MulDivFailed()",
  "error FullMulDivFailed()",
  "error DivFailed()",
  "error DeploymentFailed()",
  "error HexLengthInsufficient()",
  "error TooBigForSmallString()",
]);

type Hints = Record<string, (args: readonly unknown[]) => ErrorHint>;

const math = () => ({
  what: "an amount or price is too large for the contract's arithmetic.",
  fix: "Use a smaller amount or price.",
});

export const LIBRARY_HINTS: Hints = {
  TransferFromFailed: () => ({
    what: "a token transfer from your account failed: too low an allowance or balance.",
    fix: "Approve the contract for the amount (the router or market for a roll or an order) and check your balance.",
  }),
  TransferFailed: () => ({
    what: "a token transfer out of the contract failed.",
    fix: "Check that the recipient can receive the token, then retry.",
  }),
  ApproveFailed: () => ({
    what: "the contract could not approve a token.",
    fix: "The token rejects approvals; use a standard ERC-20.",
  }),
  ETHTransferFailed: () => ({
    what: "sending ETH to the recipient failed.",
    fix: "Send to an address that accepts ETH, or ask for WETH instead.",
  }),
  MulWadFailed: math,
  MulDivFailed: math,
  FullMulDivFailed: math,
  DivFailed: () => ({
    what: "a division by zero in the contract's arithmetic.",
    fix: "Check that prices and strikes are above zero.",
  }),
  DeploymentFailed: () => ({
    what: "deploying the series' tokens failed.",
    fix: "The token addresses are taken; check whether the series already exists.",
  }),
  HexLengthInsufficient: () => ({
    what: "a value did not fit its text form.",
    fix: "Report this: it is a bug.",
  }),
  TooBigForSmallString: () => ({
    what: "a name or symbol is longer than 31 bytes.",
    fix: "Use a shorter name or symbol.",
  }),
};
