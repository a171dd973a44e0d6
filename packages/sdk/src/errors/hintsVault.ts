// User hints for the vault's errors (see hints.ts).
import type { ErrorHint } from "./hints.ts";

type Hints = Record<string, (args: readonly unknown[]) => ErrorHint>;

const when = (t: unknown) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

export const VAULT_HINTS: Hints = {
  AuctionOpen: ([id]) => ({
    what: `the vault's auction ${id} is still open.`,
    fix: "Wait for it to fill or end.",
  }),
  DepositsClosed: () => ({
    what: "deposits are closed while the vault rolls or re-enters.",
    fix: "Deposit once it holds a single series again, or buy shares from a holder.",
  }),
  InsufficientShares: ([, balance, shares]) => ({
    what: `you hold ${balance} shares, not ${shares}.`,
    fix: "Withdraw at most your balance.",
  }),
  InvalidRule: () => ({
    what: "a vault rule is out of range.",
    fix: "Deploy with rules inside the stated ranges.",
  }),
  NoAuction: () => ({ what: "the vault has no auction to close.", fix: "Nothing to do." }),
  NotHolding: () => ({
    what: "the vault is not holding a single series.",
    fix: "Wait for the roll to finish.",
  }),
  ReentryNotDue: ([, at]) => ({ what: `re-entry is possible from ${when(at)}.`, fix: "Call it then." }),
  ReentryUnsafe: () => ({
    what: "the settled price is too close to the strike to re-enter safely.",
    fix: "Wait for the next scheduled step.",
  }),
  ReferenceNotAllowed: () => ({
    what: "that reference time is not allowed.",
    fix: "Use a past oracle answer.",
  }),
  ReferenceNotFinal: () => ({
    what: "the oracle has no final answer for it yet.",
    fix: "Wait for finality.",
  }),
  ReferenceTooOld: () => ({
    what: "the oracle reference is too old.",
    fix: "Use a more recent final answer.",
  }),
  RollNotDue: ([at]) => ({
    what: `no roll is due: scheduled at ${when(at)}, and the hint is above the trigger.`,
    fix: "Call it when the schedule or the trigger says so (canTrigger tells).",
  }),
  RollRateLimited: ([at]) => ({
    what: `the next signal roll is allowed at ${when(at)}.`,
    fix: "Wait until then.",
  }),
  ZeroShares: ([a]) => ({ what: `${a} is too small to mint a share.`, fix: "Deposit a larger amount." }),
  OnlySelf: () => ({ what: "only the vault itself may call its engine.", fix: "Call the vault." }),
};
