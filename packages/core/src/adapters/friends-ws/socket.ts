import type { Timers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import { ReplyQueue } from "../../transports/reply-queue.js";
import { WebSocketLink } from "../../transports/websocket-link.js";
import type { WireStatus } from "./wire.js";

/** What `message_sent` says about one send. */
export interface SendReceipt {
  messageId: string;
  status: WireStatus;
}

export interface FriendsSocketOptions {
  /** The socket URL with a fresh token, per open. */
  url: () => Promise<string>;
  WebSocket: unknown;
  /** The session's timers and clock (`AdapterContext.timers`). */
  timers: Timers;
  replyTimeoutMs: number;
  greetingTimeoutMs: number;
  onMessage(data: string): void;
  /** The open socket was lost (closed by the server or the network, or a send unanswered). */
  onLost(error: ParleyError): void;
  /** Why an open failed before the socket opened, when the upgrade was refused (HTTP 403). */
  checkRefusal?: () => Promise<ParleyError | null>;
}

/**
 * The user's one chat socket: opened until `connection_established`, the sends waiting for
 * their answers, and a count of the frames sent in the last second.
 */
export interface FriendsSocket {
  /**
   * The sends waiting for their answer. The reference server answers every `send_message`
   * with exactly one `message_sent` or `error`, in the order the frames were sent (see the
   * server's friends-ws page), so answers are matched first in, first out. When an answer does
   * not come in time the order can no longer be trusted: the send fails with a `timeout` and the
   * socket is dropped, so that the outbox checks the history before sending it again.
   */
  readonly replies: ReplyQueue<SendReceipt, boolean>;
  /** Open and greeted: frames may be sent. */
  readonly isReady: boolean;
  /** Opens; resolves once `greeted()` was called, rejects with the close's meaning. */
  open(): Promise<void>;
  /** `connection_established` arrived; true when an `open()` was waiting for it. */
  greeted(): boolean;
  /** Closes without reporting; waiting sends fail with a retryable error. */
  close(): void;
  /**
   * Sends a frame other than `send_message` (its refusal, if any, is told apart by its text, a
   * rate limit's excepted); throws a retryable "network" error when not connected.
   */
  put(frame: Record<string, unknown>): void;
  /**
   * Sends a `send_message` at once and resolves with its `message_sent` (rejects on its
   * `error`). Several may wait: both servers answer every `send_message` of a socket in order
   * with exactly one frame (the deployed backend answers nothing to a blank text, which
   * `send` never sends, and answers on the user's newest socket only, where this socket then
   * hears nothing more), so the oldest waiting send owns the next answer. One not answered in
   * time drops the socket (see `replies`): never the wrong send's confirmation.
   */
  request(frame: Record<string, unknown>): Promise<SendReceipt>;
  /** Frames put on the wire during the last second. */
  recentFrames(): number;
}

export function friendsSocket(options: FriendsSocketOptions): FriendsSocket {
  const { timers } = options;
  const replies = new ReplyQueue<SendReceipt, boolean>(timers, options.replyTimeoutMs, () =>
    lost(new ParleyError("timeout", "A send was not answered; reconnecting")),
  );
  const greeting: ReplyQueue = new ReplyQueue(timers, options.greetingTimeoutMs, () =>
    greeting.failAll(new ParleyError("timeout", "No connection_established")),
  );
  const link = new WebSocketLink({
    url: options.url,
    WebSocket: options.WebSocket,
    timers,
    onMessage: (data) => options.onMessage(data),
    onClose: (error) => lost(error),
    ...(options.checkRefusal ? { checkRefusal: options.checkRefusal } : {}),
  });
  let ready = false;
  let sentAt: number[] = [];
  /** A frame other than a send went on the wire since the last send (see `replies`). */
  let other = false;
  const isReady = () => ready && link.isOpen;

  function lost(error: ParleyError) {
    const wasReady = ready;
    ready = false;
    link.close();
    if (greeting.size) greeting.failAll(error);
    else if (wasReady) options.onLost(error);
    replies.failAll(
      error.code === "network" || error.code === "timeout"
        ? error
        : new ParleyError("network", error.message, { cause: error }),
    );
  }

  const write = (frame: Record<string, unknown>) => {
    if (!isReady()) throw new ParleyError("network", "Not connected");
    link.send(frame);
    sentAt.push(timers.now());
  };
  const put = (frame: Record<string, unknown>) => {
    write(frame);
    other = true;
  };

  return {
    replies,
    get isReady() {
      return isReady();
    },
    put,

    async open() {
      ready = false;
      other = false;
      greeting.failAll(new ParleyError("network", "Superseded by a newer connect"));
      const greeted = greeting.expect();
      greeted.catch(() => {}); // awaited below; a failed open must not leave it unhandled
      await link.open();
      await greeted;
    },

    greeted() {
      // Emitted (by the caller) before open() resolves, so `ready` precedes its resolution.
      const waiting = greeting.answer();
      if (waiting) ready = true;
      return waiting;
    },

    close() {
      const closed = new ParleyError("network", "Disconnected");
      ready = false;
      link.close();
      greeting.failAll(closed);
      replies.failAll(closed);
    },

    async request(frame) {
      write(frame);
      const afterOther = other;
      other = false;
      return replies.expect(afterOther);
    },

    recentFrames() {
      const since = timers.now() - 1000;
      sentAt = sentAt.filter((at) => at > since);
      return sentAt.length;
    },
  };
}
