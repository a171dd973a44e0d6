// The actions the Trade page offers. Roll (auction or atomic) joins this list once the market's ABI is in
// @pn/sdk: its entry will be `available: (d) => d.contracts.market !== undefined && d.contracts.router !== undefined`,
// so it stays hidden, not greyed out, on deployments without a market.
import { MergeForm } from "./MergeForm.tsx";
import { RedeemForm } from "./RedeemForm.tsx";
import { SplitForm } from "./SplitForm.tsx";
import type { ActionSpec } from "./types.ts";

export const ACTIONS: readonly ActionSpec[] = [
  { name: "split", label: "Split", available: () => true, Form: SplitForm },
  { name: "merge", label: "Merge", available: () => true, Form: MergeForm },
  { name: "redeem", label: "Redeem", available: () => true, Form: RedeemForm },
];
