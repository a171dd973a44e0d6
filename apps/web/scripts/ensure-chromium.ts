// Makes sure Debian's chromium is installed for the browser tests: Playwright cannot download its own browsers
// here, so the e2e suite drives /usr/bin/chromium. Installs it with apt (after `apt-get update`) when missing.
//   node apps/web/scripts/ensure-chromium.ts        exit 0 when chromium is ready, 1 with the reason otherwise
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const CHROMIUM_PATH = process.env.PN_CHROMIUM ?? "/usr/bin/chromium";

/** Chromium is missing and could not be installed; the message says what to do. */
export class ChromiumUnavailableError extends Error {
  override name = "ChromiumUnavailableError";
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output };
}

function lastLines(text: string, count = 5): string {
  return text.split("\n").slice(-count).join("\n");
}

/** The chromium version string, e.g. "Chromium 156.0.8078.79 built on Debian …". */
export function chromiumVersion(path = CHROMIUM_PATH): string {
  const result = run(path, ["--version"]);
  if (!result.ok) throw new ChromiumUnavailableError(`${path} does not run: ${lastLines(result.output)}`);
  return result.output;
}

/** Returns the path of a working chromium, installing Debian's package first when it is missing. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) {
    chromiumVersion();
    return CHROMIUM_PATH;
  }
  if (process.env.PN_CHROMIUM !== undefined) {
    throw new ChromiumUnavailableError(
      `PN_CHROMIUM=${CHROMIUM_PATH} does not exist. Point it at a chromium binary.`,
    );
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new ChromiumUnavailableError(
      "/usr/bin/chromium is missing and installing it needs root: run `sudo apt-get update && sudo apt-get install -y chromium`.",
    );
  }
  console.log("chromium: /usr/bin/chromium is missing; installing Debian's chromium with apt-get…");
  const update = run("apt-get", ["update"]);
  if (!update.ok) {
    throw new ChromiumUnavailableError(
      `apt-get update failed, so chromium cannot be installed:\n${lastLines(update.output)}\nCheck that apt can reach Debian's mirrors, then run \`apt-get install -y chromium\`.`,
    );
  }
  const install = run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
  if (!install.ok || !existsSync(CHROMIUM_PATH)) {
    throw new ChromiumUnavailableError(
      `apt-get install chromium failed:\n${lastLines(install.output)}\nInstall it by hand (\`apt-get install -y chromium\`) or set PN_CHROMIUM to a chromium binary.`,
    );
  }
  chromiumVersion();
  return CHROMIUM_PATH;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const path = ensureChromium();
    console.log(`chromium: ${chromiumVersion(path)} at ${path}`);
  } catch (error) {
    console.error(`chromium: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
