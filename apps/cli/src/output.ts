// Writing a command's result: a report (HTML + JSON + markdown) when --out is given, JSON or text on stdout.

import { type ReportDoc, renderMarkdown, toJson, writeReport } from "@pn/sim";

export type EmitParams = {
  json: boolean;
  out: string | undefined;
  name: string;
  doc: ReportDoc;
  /** Full data for the report's JSON file. */
  data: unknown;
  /** Smaller data for --json on stdout (no per-bar series). */
  summary: unknown;
};

export function emit(params: EmitParams): void {
  if (params.out !== undefined) {
    const written = writeReport({ dir: params.out, name: params.name, doc: params.doc, data: params.data });
    process.stderr.write(`wrote ${written.html}, ${written.json}, ${written.markdown}\n`);
  }
  process.stdout.write(
    params.json
      ? toJson(params.summary)
      : renderMarkdown(params.doc, { chartNote: params.out !== undefined }),
  );
}
