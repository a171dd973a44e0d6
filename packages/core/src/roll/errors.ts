// Typed errors of the roll planner. A vault rule that refuses a roll names the vault's custom error
// (`contractError`) and carries its arguments, so a differential test compares them with `previewTrigger`'s revert
// data.

import { PnError } from "../errors.ts";

/** A roll policy field is outside its domain. */
export class InvalidRollPolicyError extends PnError {
  override name = "InvalidRollPolicyError";
  readonly field: string;

  constructor({ field, value, expected }: { field: string; value: unknown; expected: string }) {
    super(`Roll policy field \`${field}\` = ${String(value)} is invalid: expected ${expected}.`, {
      fix: `Fix \`${field}\`; docs/planner.md lists every field of a roll policy and its unit.`,
    });
    this.field = field;
  }
}

/** A roll needs an index value (a strike target or a model fair ratio) and none was given. */
export class RollPriceRequiredError extends PnError {
  override name = "RollPriceRequiredError";

  constructor({ what }: { what: string }) {
    super(`A roll is due but ${what} needs an index value, and none was given.`, {
      fix: "Pass xWad (and sigma for a fair-ratio curve), or wait until a price is available.",
    });
  }
}

/** The vault's custom errors that `triggerRoll` / `previewTrigger` can return before any external call. */
export type VaultRollErrorName =
  | "NotHolding"
  | "SeriesMatured"
  | "RollNotDue"
  | "RollRateLimited"
  | "ReferenceNotAllowed"
  | "ReferenceTooOld"
  | "ReferenceNotFinal";

const FIXES: Record<VaultRollErrorName, string> = {
  NotHolding: "Wait for the open auction to close (canClose → closeAuction), then try again.",
  SeriesMatured: "The current series has matured: call reenter instead of triggerRoll.",
  RollNotDue: "Wait for the scheduled roll time, or pass a hint below the signal level.",
  RollRateLimited: "A signal roll waits minRollInterval after the last roll: retry at the allowed time.",
  ReferenceNotAllowed: "Pass refTimestamp = 0 unless the roll is scheduled and the rules set maxRefAge > 0.",
  ReferenceTooOld: "Pass a reference timestamp in [now - maxRefAge, now).",
  ReferenceNotFinal: "Pass a reference timestamp whose oracle value is final (and in (0, 2^128)).",
};

/** The vault's rules refuse the roll now; `args` are the custom error's arguments, in order. */
export class VaultRollError extends PnError {
  override name = "VaultRollError";
  readonly errorName: VaultRollErrorName;
  readonly args: readonly bigint[];

  constructor({ errorName, args }: { errorName: VaultRollErrorName; args: readonly bigint[] }) {
    super(`The vault refuses the roll: ${errorName}(${args.join(", ")}).`, {
      fix: FIXES[errorName],
      contractError: errorName,
    });
    this.errorName = errorName;
    this.args = args;
  }
}
