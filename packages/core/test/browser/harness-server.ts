// Serves the harness page and, on the same origin, proxies `/api/` (HTTP and WebSocket) to a
// backend, as an app deployed behind one host would: the page needs no CORS.
import { readFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const page = `<!doctype html><meta charset="utf-8"><title>parley harness</title>
<script src="/harness.js"></script>`;

/** Bundles `harness.ts` for the browser; answers the bundle's path. */
export async function buildHarness(
  outfile: string,
  entry = fileURLToPath(new URL("./harness.ts", import.meta.url)),
): Promise<string> {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

export interface HarnessServer {
  /** The page's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Where `/api/` goes; change it any time (a restarted backend on another port). */
  backend: string | null;
  close(): Promise<void>;
}

/** Starts the page server on a free loopback port. */
export async function startHarnessServer(
  bundle: string,
  backend: string | null = null,
): Promise<HarnessServer> {
  const sockets = new Set<Socket>();
  const state = { backend };
  const server: Server = createServer(async (req, res) => {
    if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html" }).end(page);
      return;
    }
    if (req.url === "/harness.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(await readFile(bundle));
      return;
    }
    if (!req.url?.startsWith("/api/") || !state.backend) {
      res.writeHead(404).end();
      return;
    }
    const target = new URL(req.url, state.backend);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // WebSocket upgrades are piped as raw TCP to the backend, handshake included.
  server.on("upgrade", (req, socket, head) => {
    if (!state.backend) {
      socket.destroy();
      return;
    }
    const target = new URL(state.backend);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] as string;
        const value = name.toLowerCase() === "host" ? target.host : req.rawHeaders[i + 1];
        lines.push(`${name}: ${value}`);
      }
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
    socket.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    get backend() {
      return state.backend;
    },
    set backend(value) {
      state.backend = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
