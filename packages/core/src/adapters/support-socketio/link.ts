import { io, type Socket } from "socket.io-client";
import { ParleyError } from "../../errors.js";

export type SocketTransport = "websocket" | "polling";

export interface SocketLinkOptions {
  /** `http(s)://host:port`. */
  url: string;
  /** The Socket.IO path. */
  path: string;
  transports: SocketTransport[];
  /** A token for every handshake (first connect and every reconnect). */
  token(): Promise<string>;
  /** How long an acknowledgement may take. */
  ackTimeoutMs: number;
  /** Every server event but Socket.IO's own. Must not throw. */
  onEvent(event: string, payload: unknown): void;
  /** The link dropped without `close()` being asked for. */
  onClose(error: ParleyError): void;
}

/**
 * One Socket.IO connection at a time, with Socket.IO's own reconnection off: the client's
 * ConnectionManager decides when to connect again, and each connect is a new handshake with
 * a fresh token.
 */
export class SocketLink {
  private socket: Socket | null = null;

  constructor(private readonly options: SocketLinkOptions) {}

  get isOpen(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Connects; rejects with "unauthorized" (401), "forbidden" (403) or "network". */
  open(): Promise<void> {
    this.close();
    const { options } = this;
    let tokenError: ParleyError | null = null;
    const socket = io(options.url, {
      path: options.path,
      transports: options.transports,
      autoConnect: false,
      reconnection: false,
      // A manager of our own: two clients of one URL in one process must not share a socket.
      forceNew: true,
      auth: (cb) => {
        options.token().then(
          (token) => cb({ token }),
          (error: unknown) => {
            tokenError =
              error instanceof ParleyError
                ? error
                : new ParleyError("unauthorized", "No token", { cause: error });
            cb({});
          },
        );
      },
    });
    this.socket = socket;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      socket.on("connect", () => {
        if (settled) return;
        settled = true;
        resolve();
      });
      socket.on("connect_error", (error: Error & { data?: { code?: unknown } }) => {
        if (settled) return;
        settled = true;
        socket.removeAllListeners();
        socket.offAny();
        socket.close();
        if (this.socket === socket) this.socket = null;
        reject(tokenError ?? connectError(error));
      });
      socket.on("disconnect", (reason: string) => {
        if (this.socket !== socket) return; // closed by us
        this.socket = null;
        if (!settled) {
          settled = true;
          reject(new ParleyError("network", `Disconnected while connecting: ${reason}`));
          return;
        }
        options.onClose(new ParleyError("network", `Disconnected: ${reason}`));
      });
      socket.onAny((event: string, ...args: unknown[]) => {
        if (this.socket === socket) options.onEvent(event, args[0]);
      });
      socket.connect();
    });
  }

  /** Closes without reporting; pending acknowledgements fail with "network". */
  close(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.offAny();
    socket.disconnect();
    socket.removeAllListeners();
  }

  /**
   * Emits with an acknowledgement and answers the reply. Rejects with "network" when the link
   * is down or drops before the answer, "timeout" when the server does not answer in time.
   */
  request(
    event: string,
    payload?: unknown,
    timeoutMs = this.options.ackTimeoutMs,
  ): Promise<unknown> {
    const socket = this.socket;
    if (!socket?.connected) {
      return Promise.reject(new ParleyError("network", `Not connected: ${event} not sent`));
    }
    return new Promise((resolve, reject) => {
      const answer = (error: Error | null, reply: unknown) => {
        if (!error) resolve(reply);
        else if (/disconnected/i.test(error.message))
          reject(new ParleyError("network", `Disconnected before ${event} was answered`));
        else reject(new ParleyError("timeout", `${event} was not answered in time`));
      };
      const timed = socket.timeout(timeoutMs);
      if (payload === undefined) timed.emit(event, answer);
      else timed.emit(event, payload, answer);
    });
  }
}

/** A refused handshake: `data.code` 401 or 403 as the server documents, else a network error. */
export function connectError(error: Error & { data?: { code?: unknown } }): ParleyError {
  const code = error.data?.code;
  const message = error.message || "Connection refused";
  if (code === 401 || code === "401")
    return new ParleyError("unauthorized", message, { status: 401 });
  if (code === 403 || code === "403") return new ParleyError("forbidden", message, { status: 403 });
  return new ParleyError("network", `Could not connect: ${message}`, { cause: error });
}
