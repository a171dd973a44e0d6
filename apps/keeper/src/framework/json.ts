// JSON helpers: bigint-safe serialisation (bigints become decimal strings) and error flattening for logs.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Converts any value into plain JSON data: bigints as decimal strings, errors as {name, message, ...}. */
export function toJson(value: unknown, depth = 0): JsonValue {
  if (depth > 8) return "[too deep]";
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value instanceof Error) return errorToJson(value, depth);
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth + 1));
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, depth + 1);
    return out;
  }
  return String(value);
}

function errorToJson(error: Error, depth: number): JsonValue {
  const short =
    "shortMessage" in error && typeof error.shortMessage === "string" ? error.shortMessage : undefined;
  const out: { [key: string]: JsonValue } = {
    name: error.name,
    message: short ?? error.message.split("\n")[0] ?? "",
  };
  if (short !== undefined && error.message !== short) out.detail = error.message;
  if (error.cause !== undefined && depth < 4) out.cause = toJson(error.cause, depth + 1);
  return out;
}

/** `JSON.stringify` that accepts bigints and errors. */
export function stringify(value: unknown, space?: number): string {
  return JSON.stringify(toJson(value), null, space);
}
