// Structured logs: one JSON object per line, `{"level","ts","msg",...fields}`, written to a sink (stdout by
// default). bigints print as decimal strings and errors as {name, message, cause}.

import { toJson } from "./json.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
export type LogFields = Record<string, unknown>;

/** Where log lines go. Each call receives one complete line without the trailing newline. */
export type LogSink = (line: string) => void;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ job: "oracle" }`). */
  child(fields: LogFields): Logger;
};

export type CreateLoggerParameters = {
  level?: LogLevel;
  sink?: LogSink;
  /** Fields on every line. */
  fields?: LogFields;
  /** Clock for `ts`; tests pin it. */
  now?: () => Date;
};

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Creates a JSON-line logger.
 *
 * @example
 * const log = createLogger({ level: "info" });
 * log.info("proposed", { indexId, timestamp: 1700000000n }); // {"level":"info","ts":"…","msg":"proposed",…}
 */
export function createLogger(parameters: CreateLoggerParameters = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(parameters.level ?? "info");
  const sink = parameters.sink ?? stdoutSink;
  const now = parameters.now ?? (() => new Date());
  const base = parameters.fields ?? {};
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line = toJson({ level, ts: now().toISOString(), msg, ...base, ...fields });
    sink(JSON.stringify(line));
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ ...parameters, fields: { ...base, ...fields } }),
  };
}

/** A logger that keeps its lines in memory (tests). */
export function memoryLogger(level: LogLevel = "debug"): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, sink: (line) => lines.push(JSON.parse(line)) });
  return { log, lines };
}
