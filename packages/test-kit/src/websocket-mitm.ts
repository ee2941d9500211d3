import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";

/**
 * A loopback man in the middle for the raw WebSocket dialects: REST goes through unchanged, each
 * WebSocket is relayed frame by frame to the same path on the target, and a test can slip frames
 * of its own to the clients between the server's.
 */
export interface WebSocketMitm {
  /** `http://127.0.0.1:<port>`, to use as the client's `url` instead of the backend's. */
  readonly url: string;
  /** Client sockets open now. */
  readonly sockets: number;
  /** Sends a text frame to every open client socket; answers how many got it. */
  inject(text: string): number;
  /** Sends raw bytes as one frame to every open client socket: binary unless `text` is set. */
  injectRaw(data: Buffer, options?: { text?: boolean }): number;
  close(): Promise<void>;
}

/** A close code a peer may send (1005, 1006 and 1015 only ever describe a close). */
const sendable = (code: number) =>
  (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code < 5000);

function relayClose(to: WebSocket, code: number, reason: Buffer) {
  if (to.readyState === WebSocket.CLOSED || to.readyState === WebSocket.CLOSING) return;
  if (to.readyState === WebSocket.CONNECTING) return to.terminate();
  if (sendable(code)) to.close(code, reason.subarray(0, 123));
  else if (code === 1005) to.close();
  else to.terminate();
}

/** Writes the target's refusal of an upgrade (status, headers, body) back on the raw socket. */
function refuse(socket: Duplex, response: IncomingMessage) {
  const head = [`HTTP/1.1 ${response.statusCode} ${response.statusMessage ?? ""}`];
  for (let i = 0; i < response.rawHeaders.length; i += 2)
    head.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
  socket.write(`${head.join("\r\n")}\r\n\r\n`);
  response.pipe(socket);
  response.on("error", () => socket.destroy());
}

/** Starts a man in the middle in front of `target` (`http://host:port`). */
export async function startWebSocketMitm(target: string): Promise<WebSocketMitm> {
  const base = new URL(target);
  const clients = new Set<WebSocket>();
  const upstreams = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  const server: Server = createServer((req, res) => {
    const forward = request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: base.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => {});
    const protocols = req.headers["sec-websocket-protocol"]
      ?.split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "cookie", "origin", "user-agent"])
      if (typeof req.headers[name] === "string") headers[name] = req.headers[name] as string;
    const upstream = new WebSocket(`ws://${base.host}${req.url ?? "/"}`, protocols, {
      headers,
      perMessageDeflate: false,
    });
    upstreams.add(upstream);
    // Frames the target sends before the client's side is open wait here, in order.
    let client: WebSocket | undefined;
    const early: Array<[Buffer, boolean]> = [];
    upstream.on("message", (data: Buffer, binary: boolean) => {
      if (client) client.send(data, { binary });
      else early.push([data, binary]);
    });
    upstream.on("unexpected-response", (_request, response) => {
      upstreams.delete(upstream);
      refuse(socket, response);
    });
    upstream.on("error", () => {
      if (!client) socket.destroy();
    });
    upstream.on("close", (code: number, reason: Buffer) => {
      upstreams.delete(upstream);
      if (client) relayClose(client, code, reason);
      else socket.destroy();
    });
    upstream.on("open", () => {
      wss.handleUpgrade(req, socket, head, (opened) => {
        client = opened;
        clients.add(opened);
        for (const [data, binary] of early.splice(0)) opened.send(data, { binary });
        opened.on("message", (data: Buffer, binary: boolean) => {
          if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
        });
        opened.on("close", (code: number, reason: Buffer) => {
          clients.delete(opened);
          relayClose(upstream, code, reason);
        });
        opened.on("error", () => {});
      });
    });
  });

  const toEvery = (data: string | Buffer, binary: boolean) => {
    let sent = 0;
    for (const client of clients)
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary });
        sent += 1;
      }
    return sent;
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get sockets() {
      return [...clients].filter((c) => c.readyState === WebSocket.OPEN).length;
    },
    inject: (text) => toEvery(text, false),
    injectRaw: (data, options = {}) => toEvery(data, !options.text),
    async close() {
      for (const socket of [...clients, ...upstreams]) socket.terminate();
      clients.clear();
      upstreams.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
