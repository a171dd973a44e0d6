// Per-item cooldowns: after an item is handled it rests for a while; after a failure it rests longer each time
// (exponential backoff), so one broken item neither stops the loop nor hammers the node.

import { backoffMs } from "./rpc.ts";

export type CooldownOptions = {
  /** Rest after a failure, doubled per consecutive failure... */
  failureBaseMs: number;
  /** ...up to this. */
  failureMaxMs: number;
  now?: () => number;
};

export class Cooldowns {
  readonly #until = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  readonly #options: CooldownOptions;

  constructor(options: CooldownOptions) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  isReady(key: string): boolean {
    return (this.#until.get(key) ?? 0) <= this.#now();
  }

  /** Rests `key` for `ms` and forgets its failures. */
  succeeded(key: string, ms: number): void {
    this.#failures.delete(key);
    this.#until.set(key, this.#now() + ms);
  }

  /** Rests `key` for the next backoff step; returns the delay. */
  failed(key: string): number {
    const count = this.#failures.get(key) ?? 0;
    this.#failures.set(key, count + 1);
    const delay = backoffMs(count, this.#options.failureBaseMs, this.#options.failureMaxMs);
    this.#until.set(key, this.#now() + delay);
    return delay;
  }

  /** Milliseconds until `key` is ready (0 if ready). */
  remainingMs(key: string): number {
    return Math.max(0, (this.#until.get(key) ?? 0) - this.#now());
  }
}
