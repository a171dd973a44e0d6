// A report as data (title, sections of text, tables and SVG charts), rendered to a standalone HTML page and to a
// markdown summary. The JSON beside them is the raw result. No timestamps: same input, same bytes.

import { escapeXml } from "./svg.ts";

export type Table = {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  align?: readonly ("l" | "r")[];
};
export type Section = {
  heading: string;
  text?: readonly string[];
  table?: Table;
  charts?: readonly string[];
};
export type ReportDoc = { title: string; intro: readonly string[]; sections: readonly Section[] };

/** 0.0123 → "1.23%". Non-finite values print as "ruined" (−∞) or "—". */
export function pct(value: number, digits = 2): string {
  if (value === Number.NEGATIVE_INFINITY) return "ruined";
  if (!Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

/** 1234567.8 → "1,234,568". */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Markdown summary; `chartNote` points readers to the HTML beside it (off for a summary printed alone). */
export function renderMarkdown(doc: ReportDoc, options: { chartNote?: boolean } = {}): string {
  const out: string[] = [`# ${doc.title}`, "", ...doc.intro.flatMap((p) => [p, ""])];
  for (const section of doc.sections) {
    out.push(`## ${section.heading}`, "");
    for (const p of section.text ?? []) out.push(p, "");
    if (section.table !== undefined) out.push(markdownTable(section.table), "");
    if ((section.charts?.length ?? 0) > 0 && options.chartNote !== false) {
      out.push("_Charts: see the HTML report beside this file._", "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

export function markdownTable(table: Table): string {
  const align = table.columns.map((_, i) =>
    (table.align?.[i] ?? (i === 0 ? "l" : "r")) === "r" ? "---:" : "---",
  );
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(table.columns), `|${align.join("|")}|`, ...table.rows.map(line)].join("\n");
}

export function renderHtml(doc: ReportDoc): string {
  const body: string[] = [`<h1>${escapeXml(doc.title)}</h1>`, ...doc.intro.map((p) => `<p>${inline(p)}</p>`)];
  for (const section of doc.sections) {
    body.push(`<h2>${escapeXml(section.heading)}</h2>`);
    for (const p of section.text ?? []) body.push(`<p>${inline(p)}</p>`);
    if (section.table !== undefined) body.push(htmlTable(section.table));
    for (const chart of section.charts ?? []) body.push(`<figure>${chart}</figure>`);
  }
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(doc.title)}</title>`,
    "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}",
    "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px}",
    "td.r{text-align:right}th{background:#f4f4f4}figure{margin:1em 0}code{background:#f4f4f4}</style>",
    "</head><body>",
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}

function htmlTable(table: Table): string {
  const cls = (i: number) => ((table.align?.[i] ?? (i === 0 ? "l" : "r")) === "r" ? ' class="r"' : "");
  const head = `<tr>${table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("")}</tr>`;
  const rows = table.rows.map(
    (r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${inline(c)}</td>`).join("")}</tr>`,
  );
  return `<table>${head}${rows.join("")}</table>`;
}

/** Escapes text and renders `code` spans. */
function inline(text: string): string {
  return escapeXml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** JSON with non-finite numbers as strings ("-Infinity") and typed arrays as arrays. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      if (v instanceof Float64Array) return Array.from(v);
      return v;
    },
    2,
  )}\n`;
}
