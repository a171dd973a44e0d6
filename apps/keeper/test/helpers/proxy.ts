// A pausable JSON-RPC proxy on 127.0.0.1: forwards POST bodies to `target`; while paused it drops every
// connection, as a node that went away would.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type RpcProxy = {
  url: string;
  pause: () => void;
  resume: () => void;
  requests: () => number;
  close: () => Promise<void>;
};

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let paused = false;
  let count = 0;
  const sockets = new Set<Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (paused) return req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    count++;
    try {
      const upstream = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: Buffer.concat(chunks).toString(),
      });
      const body = await upstream.text();
      if (paused) return req.socket.destroy();
      res.writeHead(upstream.status, { "content-type": "application/json" }).end(body);
    } catch {
      req.socket.destroy();
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    pause: () => {
      paused = true;
      for (const s of sockets) s.destroy();
    },
    resume: () => {
      paused = false;
    },
    requests: () => count,
    close: () =>
      new Promise((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}
