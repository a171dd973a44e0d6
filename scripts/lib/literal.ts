// Prints JSON-like data as a TypeScript literal laid out the way biome (and prettier) would format it:
// a group stays on one line when it fits, else breaks one element per line with trailing commas.
// Used for generated files, so regenerating never produces a formatting diff.

export type Literal =
  | string
  | number
  | boolean
  | null
  | readonly Literal[]
  | { readonly [key: string]: Literal };

export type PrintOptions = { lineWidth: number; indentWidth: number };

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isObject(value: Literal): value is { readonly [key: string]: Literal } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function printKey(key: string): string {
  return identifier.test(key) ? key : JSON.stringify(key);
}

function flat(value: Literal): string {
  if (Array.isArray(value)) return `[${value.map(flat).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${printKey(k)}: ${flat(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Arrays of two or more non-trivial objects (or arrays) always break, as in prettier's `shouldBreak`. */
function mustBreak(value: readonly Literal[]): boolean {
  return (
    value.length > 1 &&
    value.every((item) =>
      Array.isArray(item) ? item.length > 1 : isObject(item) && Object.keys(item).length > 1,
    ) &&
    value.every((item) => Array.isArray(item) === Array.isArray(value[0]))
  );
}

/**
 * Prints `value` at nesting `depth`, where `column` characters precede it on its line and `suffix`
 * characters must follow it before the next possible line break.
 */
export function printLiteral(
  value: Literal,
  options: PrintOptions,
  at: { depth: number; column: number; suffix: number } = { depth: 0, column: 0, suffix: 0 },
): string {
  const oneLine = flat(value);
  const isArray = Array.isArray(value);
  if (!isArray && !isObject(value)) return oneLine;
  const forced = isArray && mustBreak(value);
  if (!forced && at.column + oneLine.length + at.suffix <= options.lineWidth) return oneLine;
  const inner = " ".repeat((at.depth + 1) * options.indentWidth);
  const outer = " ".repeat(at.depth * options.indentWidth);
  const child = (v: Literal, prefix: string) =>
    `${inner}${prefix}${printLiteral(v, options, { depth: at.depth + 1, column: inner.length + prefix.length, suffix: 1 })},\n`;
  const body = isArray
    ? value.map((v) => child(v, "")).join("")
    : Object.entries(value)
        .map(([k, v]) => child(v, `${printKey(k)}: `))
        .join("");
  return isArray ? `[\n${body}${outer}]` : `{\n${body}${outer}}`;
}
