// JSON parsing that keeps numbers exact: every JSON number is returned as its source text (Node >= 21 passes it
// to the reviver), so a price like 2512.3456789 never goes through a float. Plus a small path reader.

/** A parsed JSON value whose numbers are `{ number: "<source text>" }`. */
export type ExactJson = string | boolean | null | ExactNumber | ExactJson[] | { [key: string]: ExactJson };
export type ExactNumber = { readonly number: string };

type ReviverContext = { source?: string };
type Reviver = (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown;

/** Parses JSON, keeping each number's exact text. */
export function parseExactJson(text: string): ExactJson {
  const reviver: Reviver = (_key, value, context) =>
    typeof value === "number" ? { number: context?.source ?? String(value) } : value;
  return JSON.parse(text, reviver);
}

export function isExactNumber(value: ExactJson | undefined): value is ExactNumber {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.number === "string"
  );
}

/**
 * Reads `path` in `value`: dot-separated keys and array indices, negative indices counting from the end.
 * `"data.0.close"`, `"result.XETHZUSD.-1.4"`. Returns `undefined` when a step is missing.
 */
export function readPath(value: ExactJson, path: string): ExactJson | undefined {
  let current: ExactJson | undefined = value;
  for (const step of path.split(".").filter((s) => s !== "")) {
    if (Array.isArray(current)) {
      const index = Number.parseInt(step, 10);
      if (!Number.isInteger(index) || String(index) !== step) return undefined;
      current = current.at(index);
    } else if (typeof current === "object" && current !== null && !isExactNumber(current)) {
      current = Object.hasOwn(current, step) ? current[step] : undefined;
    } else return undefined;
  }
  return current;
}

/** A JSON number's or string's text, with exponent notation expanded exactly (`"1.5e3"` → `"1500"`). */
export function decimalText(value: ExactJson | undefined): string | undefined {
  const text = isExactNumber(value) ? value.number : typeof value === "string" ? value.trim() : undefined;
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (match === null) return text;
  const digits = `${match[1] ?? ""}${match[2] ?? ""}`;
  const point = (match[1] ?? "").length + Number.parseInt(match[3] ?? "0", 10);
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
