// Serves the built web app (apps/web/dist), the deployment file as /deployment.json and, when the devnet's replay
// writes one next to it, replay.json as /replay.json (both read on every request) on 127.0.0.1, building first
// when the build is missing or older than its sources. Importable (`serveWeb`) for scripts/start.ts and
// the e2e setup, and runnable:
//   node apps/web/scripts/serve.ts [--port 5173] [--host 127.0.0.1] [--deployment .devnet/deployment.json]
//                                  [--build auto|always|never]
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

export const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const distDir = join(webRoot, "dist");
const repoRoot = resolve(webRoot, "../..");
const stampFile = join(distDir, ".build-stamp");
/** What a build depends on: the app's sources and the two libraries it bundles. */
const buildInputs = [
  join(webRoot, "index.html"),
  join(webRoot, "vite.config.ts"),
  join(webRoot, "package.json"),
  join(webRoot, "src"),
  join(webRoot, "public"),
  join(repoRoot, "packages/core/src"),
  join(repoRoot, "packages/sdk/src"),
];

export const DEFAULT_WEB_PORT = 5173;

/** A problem the user can fix (busy port, missing build); the message says how. */
export class WebServeError extends Error {
  override name = "WebServeError";
}

export type BuildMode = "auto" | "always" | "never";

export type ServeWebOptions = {
  /** Port on `host`; 0 picks a free one. Default 5173. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The deployment file served as /deployment.json, read on every request. `replay.json` in the same directory
   * (written by `npm start`'s replay on every tick) is served as /replay.json when present, else 404.
   */
  deploymentPath: string;
  /** auto (default): build when dist is missing or older than its sources. */
  build?: BuildMode;
  /** Progress lines (building…); silent by default. */
  log?: (line: string) => void;
  /** Serve this directory instead of apps/web/dist (never built; for tests). */
  distDir?: string;
};

export type WebServer = {
  url: string;
  port: number;
  close: () => Promise<void>;
};

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist is missing or any build input changed after the last build. */
export function needsBuild(): boolean {
  if (!existsSync(join(distDir, "index.html")) || !existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return buildInputs.some((input) => newestMtime(input) > built);
}

/** Runs `vite build` for apps/web (Vite loads only when a build is needed). */
export async function buildWeb(log: (line: string) => void = () => {}): Promise<void> {
  const started = performance.now();
  log("web: building apps/web (vite build)…");
  const { build } = await import("vite");
  await build({ root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn" });
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  log(`web: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".txt"]);

type Cached = { mtimeMs: number; body: Buffer; gzip: Buffer | undefined };

/** Where the devnet's replay writes its status: `replay.json` beside the deployment file. */
export function replayPathFor(deploymentPath: string): string {
  return join(dirname(resolve(deploymentPath)), "replay.json");
}

function createHandler(root: string, deploymentPath: string) {
  const replayPath = replayPathFor(deploymentPath);
  const cache = new Map<string, Cached>();

  async function file(path: string): Promise<Cached | undefined> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = await readFile(path);
    const gzip = COMPRESSIBLE.has(extname(path)) && body.length > 1024 ? gzipSync(body) : undefined;
    const entry = { mtimeMs: info.mtimeMs, body, gzip };
    cache.set(path, entry);
    return entry;
  }

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: Buffer,
  ) {
    res.writeHead(status, { ...headers, "content-length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /** A small JSON file read afresh on every request (it changes while the server runs); 404 with `missing`. */
  async function live(req: IncomingMessage, res: ServerResponse, path: string, missing: string) {
    try {
      const body = await readFile(path);
      send(req, res, 200, { "content-type": "application/json", "cache-control": "no-store" }, body);
    } catch {
      send(
        req,
        res,
        404,
        { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
        Buffer.from(missing),
      );
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(req, res, 405, { allow: "GET, HEAD" }, Buffer.from("Method not allowed\n"));
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (pathname === "/deployment.json") {
      return live(
        req,
        res,
        deploymentPath,
        `No deployment file at ${deploymentPath}: start the devnet with \`npm start\`.\n`,
      );
    }
    if (pathname === "/replay.json") {
      return live(
        req,
        res,
        replayPath,
        `No replay running (no ${replayPath}): x now is the app's own input.\n`,
      );
    }
    const requested = normalize(join(root, pathname));
    const inside = requested === root || requested.startsWith(root + sep);
    const isAsset = pathname.startsWith("/assets/");
    let target = inside && pathname !== "/" ? requested : join(root, "index.html");
    let entry = await file(target);
    if (entry === undefined && !isAsset && extname(pathname) === "") {
      target = join(root, "index.html"); // client-side routes fall back to the app
      entry = await file(target);
    }
    if (entry === undefined) {
      send(req, res, 404, { "content-type": "text/plain; charset=utf-8" }, Buffer.from("Not found\n"));
      return;
    }
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[extname(target)] ?? "application/octet-stream",
      "cache-control": isAsset ? "public, max-age=31536000, immutable" : "no-cache",
      vary: "accept-encoding",
    };
    const gzipOk = entry.gzip !== undefined && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzipOk && entry.gzip) headers["content-encoding"] = "gzip";
    send(req, res, 200, headers, gzipOk && entry.gzip ? entry.gzip : entry.body);
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new WebServeError(
            `Port ${port} on ${host} is already in use, so the web app cannot be served: stop what is using it, or choose another port.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(new WebServeError(`Port ${port} on ${host} needs privileges: choose a port above 1023.`));
      } else {
        reject(new WebServeError(`The web server could not listen on ${host}:${port}: ${error.message}`));
      }
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolvePort(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

/**
 * Serves apps/web/dist and `deploymentPath` as /deployment.json. Builds first when needed (see `build`).
 * Rejects with WebServeError on a busy port or a missing build.
 *
 * @example
 * const web = await serveWeb({ port: 5173, deploymentPath: ".devnet/deployment.json" });
 * console.log(`Web app: ${web.url}`);
 * await web.close();
 */
export async function serveWeb(options: ServeWebOptions): Promise<WebServer> {
  const { port = DEFAULT_WEB_PORT, host = "127.0.0.1", build = "auto", log = () => {} } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new WebServeError(`${port} is not a port.`);
  const root = resolve(options.distDir ?? distDir);
  if (options.distDir === undefined && (build === "always" || (build === "auto" && needsBuild()))) {
    await buildWeb(log);
  }
  if (!existsSync(join(root, "index.html"))) {
    throw new WebServeError(`${root} has no index.html: build the app with \`npm run build -w @pn/web\`.`);
  }
  const handler = createHandler(root, resolve(options.deploymentPath));
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const bound = await listen(server, port, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}/`;
  return {
    url,
    port: bound,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: String(DEFAULT_WEB_PORT) },
      host: { type: "string", default: "127.0.0.1" },
      deployment: { type: "string", default: join(repoRoot, ".devnet", "deployment.json") },
      build: { type: "string", default: "auto" },
    },
  });
  const build = values.build;
  if (build !== "auto" && build !== "always" && build !== "never") {
    throw new WebServeError(`--build must be auto, always or never, not ${build}.`);
  }
  const web = await serveWeb({
    port: Number(values.port),
    host: values.host,
    deploymentPath: values.deployment,
    build,
    log: (line) => console.log(line),
  });
  console.log(`Web app: ${web.url}  (deployment: ${values.deployment})\nPress Ctrl-C to stop.`);
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await web.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(
      `serve: ${error instanceof WebServeError || error instanceof TypeError ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  });
}
