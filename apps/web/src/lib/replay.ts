// The devnet replay's status, /replay.json: the chain's simulated "now" and the ETH/USD close it replays
// ({"timestamp": <unix>, "ethUsd": "<WAD>", "stepSeconds": <n>}), written by `npm start` on every tick. It is the app's "x now" for the
// USD index. EUR and CPI-U values are taken only when the file gives them ("values": {"EUR": "<WAD>", …}): their
// rules need the ECB rate and the CPI-U print of that date, which the browser does not have.
import { wadToNumber } from "./format.ts";

export type ReplayStatus = {
  /** The replayed instant, unix seconds (the last mined block's timestamp). */
  timestamp: number;
  /** Index values per ETH, by ticker (USD always). A plain object, so unchanged polls keep their identity. */
  values: Readonly<Record<string, number>>;
  /** Seconds chain time jumps at each tick while the replay runs; 0 once it has ended (or when not given). */
  stepSeconds: number;
};

/** A transaction's usual time to deadline, in chain seconds. */
export const DEADLINE_SECONDS = 600;

/**
 * Seconds from now to a transaction's deadline: 10 minutes, plus one jump of a running replay (a jump between
 * planning and mining would otherwise expire the deadline; a longer one would leave out more of the book's orders,
 * which must outlive it).
 */
export function deadlineSeconds(replay: ReplayStatus | null | undefined): bigint {
  return BigInt(DEADLINE_SECONDS + (replay?.stepSeconds ?? 0));
}

function wad(value: unknown): bigint | undefined {
  if (typeof value !== "string" || !/^\d{1,60}$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed > 0n ? parsed : undefined;
}

/** Reads /replay.json; undefined when it is not the replay's shape (the app then keeps its own x). */
export function parseReplay(json: unknown): ReplayStatus | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { timestamp, ethUsd, values, stepSeconds } = json as Record<string, unknown>;
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) || timestamp <= 0) return undefined;
  const usd = wad(ethUsd);
  if (usd === undefined) return undefined;
  const out: Record<string, number> = { USD: wadToNumber(usd) };
  if (typeof values === "object" && values !== null) {
    for (const [ticker, raw] of Object.entries(values)) {
      const value = wad(raw);
      if (value !== undefined && ticker !== "USD") out[ticker] = wadToNumber(value);
    }
  }
  const step =
    typeof stepSeconds === "number" && Number.isSafeInteger(stepSeconds) && stepSeconds > 0 ? stepSeconds : 0;
  return { timestamp, values: out, stepSeconds: step };
}

/** "2020-02-14" (UTC) of a replay instant. */
export function replayDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}
