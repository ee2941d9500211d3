import type { Socket } from "socket.io-client";
import { ParleyError } from "../../errors.js";
import { connectSocketIo, type SocketIoOptions } from "../../transports/socketio.js";

export interface SocketLinkOptions extends SocketIoOptions {
  /** How long an acknowledgement may take. */
  ackTimeoutMs: number;
  /** Every server event but Socket.IO's own. Must not throw. */
  onEvent(event: string, payload: unknown): void;
  /** The link dropped without `close()` being asked for. */
  onClose(error: ParleyError): void;
}

/**
 * One Socket.IO connection at a time (see {@link connectSocketIo}): each connect is a new
 * handshake with a fresh token, and the client's connection manager decides when to connect.
 */
export interface SocketLink {
  readonly isOpen: boolean;
  /** Connects; rejects with "unauthorized" (401), "forbidden" (403) or "network". */
  open(): Promise<void>;
  /** Closes without reporting; pending acknowledgements fail with "network". */
  close(): void;
  /**
   * Emits with an acknowledgement and answers the reply. Rejects with "network" when the link
   * is down or drops before the answer, "timeout" when the server does not answer in time.
   */
  request(event: string, payload?: unknown): Promise<unknown>;
}

export function socketLink(options: SocketLinkOptions): SocketLink {
  let socket: Socket | null = null;
  const close = () => {
    const old = socket;
    socket = null;
    old?.offAny().removeAllListeners().disconnect();
  };
  return {
    get isOpen() {
      return socket?.connected ?? false;
    },
    close,
    open() {
      close();
      return connectSocketIo(options, (opened) => {
        socket = opened;
        opened.on("disconnect", (reason: string) => {
          if (socket !== opened) return; // closed by us
          socket = null;
          options.onClose(new ParleyError("network", `Disconnected: ${reason}`));
        });
        opened.onAny((event: string, payload: unknown) => {
          if (socket === opened) options.onEvent(event, payload);
        });
      });
    },
    request(event, payload) {
      if (!socket?.connected)
        return Promise.reject(new ParleyError("network", `Not connected: ${event} not sent`));
      return socket
        .timeout(options.ackTimeoutMs)
        .emitWithAck(event, ...(payload === undefined ? [] : [payload]))
        .catch((error: Error) => {
          throw /disconnected/i.test(error.message)
            ? new ParleyError("network", `Disconnected before ${event} was answered`)
            : new ParleyError("timeout", `${event} was not answered in time`);
        });
    },
  };
}
