import { io, type Socket } from "socket.io-client";
import { ParleyError } from "../../errors.js";

export type Transport = "websocket" | "polling" | "webtransport";

export interface SocketSettings {
  url: string;
  path: string;
  transports: Transport[];
  /** How long the handshake may take before it counts as a network failure. */
  timeoutMs: number;
  /** The token for each handshake; called on every connect, so a refreshed one is used. */
  token(): Promise<string>;
}

/**
 * A Socket.IO socket for one connection attempt: not connected yet, never reconnecting on its
 * own (the client's ConnectionManager owns retries), with `auth: { token }` fetched fresh for
 * every handshake as the seed's `io(url, { auth: { token } })` does.
 */
export function createSocket(settings: SocketSettings): Socket {
  return io(settings.url, {
    path: settings.path,
    transports: settings.transports,
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    timeout: settings.timeoutMs,
    auth: (cb) => {
      settings.token().then(
        (token) => cb({ token }),
        // No token: the server refuses the handshake with 401, which rejects connect().
        () => cb({}),
      );
    },
  });
}

/** Connects `socket`; rejects with "unauthorized" (401), "forbidden" (403) or "network". */
export function connectSocket(socket: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
    };
    const onConnect = () => {
      done();
      resolve();
    };
    const onError = (error: Error & { data?: unknown }) => {
      done();
      socket.disconnect();
      reject(handshakeError(error));
    };
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
    socket.connect();
  });
}

/** A refused or failed handshake as a ParleyError (`err.data.code` carries the HTTP status). */
export function handshakeError(error: Error & { data?: unknown }): ParleyError {
  const data = error?.data as { code?: unknown } | undefined;
  const code = typeof data?.code === "number" ? data.code : Number(data?.code);
  const message = error?.message || "Could not connect";
  if (code === 401) return new ParleyError("unauthorized", message, { status: 401, cause: error });
  if (code === 403) return new ParleyError("forbidden", message, { status: 403, cause: error });
  return new ParleyError("network", message, { cause: error });
}
