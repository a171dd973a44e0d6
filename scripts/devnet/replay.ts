// Replays history on the devnet: every tick, chain time moves forward by a fixed step (one simulated day every
// `daySeconds` real seconds by default) and a block is mined, until the end of the window.
import { writeFileSync } from "node:fs";
import type { TestClient } from "viem";

export type ReplayOptions = {
  testClient: TestClient<"anvil">;
  from: bigint;
  to: bigint;
  /** Real seconds per simulated day. */
  daySeconds: number;
  /** Real milliseconds between ticks. */
  tickMs?: number;
  /** Runs after each mined tick (grid upkeep, status); a failure is logged and the replay goes on. */
  onTick: (timestamp: bigint) => Promise<void>;
  /** Where the replay's current time and ETH/USD are written for the web app. */
  statusFile: string;
  ethUsdAt: (timestamp: bigint) => bigint;
  log: (line: string) => void;
};

export type Replay = { stop: () => Promise<void> };

export function startReplay(options: ReplayOptions): Replay {
  const tickMs = options.tickMs ?? 1000;
  const step = BigInt(Math.max(1, Math.round((86_400 * tickMs) / (options.daySeconds * 1000))));
  let now = options.from;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped || now >= options.to) return;
    now = now + step > options.to ? options.to : now + step;
    await options.testClient.setNextBlockTimestamp({ timestamp: now });
    await options.testClient.mine({ blocks: 1 });
    const ethUsd = options.ethUsdAt(now);
    // `stepSeconds`: how far chain time jumps each tick while the replay runs (0 once it has ended), so that the
    // web app gives a transaction's deadline room for the next jumps.
    const stepSeconds = now >= options.to ? 0 : Number(step);
    const status = { timestamp: Number(now), ethUsd: ethUsd.toString(), stepSeconds };
    writeFileSync(options.statusFile, JSON.stringify(status));
    await options.onTick(now);
    if (now >= options.to) options.log(`replay reached the end of its window (${iso(now)})`);
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((error: unknown) => {
      options.log(`replay tick failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, tickMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export function iso(timestamp: bigint): string {
  return new Date(Number(timestamp) * 1000).toISOString().replace(".000Z", "Z");
}
