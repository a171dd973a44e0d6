// Vite config of the web app. The bundle holds no addresses: at run time the app fetches /deployment.json,
// which `serveWeb` (scripts/serve.ts) serves from the devnet's deployment file. `vite` (the dev server) serves
// the same file from PN_DEPLOYMENT or .devnet/deployment.json.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = dirname(fileURLToPath(import.meta.url));
const defaultDeployment = resolve(webRoot, "../../.devnet/deployment.json");

/**
 * Dev server only: `/deployment.json` from the devnet and `/replay.json` (the replay's "x now", beside it), read on
 * every request, as `serveWeb` serves them.
 */
function deploymentFile(): Plugin {
  const path = process.env.PN_DEPLOYMENT ?? defaultDeployment;
  const files = {
    "/deployment.json": { path, missing: `No deployment file at ${path}: run \`npm start\` first.` },
    "/replay.json": { path: join(dirname(path), "replay.json"), missing: "No replay running." },
  };
  return {
    name: "pn-deployment-file",
    configureServer(server) {
      for (const [route, file] of Object.entries(files)) {
        server.middlewares.use(route, (_req, res) => {
          readFile(file.path, "utf8").then(
            (text) => {
              res.setHeader("content-type", "application/json");
              res.setHeader("cache-control", "no-store");
              res.end(text);
            },
            () => {
              res.statusCode = 404;
              res.setHeader("cache-control", "no-store");
              res.end(file.missing);
            },
          );
        });
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), deploymentFile()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    // The budget that matters is gzip (≤ 500 KB of JS), checked by scripts/e2e.ts; react-dom alone is ~190 KB raw.
    chunkSizeWarningLimit: 800,
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
});
