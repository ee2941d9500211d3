import type { Timers } from "../environment.js";
import { ParleyError } from "../errors.js";
import { closeError } from "./close-codes.js";

/** Options for {@link WebSocketLink}. */
export interface WebSocketLinkOptions {
  /** Builds the URL for each attempt, so every (re)connection carries a fresh token. */
  url: () => Promise<string>;
  /** A WebSocket constructor (browser global or `ws`). */
  WebSocket: unknown;
  onMessage(data: string): void;
  /**
   * A frame handler threw (a frame no decoder expected): the frame is dropped and the error
   * reported here as a `protocol` error, never thrown into the page. @default dropped silently
   */
  onError?(error: ParleyError): void;
  /** The open link closed (not called for a failed `open()`, which rejects instead). */
  onClose(error: ParleyError): void;
  /** How long an attempt may take to open. @default 10000 */
  connectionTimeoutMs?: number;
  /** The session's timers (`AdapterContext.timers`), for the connect timeout. */
  timers: Pick<Timers, "setTimeout" | "clearTimeout">;
  /**
   * Asked when an attempt ends before the socket opened without a close code (1006): a backend
   * that refuses a token at the HTTP upgrade looks like a network failure to a browser. Answers
   * the refusal (an authenticated REST call that gets 401 or 403 tells) or null when the token
   * is fine and the failure was the network's.
   */
  checkRefusal?: () => Promise<ParleyError | null>;
}

/** The part of the WebSocket API the link uses (the browser's and `ws` both have it). */
interface Socket {
  readyState: number;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * One raw WebSocket connection: a URL built per attempt (a fresh token each time), a connect
 * timeout, and close codes turned into ParleyErrors. It never retries and never buffers a
 * send: Parley's connection manager owns retrying (full jitter, a terminal `unauthorized`), and
 * the outbox owns every unsent message.
 */
export class WebSocketLink {
  #socket: Socket | null = null;
  #options: WebSocketLinkOptions;

  constructor(options: WebSocketLinkOptions) {
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === 1; // OPEN
  }

  /** Opens; resolves when open, rejects with the close's meaning when refused. */
  async open(): Promise<void> {
    this.close();
    const options = this.#options;
    const Constructor = options.WebSocket as (new (url: string) => Socket) | undefined;
    if (typeof Constructor !== "function")
      throw new ParleyError("unsupported", "No WebSocket implementation: pass one in the options");
    // The token may be refreshed here; a failing provider rejects before any socket exists.
    const url = await options.url();
    const socket = new Constructor(url);
    this.#socket = socket;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let timedOut = false;
      const { timers } = options;
      const timer = timers.setTimeout(() => {
        timedOut = true;
        socket.close();
      }, options.connectionTimeoutMs ?? 10_000);
      socket.onopen = () => {
        opened = true;
        timers.clearTimeout(timer);
        resolve();
      };
      socket.onmessage = (event) => {
        if (this.#socket !== socket) return;
        try {
          options.onMessage(String(event.data));
        } catch (cause) {
          options.onError?.(new ParleyError("protocol", "Could not handle a frame", { cause }));
        }
      };
      // An error is always followed by a close, which carries the code.
      socket.onerror = () => {};
      socket.onclose = (event) => {
        timers.clearTimeout(timer);
        const current = this.#socket === socket;
        if (current) this.#socket = null;
        if (!opened) {
          const error = timedOut
            ? new ParleyError("timeout", "Connecting took too long")
            : closeError(event.code, event.reason);
          const check = !timedOut && event.code === 1006 ? options.checkRefusal : undefined;
          if (!check) reject(error);
          else
            check().then(
              (refusal) => reject(refusal ?? error),
              () => reject(error),
            );
        } else if (current) {
          options.onClose(closeError(event.code, event.reason));
        }
      };
    });
  }

  /** Sends a JSON frame; throws a retryable `network` error (known unsent) when not open. */
  send(frame: unknown): void {
    if (!this.isOpen) throw new ParleyError("network", "Not connected", { unsent: true });
    this.#socket?.send(JSON.stringify(frame));
  }

  /** Closes without reporting (a deliberate close). */
  close(): void {
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    // Closing a socket that is still connecting throws in some implementations.
    try {
      socket.close(1000, "Client closed");
    } catch {
      socket.onclose = null;
    }
  }
}
