import { ParleyError } from "../../errors.js";
import { WebSocketLink } from "../../transports/websocket-link.js";
import { ReplyQueue, type SendReceipt } from "./replies.js";

export interface ChatSocketOptions {
  /** The socket URL with a fresh token, per open. */
  url: () => Promise<string>;
  WebSocket: unknown;
  replyTimeoutMs: number;
  greetingTimeoutMs: number;
  onMessage(data: string): void;
  /** The open socket was lost (closed by the server or the network, or a send unanswered). */
  onLost(error: ParleyError): void;
}

/**
 * The user's one chat socket: opened until `connection_established`, the sends waiting for
 * their answers, and a count of the frames sent in the last second.
 */
export class ChatSocket {
  readonly replies: ReplyQueue;
  private readonly link: WebSocketLink;
  private greeting: { resolve(): void; reject(error: ParleyError): void } | null = null;
  private ready = false;
  private readonly sentAt: number[] = [];
  private sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ChatSocketOptions) {
    this.replies = new ReplyQueue(options.replyTimeoutMs, () =>
      this.lost(new ParleyError("timeout", "A send was not answered; reconnecting")),
    );
    this.link = new WebSocketLink({
      url: options.url,
      WebSocket: options.WebSocket,
      onMessage: (data) => options.onMessage(data),
      onClose: (error) => this.lost(error),
    });
  }

  /** Open and greeted: frames may be sent. */
  get isReady(): boolean {
    return this.ready && this.link.isOpen;
  }

  /** Opens; resolves once `greeted()` was called, rejects with the close's meaning. */
  async open(): Promise<void> {
    this.ready = false;
    let greeting = { resolve: () => {}, reject: (_error: ParleyError) => {} };
    const greeted = new Promise<void>((resolve, reject) => {
      greeting = { resolve, reject };
    });
    greeted.catch(() => {}); // awaited below; a failed open must not leave it unhandled
    this.greeting = greeting;
    const timeout = setTimeout(
      () => greeting.reject(new ParleyError("timeout", "No connection_established")),
      this.options.greetingTimeoutMs,
    );
    try {
      await this.link.open();
      await greeted;
    } finally {
      if (this.greeting === greeting) this.greeting = null;
      clearTimeout(timeout);
    }
  }

  /** `connection_established` arrived; true when an `open()` was waiting for it. */
  greeted(): boolean {
    if (!this.greeting) return false;
    this.ready = true;
    this.greeting.resolve();
    this.greeting = null;
    return true;
  }

  /** Closes without reporting; waiting sends fail with a retryable error. */
  close(): void {
    this.ready = false;
    this.link.close();
    this.greeting?.reject(new ParleyError("network", "Disconnected"));
    this.greeting = null;
    this.replies.failAll();
  }

  /** Sends a frame; throws a retryable "network" error when not connected. */
  put(frame: Record<string, unknown>): void {
    if (!this.isReady) throw new ParleyError("network", "Not connected");
    this.link.send(frame);
    this.sentAt.push(Date.now());
  }

  /**
   * Sends a `send_message` and resolves with its `message_sent` (rejects on its `error`).
   * One at a time: the FIFO match needs every refusal answered, which only the reference
   * server's `error` extension does; with a single send in flight, a server without it can
   * only leave the send unanswered (a timeout, then the history check), never confirm the
   * wrong one.
   */
  request(frame: Record<string, unknown>): Promise<SendReceipt> {
    const run = this.sending.then(() => {
      this.put(frame);
      return this.replies.expect();
    });
    this.sending = run.catch(() => {});
    return run;
  }

  /** Frames put on the wire during the last second. */
  recentFrames(): number {
    const since = Date.now() - 1000;
    while (this.sentAt.length > 0 && (this.sentAt[0] as number) <= since) this.sentAt.shift();
    return this.sentAt.length;
  }

  private lost(error: ParleyError): void {
    const wasReady = this.ready;
    this.ready = false;
    this.link.close();
    if (this.greeting) {
      this.greeting.reject(error);
      this.greeting = null;
    } else if (wasReady) this.options.onLost(error);
    this.replies.failAll(
      error.code === "network"
        ? error
        : new ParleyError("network", error.message, { cause: error }),
    );
  }
}
