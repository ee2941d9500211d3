import { Backoff } from "../../backoff.js";
import type { Timers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import { WebSocketLink } from "../../transports/websocket-link.js";
import { parseFrame, type WireMessage } from "./wire.js";

export interface ChatSocketOptions {
  chatId: string;
  url: () => Promise<string>;
  WebSocket: unknown;
  /** The session's timers (`AdapterContext.timers`), for reconnecting and the connect timeout. */
  timers: Timers;
  /** The session's randomness (`AdapterContext.random`), for the reconnect jitter. */
  random(): number;
  /** A message of the chat; `own` when it is the echo answering our oldest send. */
  onMessage(message: WireMessage, own: boolean): void;
  onError(error: ParleyError): void;
  /** Opened again after a drop: fetch what was missed. */
  onReopen(): void;
  /** Lost for a reason a retry cannot fix (refused token, no access, unknown chat). */
  onFatal(error: ParleyError): void;
  /** Up/down changes, for the session's overall state (every chat socket down: closed). */
  onState(open: boolean): void;
  /**
   * Asked when an attempt fails before opening with no close code (a refusal at the HTTP
   * upgrade); `everOpened` says whether this socket was ever open. See `WebSocketLink`.
   */
  checkRefusal?(everOpened: boolean): Promise<ParleyError | null>;
}

interface Pending {
  text: string;
  resolve(message: WireMessage): void;
  reject(error: ParleyError): void;
}

/**
 * The socket of one chat. It reconnects on its own with backoff after a drop, and matches
 * its sends to their echoes in order: the protocol has no acknowledgement, but the server
 * answers each frame on this socket, in order, with the stored message or an error.
 */
export class ChatSocket {
  readonly #link: WebSocketLink;
  readonly #backoff: Backoff;
  readonly #inflight: Pending[] = [];
  #retryTimer: unknown;
  #stopped = false;
  #opening = false;
  #everOpened = false;
  /** Why the socket was refused for good, until it is opened again. */
  #fatal: ParleyError | null = null;
  #waiting: Array<{ resolve(): void; reject(error: ParleyError): void }> = [];

  readonly #options: ChatSocketOptions;

  constructor(options: ChatSocketOptions) {
    this.#options = options;
    this.#backoff = new Backoff({ min: 500, max: 15_000, random: options.random });
    this.#link = new WebSocketLink({
      url: options.url,
      WebSocket: options.WebSocket,
      timers: options.timers,
      onMessage: (data) => this.#receive(data),
      onClose: (error) => this.#lost(error),
      ...(options.checkRefusal && {
        checkRefusal: () => options.checkRefusal?.(this.#everOpened) ?? Promise.resolve(null),
      }),
    });
  }

  get isOpen(): boolean {
    return this.#link.isOpen;
  }

  /** Refused for good (until opened again): it does not count as a lost link. */
  get refused(): boolean {
    return this.#fatal !== null;
  }

  /** Resolves once the socket is open; rejects when it is closed, or refused for good. */
  whenOpen(): Promise<void> {
    if (this.#link.isOpen) return Promise.resolve();
    if (this.#fatal) return Promise.reject(this.#fatal);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Opens unless already open or opening. */
  open(): void {
    this.#stopped = false;
    this.#fatal = null;
    this.#options.timers.clearTimeout(this.#retryTimer);
    if (this.#opening || this.#link.isOpen) return;
    this.#opening = true;
    this.#link.open().then(
      () => {
        this.#opening = false;
        if (this.#stopped) return;
        this.#backoff.reset();
        for (const waiter of this.#waiting.splice(0)) waiter.resolve();
        this.#options.onState(true);
        if (this.#everOpened) this.#options.onReopen();
        this.#everOpened = true;
      },
      (error: ParleyError) => {
        this.#opening = false;
        if (!this.#stopped) this.#lost(error);
      },
    );
  }

  /** Sends a message once the socket is open; resolves with its stored copy when the echo comes back. */
  async send(text: string): Promise<WireMessage> {
    // The socket opens when the chat is first used, and reopens on its own after a drop: wait
    // for it (the outbox bounds the wait); a refusal for good rejects with its reason.
    while (!this.#link.isOpen) await this.whenOpen();
    return new Promise((resolve, reject) => {
      this.#link.send({ content: text });
      this.#inflight.push({ text, resolve, reject });
    });
  }

  close(): void {
    this.#stopped = true;
    this.#options.timers.clearTimeout(this.#retryTimer);
    this.#link.close();
    const closed = new ParleyError("network", "Chat socket closed");
    this.#failInflight(closed);
    for (const waiter of this.#waiting.splice(0)) waiter.reject(closed);
  }

  #receive(data: string): void {
    const frame = parseFrame(data);
    if (!frame) {
      this.#options.onError(
        new ParleyError("protocol", `Malformed frame on chat ${this.#options.chatId}`),
      );
      return;
    }
    if ("error" in frame) {
      // An error answers the oldest frame still waiting.
      const pending = this.#inflight.shift();
      const error = new ParleyError("invalid-input", frame.error);
      if (pending) pending.reject(error);
      else this.#options.onError(error);
      return;
    }
    const own = this.#inflight[0]?.text === frame.message.content;
    if (own) this.#inflight.shift()?.resolve(frame.message);
    this.#options.onMessage(frame.message, own);
  }

  #lost(error: ParleyError): void {
    const final =
      error.code === "unauthorized" || error.code === "forbidden" || error.code === "not-found";
    // A refusal for good is the answer to what was sent; anything else may be retried.
    this.#failInflight(final ? error : new ParleyError("network", error.message, { cause: error }));
    const fatal = final && !this.#stopped;
    if (fatal) {
      // Told before `onState`, so what waits for this chat hears why, not a lost connection.
      this.#stopped = true;
      this.#fatal = error;
      for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
    }
    this.#options.onState(false);
    if (fatal) this.#options.onFatal(error);
    if (this.#stopped) return;
    this.#retryTimer = this.#options.timers.setTimeout(() => {
      if (!this.#stopped) this.open();
    }, this.#backoff.duration());
  }

  #failInflight(error: ParleyError): void {
    for (const pending of this.#inflight.splice(0)) pending.reject(error);
  }
}
