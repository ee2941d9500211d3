import { io, type Socket } from "socket.io-client";
import { codeForStatus, ParleyError } from "../errors.js";

export type SocketIoTransport = "websocket" | "polling" | "webtransport";

/** Options for {@link connectSocketIo}. */
export interface SocketIoOptions {
  /** `http(s)://host:port`. */
  url: string;
  /** @default "/socket.io" */
  path?: string | undefined;
  /** @default ["websocket"] */
  transports?: SocketIoTransport[] | undefined;
  /** How long the handshake may take. @default 20000 */
  timeout?: number | undefined;
  /** The token for the handshake, fetched fresh on every connect. */
  token(): Promise<string>;
}

/**
 * One Socket.IO connection with Socket.IO's own reconnection off: the client's connection
 * manager decides when to connect again, and each connect is a new handshake with a fresh
 * `auth: { token }`. `attach` gets the socket before it connects, to register its handlers
 * (a server may send events right after the handshake). Resolves once connected; rejects
 * with "unauthorized" (401), "forbidden" (403) or "network" (also when the socket is closed,
 * by the server or by the caller, before the handshake finished).
 */
export function connectSocketIo(
  { url, path = "/socket.io", transports = ["websocket"], timeout, token }: SocketIoOptions,
  attach: (socket: Socket) => void,
): Promise<void> {
  let tokenError: ParleyError | undefined;
  const socket = io(url, {
    path,
    transports,
    timeout,
    autoConnect: false,
    reconnection: false,
    // A manager of our own: two clients of one URL in one process must not share a socket.
    forceNew: true,
    auth: (cb) => {
      token().then(
        (value) => cb({ token: value }),
        (error: ParleyError) => {
          tokenError = error;
          cb({});
        },
      );
    },
  });
  attach(socket);
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: ParleyError) => {
      socket.off("connect", settle).off("connect_error", refused);
      socket.io.off("close", dropped);
      if (!error) return resolve();
      socket.disconnect();
      reject(error);
    };
    const refused = (error: Error & { data?: { code?: unknown } }) =>
      settle(tokenError ?? handshakeError(error));
    // A refused handshake closes the manager just before `connect_error`: let that one win.
    const dropped = (reason: string) =>
      queueMicrotask(() =>
        settle(new ParleyError("network", `Disconnected while connecting: ${reason}`)),
      );
    socket.on("connect", settle).on("connect_error", refused);
    socket.io.on("close", dropped);
    socket.connect();
  });
}

/** A refused handshake: `data.code` 401 or 403 as servers send it, else a network error. */
function handshakeError(error: Error & { data?: { code?: unknown } }): ParleyError {
  const status = Number(error.data?.code);
  const message = error.message || "Connection refused";
  return status === 401 || status === 403
    ? new ParleyError(codeForStatus(status), message, { status })
    : new ParleyError("network", `Could not connect: ${message}`, { cause: error });
}
