// The actions the Trade page offers. Roll (by auction or atomic) needs the market, so it stays hidden, not greyed
// out, on deployments without one; its atomic route also needs the router.
import { MergeForm } from "./MergeForm.tsx";
import { RedeemForm } from "./RedeemForm.tsx";
import { RollForm } from "./RollForm.tsx";
import { SplitForm } from "./SplitForm.tsx";
import type { ActionSpec } from "./types.ts";

export const ACTIONS: readonly ActionSpec[] = [
  { name: "split", label: "Split", available: () => true, Form: SplitForm },
  { name: "merge", label: "Merge", available: () => true, Form: MergeForm },
  { name: "roll", label: "Roll", available: (d) => d.contracts.market !== undefined, Form: RollForm },
  { name: "redeem", label: "Redeem", available: () => true, Form: RedeemForm },
];
