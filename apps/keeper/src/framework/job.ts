// The plug-in interface every keeper job implements (the oracle proposer/disputer today; the market maker and the
// vault roll trigger next). A job lists its items each tick and handles them one by one; the loop (loop.ts)
// owns cooldowns, failure isolation and RPC outages, the sender (sender.ts) owns transactions.

import type { Address } from "viem";
import type { Logger } from "./log.ts";
import type { KeeperPublicClient } from "./rpc.ts";
import type { Sender } from "./sender.ts";
import type { StateStore } from "./state.ts";

/** What a job gets to work with. */
export type JobContext = {
  log: Logger;
  /** Persistent state; a job keeps its own data under its name (`state.job(name, …)` / `state.setJob`). */
  state: StateStore;
  /** The only way to send a transaction: simulated, recorded, idempotent (see sender.ts). */
  sender: Sender;
  publicClient: KeeperPublicClient;
  /** The keeper's account. */
  account: Address;
  /** Compute and log actions but send nothing (the sender enforces it too). */
  dryRun: boolean;
  /** Aborted on shutdown; long waits should honour it. */
  signal: AbortSignal;
};

/** How handling one item went. */
export type ItemResult = {
  /**
   * - acted: sent (or, in a dry run, would have sent) a transaction;
   * - waiting: nothing to do yet (a window is open, a deadline not reached);
   * - done: nothing will ever be left to do for this item.
   */
  outcome: "acted" | "waiting" | "done";
  /** Do not handle the item again for this long (e.g. until a window closes). Defaults per outcome. */
  cooldownMs?: number;
  /** Extra fields for the tick log. */
  note?: string;
};

/**
 * A keeper job. Item is whatever the job works on (a question, a market, a vault). `handle` must be safe to call
 * again after a crash at any point: read the chain first, then act through `ctx.sender` with stable keys.
 *
 * @example
 * const job: Job<Vault> = {
 *   name: "roll",
 *   discover: async (ctx) => listVaults(ctx.publicClient),
 *   keyOf: (vault) => vault.address,
 *   handle: async (ctx, vault) => ((await needsRoll(ctx, vault)) ? roll(ctx, vault) : { outcome: "waiting" }),
 * };
 */
export interface Job<Item> {
  readonly name: string;
  /**
   * Runs once at start, before reconciliation and the first tick. Read-only setup: check the config against the
   * chain, register the sender's done-checks for this job's intent kinds (`ctx.sender.registerChecker`).
   */
  start?(ctx: JobContext): Promise<void>;
  /** The items to consider this tick. A throw skips the job for this tick (logged); other jobs still run. */
  discover(ctx: JobContext): Promise<readonly Item[]>;
  /** A stable key per item, for cooldowns and logs. */
  keyOf(item: Item): string;
  /** Handles one item. A throw is logged and puts only this item on a failure cooldown. */
  handle(ctx: JobContext, item: Item): Promise<ItemResult>;
}
