// The keeper loop: start the jobs (read-only setup), reconcile recorded intents with the chain before any job
// acts, then tick forever (or once); every tick reconciles again first. Each tick runs every job over its items,
// one item at a time, skipping items on cooldown. A failing item is logged and rested; a failing job is logged
// and skipped for the tick; an unreachable RPC aborts the tick and the loop waits with exponential backoff and
// carries on when the node is back. Nothing but a shutdown signal stops it.

import { Cooldowns } from "./cooldown.ts";
import { SimulationRevertedError } from "./errors.ts";
import type { Job, JobContext } from "./job.ts";
import { backoffMs, isRpcUnavailable, retryWhileUnavailable, sleep } from "./rpc.ts";

export type LoopOptions = {
  pollIntervalMs: number;
  /** Rest after an item acted (its transaction needs a block or two to show). */
  actedCooldownMs: number;
  /** Failure backoff per item. */
  itemFailureBaseMs: number;
  itemFailureMaxMs: number;
  /** Backoff while the RPC is unreachable. */
  rpcRetryBaseMs: number;
  rpcRetryMaxMs: number;
};

export type TickSummary = {
  job: string;
  items: number;
  acted: number;
  waiting: number;
  done: number;
  failed: number;
  resting: number;
};

export class Keeper {
  readonly #ctx: JobContext;
  // Job<Item> is bivariant in Item through its method signatures; the loop never inspects items.
  readonly #jobs: readonly Job<unknown>[];
  readonly #options: LoopOptions;
  readonly #cooldowns: Cooldowns;
  #started = false;

  constructor({
    ctx,
    jobs,
    options,
  }: { ctx: JobContext; jobs: readonly Job<unknown>[]; options: LoopOptions }) {
    this.#ctx = ctx;
    this.#jobs = jobs;
    this.#options = options;
    this.#cooldowns = new Cooldowns({
      failureBaseMs: options.itemFailureBaseMs,
      failureMaxMs: options.itemFailureMaxMs,
    });
  }

  /** Starts the jobs, then reconciles in-flight intents with the chain; waits out RPC outages. */
  async start(): Promise<void> {
    if (this.#started) return;
    const { log, sender, signal } = this.#ctx;
    const retry = {
      baseMs: this.#options.rpcRetryBaseMs,
      maxMs: this.#options.rpcRetryMaxMs,
      signal,
      onRetry: (error: unknown, delayMs: number) =>
        log.warn("rpc unavailable at start; retrying", { delayMs, error }),
    };
    for (const job of this.#jobs)
      await retryWhileUnavailable(() => job.start?.(this.#ctx) ?? Promise.resolve(), retry);
    await retryWhileUnavailable(() => sender.reconcileAll(), retry);
    this.#started = true;
    log.info("keeper started", {
      jobs: this.#jobs.map((j) => j.name),
      dryRun: this.#ctx.dryRun,
      account: this.#ctx.account,
    });
  }

  /** One pass over every job. Throws only when the RPC is unreachable (the caller backs off). */
  async tick(): Promise<TickSummary[]> {
    await this.start();
    try {
      await this.#ctx.sender.reconcileAll();
    } catch (error) {
      if (isRpcUnavailable(error)) throw error;
      this.#ctx.log.error("reconciliation failed; the jobs still run (sends for recorded keys wait)", {
        error,
      });
    }
    const summaries: TickSummary[] = [];
    for (const job of this.#jobs) {
      if (this.#ctx.signal.aborted) break;
      summaries.push(await this.#runJob(job));
    }
    return summaries;
  }

  async #runJob(job: Job<unknown>): Promise<TickSummary> {
    const log = this.#ctx.log.child({ job: job.name });
    const summary: TickSummary = {
      job: job.name,
      items: 0,
      acted: 0,
      waiting: 0,
      done: 0,
      failed: 0,
      resting: 0,
    };
    let items: readonly unknown[];
    try {
      items = await job.discover(this.#ctx);
    } catch (error) {
      if (isRpcUnavailable(error)) throw error;
      log.error("discovery failed; skipping the job this tick", { error });
      return summary;
    }
    summary.items = items.length;
    for (const item of items) {
      if (this.#ctx.signal.aborted) break;
      await this.#runItem(job, item, summary, log);
    }
    if (summary.acted > 0 || summary.failed > 0) log.info("tick", summary);
    else log.debug("tick", summary);
    return summary;
  }

  async #runItem(
    job: Job<unknown>,
    item: unknown,
    summary: TickSummary,
    log: JobContext["log"],
  ): Promise<void> {
    const key = `${job.name}:${job.keyOf(item)}`;
    if (!this.#cooldowns.isReady(key)) {
      summary.resting++;
      return;
    }
    try {
      const result = await job.handle({ ...this.#ctx, log: log.child({ item: job.keyOf(item) }) }, item);
      const rest = result.cooldownMs ?? (result.outcome === "acted" ? this.#options.actedCooldownMs : 0);
      this.#cooldowns.succeeded(key, rest);
      summary[result.outcome === "acted" ? "acted" : result.outcome === "done" ? "done" : "waiting"]++;
    } catch (error) {
      if (isRpcUnavailable(error)) throw error;
      summary.failed++;
      const retryInMs = this.#cooldowns.failed(key);
      if (error instanceof SimulationRevertedError) {
        // Nothing was sent (the sender logged the decoded revert): the chain moved, or the call is not due yet.
        log.warn("item's call would revert; retrying", { item: job.keyOf(item), retryInMs, ...error.revert });
      } else log.error("item failed; the loop goes on", { item: job.keyOf(item), retryInMs, error });
    }
  }

  /**
   * Runs until `ctx.signal` aborts (or one tick with `once`). Returns when stopped. With `once`, an RPC outage is
   * waited out (with backoff) until the tick completes.
   */
  async run({ once = false }: { once?: boolean } = {}): Promise<void> {
    const { log, signal } = this.#ctx;
    let outage = 0;
    while (!signal.aborted) {
      try {
        await this.tick();
        if (outage > 0) log.info("rpc is back; continuing", { afterAttempts: outage });
        outage = 0;
        if (once) return;
        await sleep(this.#options.pollIntervalMs, signal);
      } catch (error) {
        if (!isRpcUnavailable(error)) throw error;
        const delayMs = backoffMs(outage++, this.#options.rpcRetryBaseMs, this.#options.rpcRetryMaxMs);
        log.warn("rpc unavailable; retrying", { attempt: outage, delayMs, error });
        await sleep(delayMs, signal);
      }
    }
    log.info("keeper stopped");
  }
}
