// The daemon's state in one SQLite database (Node's built-in node:sqlite, no native dependency): the framework's
// transaction intents and job data (so the sender records every signed transaction here before broadcasting it),
// the position, each roll's state machine and an append-only log of its transitions. WAL journal with
// synchronous=FULL: a statement is durable when it returns, and a kill -9 at any instant leaves either the old or
// the new row. A change that touches several rows runs in one transaction. A lock file keeps two daemons off
// one database.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { z } from "zod";
import { StateFileError, StateLockedError } from "../framework/errors.ts";
import type { JsonValue } from "../framework/json.ts";
import {
  type Intent,
  type IntentInput,
  intentSchema,
  type StateStore,
  withHistory,
} from "../framework/state.ts";
import { type PositionRecord, positionSchema, type RollRecord, rollSchema } from "./records.ts";

const SCHEMA_VERSION = "1";

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS intents (
  key TEXT PRIMARY KEY, status TEXT NOT NULL, nonce INTEGER NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (name TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS position (id INTEGER PRIMARY KEY CHECK (id = 1), epoch INTEGER NOT NULL,
  series_id TEXT NOT NULL, body TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rolls (epoch INTEGER PRIMARY KEY, state TEXT NOT NULL, body TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roll_log (id INTEGER PRIMARY KEY AUTOINCREMENT, epoch INTEGER NOT NULL,
  state TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL);
`;

export type RollLogEntry = { epoch: number; state: string; detail: Record<string, JsonValue>; at: string };

/** One atomic change of the daemon's own records. */
export type DaemonChange = {
  roll?: RollRecord;
  position?: PositionRecord;
  /** Appended to roll_log. */
  event?: { epoch: number; state: string; detail?: Record<string, JsonValue> };
};

export class DaemonStore implements StateStore {
  readonly file: string;
  readonly #db: DatabaseSync;
  #locked: boolean;

  private constructor(file: string, db: DatabaseSync, locked: boolean) {
    this.file = file;
    this.#db = db;
    this.#locked = locked;
  }

  /** Opens (or creates) the database. Throws `StateLockedError` when another live process holds it. */
  static open({ file, lock = true }: { file: string; lock?: boolean }): DaemonStore {
    mkdirSync(dirname(file), { recursive: true });
    if (lock) acquireLock(file);
    let db: DatabaseSync;
    const fresh = !existsSync(file);
    try {
      db = new DatabaseSync(file, { timeout: 5_000 });
      // The private thresholds' seed lives here: owner-only.
      if (fresh) chmodSync(file, 0o600);
      db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
      db.exec(DDL);
    } catch (cause) {
      if (lock) rmSync(`${file}.lock`, { force: true });
      throw new StateFileError({
        file,
        problem: "it cannot be opened as the daemon's SQLite database",
        fix: "Point stateFile at a new file (e.g. ./daemon.sqlite) or restore the database from a backup.",
        cause,
      });
    }
    const store = new DaemonStore(file, db, lock);
    const version = store.meta("schema");
    if (version === undefined) store.setMeta("schema", SCHEMA_VERSION);
    else if (version !== SCHEMA_VERSION) {
      store.close();
      throw new StateFileError({
        file,
        problem: `it has schema version ${version}, this daemon writes ${SCHEMA_VERSION}`,
        fix: "Use the daemon version that wrote it, or move it away to start from an empty state.",
      });
    }
    return store;
  }

  /*////////////////////////////// the framework's StateStore //////////////////////////////*/

  intent(key: string): Intent | undefined {
    const row = this.#db.prepare("SELECT body FROM intents WHERE key = ?").get(key);
    return row === undefined ? undefined : this.#parse(intentSchema, row.body, `intent ${key}`);
  }

  /** Every intent, in nonce order (reconciliation re-broadcasts them in that order). */
  intents(): Intent[] {
    return this.#db
      .prepare("SELECT key, body FROM intents ORDER BY nonce, rowid")
      .all()
      .map((row) => this.#parse(intentSchema, row.body, `intent ${String(row.key)}`));
  }

  /** Records or replaces an intent, keeping its attempt history (`withHistory`). */
  putIntent(next: IntentInput): Intent {
    const intent = withHistory(this.intent(next.key), next);
    this.#db
      .prepare(
        `INSERT INTO intents (key, status, nonce, hash, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET status = excluded.status, nonce = excluded.nonce, hash = excluded.hash,
         body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(intent.key, intent.status, intent.nonce, intent.hash, JSON.stringify(intent), intent.updatedAt);
    return intent;
  }

  job<T>(name: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.#db.prepare("SELECT body FROM jobs WHERE name = ?").get(name);
    if (row === undefined || typeof row.body !== "string") return fallback;
    const parsed = schema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : fallback;
  }

  setJob(name: string, value: JsonValue): void {
    this.#db
      .prepare(
        "INSERT INTO jobs (name, body) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET body = excluded.body",
      )
      .run(name, JSON.stringify(value));
  }

  /** Closes the database and releases the lock. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
    if (this.#locked) rmSync(`${this.file}.lock`, { force: true });
    this.#locked = false;
  }

  /*////////////////////////////// the daemon's records //////////////////////////////*/

  meta(key: string): string | undefined {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = ?").get(key);
    return typeof row?.value === "string" ? row.value : undefined;
  }

  setMeta(key: string, value: string): void {
    this.#db
      .prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  position(): PositionRecord | undefined {
    const row = this.#db.prepare("SELECT body FROM position WHERE id = 1").get();
    return row === undefined ? undefined : this.#parse(positionSchema, row.body, "position");
  }

  roll(epoch: number): RollRecord | undefined {
    const row = this.#db.prepare("SELECT body FROM rolls WHERE epoch = ?").get(epoch);
    return row === undefined ? undefined : this.#parse(rollSchema, row.body, `roll ${epoch}`);
  }

  rolls(): RollRecord[] {
    return this.#db
      .prepare("SELECT epoch, body FROM rolls ORDER BY epoch")
      .all()
      .map((row) => this.#parse(rollSchema, row.body, `roll ${String(row.epoch)}`));
  }

  rollLog(): RollLogEntry[] {
    return this.#db
      .prepare("SELECT epoch, state, detail, at FROM roll_log ORDER BY id")
      .all()
      .map((row) => ({
        epoch: Number(row.epoch),
        state: String(row.state),
        detail: JSON.parse(String(row.detail)) as Record<string, JsonValue>,
        at: String(row.at),
      }));
  }

  /** Applies `change` in one transaction: all of it is durable when this returns, or none of it. */
  save(change: DaemonChange): void {
    const now = new Date().toISOString();
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      if (change.position !== undefined) {
        const p = change.position;
        this.#db
          .prepare(
            `INSERT INTO position (id, epoch, series_id, body, updated_at) VALUES (1, ?, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET epoch = excluded.epoch, series_id = excluded.series_id,
             body = excluded.body, updated_at = excluded.updated_at`,
          )
          .run(p.epoch, p.series.id, JSON.stringify(p), now);
      }
      if (change.roll !== undefined) {
        const r = change.roll;
        this.#db
          .prepare(
            `INSERT INTO rolls (epoch, state, body, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(epoch) DO UPDATE SET state = excluded.state, body = excluded.body,
             updated_at = excluded.updated_at`,
          )
          .run(r.epoch, r.state, JSON.stringify(r), now);
      }
      if (change.event !== undefined) {
        const e = change.event;
        this.#db
          .prepare("INSERT INTO roll_log (epoch, state, detail, at) VALUES (?, ?, ?, ?)")
          .run(e.epoch, e.state, JSON.stringify(e.detail ?? {}), now);
      }
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = typeof body === "string" ? schema.safeParse(JSON.parse(body)) : undefined;
    if (parsed?.success === true) return parsed.data;
    throw new StateFileError({
      file: this.file,
      problem: `its ${what} does not match the daemon's format`,
      fix: "It was written by another program or version: move the database away to start from an empty state (check the chain for open orders first).",
    });
  }
}

function acquireLock(file: string): void {
  const lock = `${file}.lock`;
  if (existsSync(lock)) {
    const pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    // A lock left by a killed process (or by this very process, restarted in a test) is stale.
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid))
      throw new StateLockedError({ file, pid });
  }
  writeFileSync(lock, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}
