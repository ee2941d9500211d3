import ReconnectingWebSocket from "reconnecting-websocket";
import { ParleyError } from "../errors.js";
import { closeError } from "./close-codes.js";

/** Options for {@link WebSocketLink}. */
export interface WebSocketLinkOptions {
  /** Builds the URL for each attempt, so every (re)connection carries a fresh token. */
  url: () => Promise<string>;
  /** A WebSocket constructor (browser global or `ws`). */
  WebSocket: unknown;
  onMessage(data: string): void;
  /** The open link closed (not called for a failed `open()`, which rejects instead). */
  onClose(error: ParleyError): void;
  /** How long an attempt may take to open. @default 10000 */
  connectionTimeoutMs?: number;
}

/**
 * One raw WebSocket connection through `reconnecting-websocket` (URL provider, connect
 * timeout). Parley's connection manager owns retrying, for full jitter and a terminal
 * `unauthorized`, so the library's own retries and send queue are turned off: a message is
 * never buffered where the outbox cannot see it.
 */
export class WebSocketLink {
  private socket: ReconnectingWebSocket | null = null;

  constructor(private readonly options: WebSocketLinkOptions) {}

  get isOpen(): boolean {
    return this.socket?.readyState === ReconnectingWebSocket.OPEN;
  }

  /** Opens; resolves when open, rejects with the close's meaning when refused. */
  async open(): Promise<void> {
    this.close();
    if (typeof this.options.WebSocket !== "function") {
      throw new ParleyError("unsupported", "No WebSocket implementation: pass one in the options");
    }
    // The token may be refreshed here; a failing provider rejects before any socket exists.
    const url = await this.options.url();
    const socket = new ReconnectingWebSocket(() => url, [], {
      WebSocket: this.options.WebSocket,
      maxRetries: 0,
      maxEnqueuedMessages: 0,
      connectionTimeout: this.options.connectionTimeoutMs ?? 10_000,
    });
    this.socket = socket;
    let opened = false;
    return new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => {
        opened = true;
        resolve();
      });
      socket.addEventListener("message", (event) => {
        if (this.socket === socket) this.options.onMessage(String(event.data));
      });
      socket.addEventListener("close", (event) => {
        const error = closeError(event.code, event.reason);
        const current = this.socket === socket;
        if (current) this.socket = null;
        socket.close();
        if (!opened) reject(error);
        else if (current) this.options.onClose(error);
      });
      socket.addEventListener("error", () => {
        // A close event follows every error and carries the code.
      });
    });
  }

  /** Sends a JSON frame; throws a retryable `network` error when the link is not open. */
  send(frame: unknown): void {
    if (!this.socket || !this.isOpen) throw new ParleyError("network", "Not connected");
    this.socket.send(JSON.stringify(frame));
  }

  /** Closes without reporting (a deliberate close). */
  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "Client closed");
  }
}
