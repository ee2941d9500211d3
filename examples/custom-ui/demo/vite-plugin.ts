import { readFile } from "node:fs/promises";
import { type IncomingMessage, request, type ServerResponse } from "node:http";
import type { Plugin } from "vite";
import type { DemoConfig } from "./config.js";

const RELAY = /^\/__parley\/rest\/([a-z-]+)(\/.*)?$/;

/**
 * Serves the demo config (written by `scripts/demo.mjs` or the e2e setup) as
 * `/demo-config.json`, and relays `/__parley/rest/<dialect>/...` to that dialect's server, for
 * the reference server's dialects that answer no cross-origin REST call. Dev and preview alike.
 */
export function demoConfig(file: string): Plugin {
  const handle = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = req.url ?? "/";
    if (path.split("?")[0] === "/demo-config.json") return void sendConfig(file, res);
    const relay = RELAY.exec(path);
    if (relay) return void forward(file, relay[1] ?? "", relay[2] ?? "/", req, res);
    next();
  };
  return {
    name: "parley-demo-config",
    configureServer: (server) => void server.middlewares.use(handle),
    configurePreviewServer: (server) => void server.middlewares.use(handle),
  };
}

async function readConfig(file: string): Promise<DemoConfig | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as DemoConfig;
  } catch {
    return null;
  }
}

async function sendConfig(file: string, res: ServerResponse): Promise<void> {
  const config = await readConfig(file);
  const body = config
    ? JSON.stringify(config)
    : JSON.stringify({ error: `No demo config at ${file}: start the demo with \`npm run demo\`.` });
  res.writeHead(config ? 200 : 503, {
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  res.end(body);
}

async function forward(
  file: string,
  dialect: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const endpoint = (await readConfig(file))?.dialects[dialect as keyof DemoConfig["dialects"]];
  if (!endpoint) {
    res.writeHead(404, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ detail: `No dialect ${dialect} in the demo config` }));
  }
  const target = new URL(endpoint.url);
  const { host: _host, ...headers } = req.headers;
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    // The backend is down (a restart): the client sees a network failure and retries.
    if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ detail: `${dialect} is not answering` }));
  });
  req.pipe(upstream);
}
