// Writes a report's three files side by side: NAME.html, NAME.json, NAME.md.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ReportDoc, renderHtml, renderMarkdown, toJson } from "./document.ts";

export type WrittenReport = { html: string; json: string; markdown: string };

export function writeReport(params: {
  dir: string;
  name: string;
  doc: ReportDoc;
  data: unknown;
}): WrittenReport {
  mkdirSync(params.dir, { recursive: true });
  const paths = {
    html: join(params.dir, `${params.name}.html`),
    json: join(params.dir, `${params.name}.json`),
    markdown: join(params.dir, `${params.name}.md`),
  };
  writeFileSync(paths.html, renderHtml(params.doc));
  writeFileSync(paths.json, toJson(params.data));
  writeFileSync(paths.markdown, renderMarkdown(params.doc));
  return paths;
}
