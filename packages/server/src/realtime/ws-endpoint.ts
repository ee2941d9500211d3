import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { bearerToken } from "../auth/jwt.js";
import { CloseCode, type Limits } from "../limits.js";
import type { DeliveryGate } from "./delivery-gate.js";
import { RateLimiter } from "./rate-limiter.js";

/** What a route answers for an upgrade request: a session, or the close code to reject with. */
export type Admission<S> = { ok: true; session: S } | { ok: false; code: number; reason: string };

export interface UpgradeRequest {
  url: URL;
  /** Path parameters from the route's `match`. */
  params: Record<string, string>;
  /** `?token=` or `Authorization: Bearer`, whichever is present (query first). */
  token: string | null;
  headers: IncomingMessage["headers"];
}

/** One dialect's WebSocket route; the endpoint does the framing, limits and bookkeeping. */
export interface WsRoute<S> {
  /** Path parameters when `pathname` is this route's, otherwise null. */
  match(pathname: string): Record<string, string> | null;
  /** Authenticates and authorizes; runs before the upgrade completes. */
  admit(request: UpgradeRequest): Promise<Admission<S>>;
  onOpen(connection: WsConnection<S>): void;
  /** A parsed JSON frame. Exceptions thrown here are caught and reported through `onFault`. */
  onFrame(connection: WsConnection<S>, frame: unknown): void | Promise<void>;
  /** A frame that is not JSON (or not text): answer with the dialect's error. */
  onInvalidJson(connection: WsConnection<S>): void;
  /** A frame refused by the rate limit. */
  onRateLimited(connection: WsConnection<S>): void;
  /** A handler threw: answer with the dialect's generic error, never a stack trace. */
  onFault(connection: WsConnection<S>, error: unknown): void;
  onClose(connection: WsConnection<S>): void;
}

/** An open, authenticated socket with its session. Sends go through the delivery gate. */
export class WsConnection<S> {
  readonly limiter: RateLimiter;
  constructor(
    readonly socket: WebSocket,
    readonly session: S,
    private readonly gate: DeliveryGate,
    limits: Limits,
  ) {
    this.limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends `frame` as JSON, now or when delivery resumes; dropped if the socket has closed. */
  send(frame: unknown): void {
    const text = JSON.stringify(frame);
    this.gate.run(() => {
      if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}

/**
 * Serves the WebSocket routes of one dialect on an HTTP server: token from the query or the
 * Authorization header, admission before the upgrade, rejection as a close code after it,
 * frame size and rate limits, JSON parsing, and a registry for dropping every connection.
 */
export class WsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WsConnection<unknown>>();

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: routes of different session types share one endpoint.
    private readonly routes: ReadonlyArray<WsRoute<any>>,
    private readonly gate: DeliveryGate,
    private readonly limits: Limits,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  }

  attach(server: HttpServer): void {
    server.on("upgrade", (request, socket, head) => {
      this.upgrade(request, socket, head).catch(() => socket.destroy());
    });
  }

  get size(): number {
    return this.connections.size;
  }

  /** Every open connection, for a dialect's broadcasts. */
  all(): Iterable<WsConnection<unknown>> {
    return this.connections;
  }

  dropAll(): void {
    this.gate.clear();
    for (const connection of this.connections) connection.socket.terminate();
  }

  async close(): Promise<void> {
    for (const connection of this.connections)
      connection.close(CloseCode.goingAway, "Server shutting down");
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    let route: WsRoute<unknown> | undefined;
    let params: Record<string, string> | null = null;
    for (const candidate of this.routes) {
      params = candidate.match(url.pathname);
      if (params) {
        route = candidate;
        break;
      }
    }
    if (!route || !params) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const token = url.searchParams.get("token") || bearerToken(request.headers.authorization);
    let admission: Admission<unknown>;
    try {
      admission = await route.admit({ url, params, token, headers: request.headers });
    } catch {
      admission = { ok: false, code: 1011, reason: "Internal server error" };
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      if (!admission.ok) {
        ws.close(admission.code, admission.reason);
        return;
      }
      this.open(route, new WsConnection(ws, admission.session, this.gate, this.limits));
    });
  }

  private open(route: WsRoute<unknown>, connection: WsConnection<unknown>): void {
    this.connections.add(connection);
    const { socket } = connection;
    socket.on("error", () => {
      // An oversize frame or a broken peer; ws closes the socket itself (1009 for oversize).
    });
    socket.on("close", () => {
      this.connections.delete(connection);
      this.guard(route, connection, () => route.onClose(connection));
    });
    socket.on("message", (data: RawData, isBinary: boolean) => {
      if (!connection.limiter.take()) {
        if (connection.limiter.strikes >= this.limits.rateStrikesBeforeClose) {
          connection.close(CloseCode.rateLimited, "Rate limit exceeded");
        } else {
          this.guard(route, connection, () => route.onRateLimited(connection));
        }
        return;
      }
      let frame: unknown;
      try {
        if (isBinary) throw new Error("binary");
        frame = JSON.parse(rawText(data));
      } catch {
        this.guard(route, connection, () => route.onInvalidJson(connection));
        return;
      }
      this.guard(route, connection, () => route.onFrame(connection, frame));
    });
    this.guard(route, connection, () => route.onOpen(connection));
  }

  private guard(
    route: WsRoute<unknown>,
    connection: WsConnection<unknown>,
    run: () => void | Promise<void>,
  ): void {
    const fault = (error: unknown) => {
      try {
        route.onFault(connection, error);
      } catch {
        // Nothing more to tell a client whose error handler failed.
      }
    };
    try {
      const result = run();
      if (result instanceof Promise) result.catch(fault);
    } catch (error) {
      fault(error);
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
