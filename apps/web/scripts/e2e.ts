// The web app's browser tests, as one command for scripts/test.ts:
//   node apps/web/scripts/e2e.ts [--rebuild] [playwright args…]
// 1. makes sure Debian's chromium is installed (ensure-chromium.ts), 2. builds apps/web when its sources changed
// (or always with --rebuild), 3. measures the JS bundle (gzip) against its budget, 4. runs the Playwright suite
// (playwright.config.ts), whose global setup starts `npm start`'s devnet (with its bots) and a fixture devnet
// (docs/devnet.md). Prints the measurements and screenshots.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureChromium } from "./ensure-chromium.ts";
import { buildWeb, distDir, needsBuild, webRoot } from "./serve.ts";

const repoRoot = join(webRoot, "../..");
const resultsDir = join(repoRoot, "test-results");
/** Budget for all the app's JavaScript, gzip-compressed. */
export const JS_BUDGET_GZIP_BYTES = 500 * 1024;

export type BundleReport = {
  files: { file: string; bytes: number; gzipBytes: number; initial: boolean }[];
  jsGzipBytes: number;
  initialJsGzipBytes: number;
};

/** Gzip sizes of dist's JavaScript; `initial` marks what index.html loads before any lazy chunk. */
export function bundleReport(): BundleReport {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const assets = join(distDir, "assets");
  const files = readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .map((file) => {
      const body = readFileSync(join(assets, file));
      return {
        file,
        bytes: body.length,
        gzipBytes: gzipSync(body, { level: 9 }).length,
        initial: html.includes(file),
      };
    });
  const sum = (list: typeof files) => list.reduce((total, f) => total + f.gzipBytes, 0);
  return { files, jsGzipBytes: sum(files), initialJsGzipBytes: sum(files.filter((f) => f.initial)) };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function pngs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // attachments/ holds the report's copies of the same screenshots.
    if (entry.isDirectory()) return entry.name === "attachments" ? [] : pngs(path);
    return entry.name.endsWith(".png") ? [path] : [];
  });
}

async function main(args: string[]): Promise<number> {
  const started = performance.now();
  const rebuild = args.includes("--rebuild");
  const playwrightArgs = args.filter((a) => a !== "--rebuild");
  ensureChromium();
  if (rebuild || needsBuild()) await buildWeb((line) => console.log(line));

  const bundle = bundleReport();
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "web-bundle.json"), `${JSON.stringify(bundle, null, 2)}\n`);
  console.log(
    `web bundle: ${kb(bundle.jsGzipBytes)} JS gzip in all (${kb(bundle.initialJsGzipBytes)} on first load), budget ${kb(JS_BUDGET_GZIP_BYTES)}`,
  );
  for (const f of bundle.files)
    console.log(
      `  ${f.file.padEnd(28)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzipBytes).padStart(8)}${f.initial ? "  (initial)" : ""}`,
    );

  const metricsPath = join(resultsDir, "web-e2e-metrics.json");
  rmSync(metricsPath, { force: true }); // written by the load test of this run
  const bin = join(repoRoot, "node_modules", ".bin");
  const run = spawnSync(
    "playwright",
    ["test", "-c", join(webRoot, "playwright.config.ts"), ...playwrightArgs],
    {
      cwd: repoRoot,
      stdio: "inherit",
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` },
    },
  );
  if (existsSync(metricsPath))
    console.log(`\nfirst page load (ms): ${readFileSync(metricsPath, "utf8").trim()}`);
  const shots = pngs(join(resultsDir, "web-e2e"));
  if (shots.length > 0)
    console.log(`screenshots:\n${shots.map((p) => `  ${relative(repoRoot, p)}`).join("\n")}`);
  console.log(`web e2e: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);

  if (bundle.jsGzipBytes > JS_BUDGET_GZIP_BYTES) {
    console.error(
      `web bundle: ${kb(bundle.jsGzipBytes)} of JS (gzip) is over the ${kb(JS_BUDGET_GZIP_BYTES)} budget.`,
    );
    return 1;
  }
  if (run.error) {
    console.error(`web e2e: could not start playwright (${run.error.message}); run \`npm ci\`.`);
    return 1;
  }
  return run.status ?? 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`web e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
