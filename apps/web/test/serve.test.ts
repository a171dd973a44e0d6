// serveWeb: the built app, /deployment.json and /replay.json read fresh on every request, and a clear error on a
// busy port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayPathFor, serveWeb, WebServeError, type WebServer } from "../scripts/serve.ts";

const dir = mkdtempSync(join(tmpdir(), "pn-web-serve-"));
const dist = join(dir, "dist");
const deploymentPath = join(dir, "deployment.json");
const script = `console.log(${JSON.stringify("x".repeat(4096))});`;
let web: WebServer;

/** A GET whose body is not decompressed (fetch would). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>pn</title>");
  writeFileSync(join(dist, "assets", "app-abc.js"), script);
  web = await serveWeb({ port: 0, deploymentPath, distDir: dist });
});

afterAll(async () => {
  await web.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serveWeb", () => {
  it("serves the app on 127.0.0.1, with routes falling back to index.html", async () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/`);
    for (const path of ["", "portfolio", "../../etc/passwd"]) {
      const res = await fetch(`${web.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<title>pn</title>");
    }
  });

  it("serves hashed assets compressed and cached for good", async () => {
    const res = await rawGet(`${web.url}assets/app-abc.js`, { "accept-encoding": "gzip" });
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.headers["content-type"]).toContain("text/javascript");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).toString()).toBe(script);
    expect((await fetch(`${web.url}assets/missing.js`)).status).toBe(404);
  });

  it("reads /deployment.json on every request, and says how to get one when it is missing", async () => {
    const missing = await fetch(`${web.url}deployment.json`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("npm start");
    writeFileSync(deploymentPath, '{"chainId":1}');
    expect(await (await fetch(`${web.url}deployment.json`)).json()).toEqual({ chainId: 1 });
    writeFileSync(deploymentPath, '{"chainId":2}');
    const res = await fetch(`${web.url}deployment.json`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ chainId: 2 });
  });

  it("serves the replay's replay.json from beside the deployment file as /replay.json, 404 without one", async () => {
    expect(replayPathFor(deploymentPath)).toBe(join(dir, "replay.json"));
    const missing = await fetch(`${web.url}replay.json`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    const tick = { timestamp: 1_580_515_200, ethUsd: "180120000000000000000" };
    writeFileSync(join(dir, "replay.json"), JSON.stringify(tick));
    const res = await fetch(`${web.url}replay.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual(tick);
    writeFileSync(join(dir, "replay.json"), JSON.stringify({ ...tick, timestamp: tick.timestamp + 8_640 }));
    expect(await (await fetch(`${web.url}replay.json`)).json()).toEqual({
      ...tick,
      timestamp: 1_580_523_840,
    });
    rmSync(join(dir, "replay.json"));
    expect((await fetch(`${web.url}replay.json`)).status).toBe(404);
  });

  it("rejects a busy port with a message that says what to do", async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const attempt = serveWeb({ port, deploymentPath, distDir: dist });
      await expect(attempt).rejects.toBeInstanceOf(WebServeError);
      await expect(attempt).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });
});
