import type { Deployment } from "@pn/sdk";
import type { ComponentType } from "react";
import type { Address } from "viem";
import type { Holdings } from "../data/chain.ts";
import type { ActionName } from "../lib/route.ts";
import type { SeriesInfo } from "../lib/series.ts";

export type ActionFormProps = {
  series: SeriesInfo;
  holdings: Holdings | undefined;
  account: Address | undefined;
  /** Chain time, unix seconds. */
  now: bigint;
  /** Today's x for the series' index. */
  x: number;
};

export type ActionSpec = {
  name: ActionName;
  label: string;
  /** Whether the deployment has what the action needs (roll needs the market and router). */
  available(deployment: Deployment): boolean;
  Form: ComponentType<ActionFormProps>;
};
