// What the roll machine reads and writes of the daemon's records. Live, that is the SQLite store. In a dry run
// nothing may be written, yet the machine must see its own decisions within the tick to reach (and simulate) the
// first transaction it would send: the dry-run view keeps its writes in memory, on top of the stored records.

import type { Logger } from "../framework/log.ts";
import type { PositionRecord, RollRecord } from "./records.ts";
import type { DaemonChange, DaemonStore } from "./store.ts";

export type RecordsView = {
  position(): PositionRecord | undefined;
  roll(epoch: number): RollRecord | undefined;
  save(change: DaemonChange): void;
  meta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
};

export function liveView(store: DaemonStore): RecordsView {
  return {
    position: () => store.position(),
    roll: (epoch) => store.roll(epoch),
    save: (change) => store.save(change),
    meta: (key) => store.meta(key),
    setMeta: (key, value) => store.setMeta(key, value),
  };
}

export function dryRunView(store: DaemonStore, log: Logger): RecordsView {
  let position: PositionRecord | undefined;
  const rolls = new Map<number, RollRecord>();
  const meta = new Map<string, string>();
  return {
    position: () => position ?? store.position(),
    roll: (epoch) => rolls.get(epoch) ?? store.roll(epoch),
    save: (change) => {
      if (change.position !== undefined) position = change.position;
      if (change.roll !== undefined) rolls.set(change.roll.epoch, change.roll);
      if (change.event !== undefined) log.info("dry run: would record", { ...change.event });
    },
    meta: (key) => meta.get(key) ?? store.meta(key),
    setMeta: (key, value) => void meta.set(key, value),
  };
}
