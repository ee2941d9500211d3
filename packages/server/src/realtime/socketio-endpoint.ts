import type { Server as HttpServer } from "node:http";
import { type Socket, Server as SocketIOServer } from "socket.io";
import { bearerToken, TokenError, type TokenService } from "../auth/jwt.js";
import type { Limits } from "../limits.js";
import type { DeliveryGate } from "./delivery-gate.js";
import { RateLimiter } from "./rate-limiter.js";

/** The authenticated user id, stored on `socket.data` by the handshake check. */
export interface SocketData {
  userId: string;
  limiter: RateLimiter;
}

// biome-ignore lint/suspicious/noExplicitAny: socket.io's own EventsMap signature; dialects validate payloads with zod.
type AnyEvents = Record<string, (...args: any[]) => void>;

export type ParleySocket = Socket<AnyEvents, AnyEvents, Record<string, never>, SocketData>;

export interface SocketIoOptions {
  tokens: TokenService;
  limits: Limits;
  gate: DeliveryGate;
  /**
   * Checks the verified user may connect at all (known, active, right role). Answer a message
   * to refuse the handshake with it, or null to accept.
   */
  admit(userId: string): string | null;
  /** A packet refused by the rate limit: emit the dialect's error. */
  onRateLimited(socket: ParleySocket): void;
}

/**
 * A Socket.IO server on `/socket.io` that verifies the JWT on every handshake (from
 * `auth.token`, an `Authorization: Bearer` header or `?token=`), so reconnections are
 * re-authenticated too. Refusals reach the client as `connect_error` with `data.code`.
 */
export class SocketIoEndpoint {
  io: SocketIOServer | null = null;

  constructor(private readonly options: SocketIoOptions) {}

  attach(server: HttpServer, onConnection: (socket: ParleySocket) => void): void {
    const { tokens, limits } = this.options;
    const io = new SocketIOServer(server, {
      path: "/socket.io",
      maxHttpBufferSize: limits.maxFrameBytes,
      cors: { origin: true, credentials: true },
      serveClient: false,
    });
    io.use((socket, next) => {
      const auth = socket.handshake.auth as Record<string, unknown> | undefined;
      const query = socket.handshake.query.token;
      const token =
        (typeof auth?.token === "string" ? auth.token.replace(/^Bearer\s+/i, "") : null) ||
        bearerToken(socket.handshake.headers.authorization) ||
        (typeof query === "string" ? query : null);
      tokens
        .verify(token)
        .then((claims) => {
          const refusal = this.options.admit(claims.sub);
          if (refusal) return next(refusal_(refusal, 403));
          socket.data.userId = claims.sub;
          socket.data.limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
          next();
        })
        .catch((error: unknown) => {
          const message = error instanceof TokenError ? error.message : "Authentication error";
          next(refusal_(`Authentication error: ${message}`, 401));
        });
    });
    io.on("connection", (socket: ParleySocket) => {
      socket.use((_packet, next) => {
        if (socket.data.limiter.take()) return next();
        if (socket.data.limiter.strikes >= limits.rateStrikesBeforeClose) socket.disconnect(true);
        else this.options.onRateLimited(socket);
      });
      onConnection(socket);
    });
    this.io = io;
  }

  /** Emits through the delivery gate. */
  emitTo(target: string, event: string, payload: unknown): void {
    this.options.gate.run(() => this.io?.to(target).emit(event, payload));
  }

  emit(socket: ParleySocket, event: string, payload: unknown): void {
    this.options.gate.run(() => {
      if (socket.connected) socket.emit(event, payload);
    });
  }

  get size(): number {
    return this.io?.of("/").sockets.size ?? 0;
  }

  /** Closes each transport under its socket: the client sees "transport close" and reconnects. */
  dropAll(): void {
    this.options.gate.clear();
    for (const socket of this.io?.of("/").sockets.values() ?? []) socket.conn.close();
  }

  async close(): Promise<void> {
    const io = this.io;
    this.io = null;
    if (!io) return;
    io.disconnectSockets(true);
    // io.close() would also close the HTTP server, which the server owns.
    io.engine.close();
  }
}

function refusal_(message: string, code: 401 | 403): Error & { data: { code: number } } {
  const error = new Error(message) as Error & { data: { code: number } };
  error.data = { code };
  return error;
}
