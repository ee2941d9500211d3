import type { Socket } from "socket.io-client";
import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { ReplyQueue } from "../../transports/reply-queue.js";
import {
  answers,
  conversationOf,
  errorFromServer,
  parseError,
  parseMessageEvent,
  parseStatus,
  parseUserEvent,
  peopleOf,
  type SendPayload,
  toMessage,
  type WireMessage,
  type WireStatus,
} from "./wire.js";

export interface FrameRouterOptions {
  me(): string;
  emit(event: AdapterEvent): void;
  /**
   * The `send_message` events of this socket still waiting for their answer. The protocol has
   * no acknowledgement, but the server handles a socket's events one at a time, in order, and
   * answers each `send_message` on that socket with either `message_sent {message}` or
   * `error {message}`. So the oldest pending send owns the next `error`, and the next
   * `message_sent` that {@link answers} it.
   */
  sends: ReplyQueue<WireMessage, SendPayload>;
  /**
   * Whether another event of ours (typing, `mark_read`, `set_status`) went out just before this
   * send: a rate limit refuses any event, so its `error` may be that event's.
   */
  afterOther(payload: SendPayload): boolean;
  /** A user we have exchanged a message with (so typing and `mark_read` can go to them). */
  partner(userId: string): void;
  /** A `user_status_change`. */
  pushed(status: WireStatus): void;
  /** The socket closed without our asking. */
  lost(error: ParleyError): void;
}

/**
 * Turns the server-to-client events of one socket into adapter events. A handler never
 * throws: a malformed payload becomes an `error` event and is dropped.
 */
export function routeFrames(
  socket: Socket,
  { me, emit, sends, afterOther, partner, pushed, lost }: FrameRouterOptions,
) {
  const on = <T>(
    event: string,
    parse: (payload: unknown) => T | undefined,
    handle: (parsed: T) => void,
  ) =>
    socket.on(event, (payload: unknown) => {
      // A throw here would reach socket.io-client's event loop and the app: it becomes an error
      // event, and the event is dropped.
      try {
        const parsed = parse(payload);
        if (parsed === undefined)
          emit({
            type: "error",
            error: new ParleyError("protocol", `Malformed ${event} event dropped`),
          });
        else handle(parsed);
      } catch (cause) {
        emit({
          type: "error",
          error: new ParleyError("protocol", `Could not handle a ${event} event`, { cause }),
        });
      }
    });
  // Answers still owed to sends failed together below: the server still answers each of them,
  // and an error among those answers is theirs, never a later send's (taken as that send's
  // refusal, it would be sent again although it was stored).
  let owed = 0;
  socket.on("disconnect", () => {
    owed = 0;
  });
  for (const mine of [false, true])
    on(mine ? "message_sent" : "new_message", parseMessageEvent, ({ message }) => {
      partner(conversationOf(message, me()));
      emit({ type: "people", people: peopleOf([message]) });
      // The answer to our oldest pending send resolves it; anything else (another tab, REST)
      // is reported as a message and matched by the client.
      const head = sends.head;
      if (mine && head && answers(head, message)) sends.answer(message);
      else {
        if (mine && owed > 0) owed -= 1;
        emit({ type: "message", message: toMessage(message, me()) });
      }
    });
  for (const typing of [true, false])
    on(typing ? "typing_start" : "typing_stopped", parseUserEvent, ({ userId }) =>
      emit({ type: "typing", conversationId: userId, userId, typing }),
    );
  // Sent to us when `userId` read everything we sent them: the conversation is theirs.
  on("messages_read", parseUserEvent, ({ userId }) =>
    emit({ type: "read", conversationId: userId, readerId: userId }),
  );
  on("user_status_change", parseStatus, (status) => {
    if (status.userId !== me()) partner(status.userId);
    pushed(status);
  });
  on("error", parseError, (text) => {
    const error = errorFromServer(text);
    // The server answers a socket's events in order: the oldest pending send owns the error.
    // Not a rate limit's: it may be another event's (one went just before that send), and the
    // reference server refuses an event before it has answered the ones accepted just before.
    // Then no waiting send can be told stored or not: they all fail (not as unsent), and
    // history decides.
    const head = sends.head;
    if (owed > 0) {
      owed -= 1;
      emit({ type: "error", error });
    } else if (error.code === "rate-limited" && head && (sends.size > 1 || afterOther(head))) {
      // This error answers one of them, unless it is the other event's.
      owed = sends.size - (afterOther(head) ? 0 : 1);
      sends.failAll(new ParleyError("network", text, { cause: error }));
    } else if (!sends.refuse(error)) emit({ type: "error", error });
  });
  socket.on("disconnect", (reason: string) =>
    lost(new ParleyError("network", `Socket.IO disconnected: ${reason}`)),
  );
}
