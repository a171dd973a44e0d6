// The keeper's persistent state: one JSON file holding the transaction intents (see sender.ts) and each job's
// own data (cursors, discovered items). Every change rewrites the whole file atomically (temp file, fsync,
// rename, fsync of the directory), so a kill -9 at any instant leaves either the old or the new file, never a
// torn one. A lock file next to it keeps two keepers off the same state.

import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { type Hex, isHex } from "viem";
import { z } from "zod";
import { StateFileError, StateLockedError } from "./errors.ts";
import type { JsonValue } from "./json.ts";

const hex = z.custom<Hex>((v) => typeof v === "string" && isHex(v), "must be 0x-prefixed hex");
const intentStatus = z.enum(["signed", "sent", "confirmed", "reverted", "dropped"]);

/**
 * Where an intent stands.
 * - signed: recorded with its nonce and hash before broadcasting; it may or may not have reached the node.
 * - sent: the node accepted it; not yet mined.
 * - confirmed / reverted: mined with this status (receipt seen).
 * - dropped: its nonce was used by another transaction, so this one can never be mined.
 */
export type IntentStatus = z.infer<typeof intentStatus>;

/** Attempts kept per key in an intent's `history` (the oldest go first; `attempts` keeps counting). */
export const MAX_ATTEMPTS_KEPT = 16;

/** One signed transaction of a key: its attempt number (1, 2, …), nonce, hash, bytes and how it ended. */
export const intentAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  nonce: z.number().int().nonnegative(),
  hash: hex,
  raw: hex,
  status: intentStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  blockNumber: z.string().optional(),
});
export type IntentAttempt = z.infer<typeof intentAttemptSchema>;

const intentFields = z.object({
  key: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.string()),
  from: hex,
  to: hex,
  data: hex,
  value: z.string(),
  nonce: z.number().int().nonnegative(),
  hash: hex,
  raw: hex,
  status: intentStatus,
  /** How many transactions were signed for the key, ever (the top-level fields are the latest one's). */
  attempts: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  blockNumber: z.string().optional(),
  /** The key's last `MAX_ATTEMPTS_KEPT` attempts, oldest first; the last one is the top-level attempt. */
  history: z.array(intentAttemptSchema).optional(),
});

/** The latest attempt's fields of an intent, as a history entry. */
export function attemptOf(i: z.input<typeof intentFields>): IntentAttempt {
  const { attempts, nonce, hash, raw, status, createdAt, updatedAt, blockNumber } = i;
  return {
    attempt: attempts,
    nonce,
    hash,
    raw,
    status,
    createdAt,
    updatedAt,
    ...(blockNumber === undefined ? {} : { blockNumber }),
  };
}

/**
 * An intent as stored. A state file written before histories were kept has none: it reads as a history of the one
 * attempt it recorded (the earlier ones are only counted in `attempts`).
 */
export const intentSchema = intentFields.transform((i) => ({ ...i, history: i.history ?? [attemptOf(i)] }));

/** One transaction the keeper decided to send, recorded before it is broadcast. bigints are decimal strings. */
export type Intent = z.output<typeof intentSchema>;
/** What `putIntent` takes: an intent whose history the store keeps itself. */
export type IntentInput = z.input<typeof intentSchema>;

/**
 * The intent to store when `next` replaces `previous` (same key): the latest attempt's entry is updated in place
 * (same attempt number: a new status or block) or appended (a new attempt), keeping the last `MAX_ATTEMPTS_KEPT`.
 */
export function withHistory(previous: Intent | undefined, next: IntentInput): Intent {
  const base = previous?.history ?? next.history ?? [];
  const entry = attemptOf(next);
  const history = base.at(-1)?.attempt === entry.attempt ? [...base.slice(0, -1), entry] : [...base, entry];
  return { ...next, history: history.slice(-MAX_ATTEMPTS_KEPT) };
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const stateSchema = z.object({
  version: z.literal(1),
  intents: z.record(z.string(), intentSchema),
  jobs: z.record(z.string(), jsonValue),
});
export type StateData = z.infer<typeof stateSchema>;

const emptyState = (): StateData => ({ version: 1, intents: {}, jobs: {} });

export type OpenStateParameters = {
  file: string;
  /** Take the `<file>.lock` lock (default true). */
  lock?: boolean;
};

/**
 * What the sender, the loop and the jobs need of the keeper's state: intents and each job's data, durable when a
 * call returns. `StateStore.open` is the JSON-file store below; the daemon keeps the same data in SQLite.
 */
export interface StateStore {
  readonly file: string;
  intent(key: string): Intent | undefined;
  intents(): Intent[];
  /** Records or replaces the key's intent; the store keeps its attempt history (`withHistory`). Returns it. */
  putIntent(intent: IntentInput): Intent;
  job<T>(name: string, schema: z.ZodType<T>, fallback: T): T;
  setJob(name: string, value: JsonValue): void;
  close(): void;
}

export class JsonStateStore implements StateStore {
  readonly file: string;
  #data: StateData;
  #locked: boolean;

  private constructor(file: string, data: StateData, locked: boolean) {
    this.file = file;
    this.#data = data;
    this.#locked = locked;
  }

  /** Opens (or creates) the state file. Throws `StateFileError` for a corrupt file, `StateLockedError` if held. */
  static open(parameters: OpenStateParameters): JsonStateStore {
    const { file } = parameters;
    mkdirSync(dirname(file), { recursive: true });
    const locked = parameters.lock ?? true;
    if (locked) acquireLock(file);
    const store = new JsonStateStore(file, existsSync(file) ? readState(file) : emptyState(), locked);
    if (!existsSync(file)) store.#write();
    return store;
  }

  intent(key: string): Intent | undefined {
    return this.#data.intents[key];
  }

  intents(): Intent[] {
    return Object.values(this.#data.intents);
  }

  /** Records or replaces an intent, keeping its attempt history; durable when this returns. */
  putIntent(intent: IntentInput): Intent {
    const stored = withHistory(this.#data.intents[intent.key], intent);
    this.#data.intents[intent.key] = stored;
    this.#write();
    return stored;
  }

  /** A job's data, parsed with `schema`; `fallback` when absent or unreadable (e.g. after a format change). */
  job<T>(name: string, schema: z.ZodType<T>, fallback: T): T {
    const raw = this.#data.jobs[name];
    if (raw === undefined) return fallback;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : fallback;
  }

  /** Replaces a job's data; durable when this returns. */
  setJob(name: string, value: JsonValue): void {
    this.#data.jobs[name] = value;
    this.#write();
  }

  /** Releases the lock. The data stays on disk. */
  close(): void {
    if (this.#locked) rmSync(lockFile(this.file), { force: true });
    this.#locked = false;
  }

  #write(): void {
    writeAtomic(this.file, `${JSON.stringify(this.#data, null, 2)}\n`);
  }
}

/** The JSON-file store under its original name, so `StateStore.open(…)` keeps working. */
export const StateStore = JsonStateStore;

function readState(file: string): StateData {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new StateFileError({
      file,
      problem: "it is not valid JSON",
      fix: "Restore it from a backup, or move it away to start from an empty state (the keeper then re-reads the chain; check for in-flight transactions first).",
      cause,
    });
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StateFileError({
      file,
      problem: `it does not match the state format (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "?"})`,
      fix: "It was written by another program or version: move it away to start from an empty state.",
    });
  }
  return parsed.data;
}

/** Writes `contents` to `file` so that a crash leaves either the old or the new contents. */
export function writeAtomic(file: string, contents: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dirFd = openSync(dirname(file), "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

const lockFile = (file: string) => `${file}.lock`;

function acquireLock(file: string): void {
  const lock = lockFile(file);
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
