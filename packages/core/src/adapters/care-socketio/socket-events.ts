import type { Socket } from "socket.io-client";
import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { conversationOf, errorFromServer, toMessage } from "./normalize.js";
import type { PresenceTracker } from "./presence.js";
import type { PendingSends } from "./sends.js";
import { parseError, parseMessageEvent, parseRead, parseStatus, parseUserEvent } from "./wire.js";

export interface SocketEventsOptions {
  me(): string;
  emit(event: AdapterEvent): void;
  sends: PendingSends;
  /** A user we have exchanged a message with (so typing and `mark_read` can go to them). */
  partner(userId: string): void;
  presence: PresenceTracker;
  /** The socket closed without our asking. */
  lost(error: ParleyError): void;
}

/**
 * The server-to-client events of one socket, turned into adapter events. A handler never
 * throws: a malformed payload becomes an `error` event and is dropped.
 */
export class SocketEvents {
  #socket: Socket;
  #options: SocketEventsOptions;

  constructor(socket: Socket, options: SocketEventsOptions) {
    this.#socket = socket;
    this.#options = options;
  }

  attach(): void {
    const { emit, sends, presence, me, partner } = this.#options;
    /** Registers a handler of the parsed payload; a malformed one is reported and dropped. */
    const on = <T>(
      event: string,
      parse: (payload: unknown) => T | null,
      handle: (parsed: T) => void,
    ) =>
      this.#socket.on(event, (payload: unknown) => {
        const error = (message: string, cause?: unknown) =>
          emit({ type: "error", error: new ParleyError("protocol", message, { cause }) });
        const parsed = parse(payload);
        if (parsed === null) return error(`Malformed ${event} event dropped`);
        try {
          handle(parsed);
        } catch (cause) {
          error(`Could not handle ${event}`, cause);
        }
      });
    for (const mine of [false, true])
      on(mine ? "message_sent" : "new_message", parseMessageEvent, (wire) => {
        partner(conversationOf(wire, me()));
        // The answer to our oldest pending send resolves it; anything else (another tab, REST)
        // is reported as a message and matched by the client.
        if (!mine || !sends.confirm(wire))
          emit({ type: "message", message: toMessage(wire, me()) });
      });
    for (const typing of [true, false])
      on(typing ? "typing_start" : "typing_stopped", parseUserEvent, (userId) =>
        emit({ type: "typing", conversationId: userId, userId, typing }),
      );
    // Sent to us when `userId` read everything we sent them: the conversation is theirs.
    on("messages_read", parseRead, ({ userId }) =>
      emit({ type: "read", conversationId: userId, readerId: userId }),
    );
    on("user_status_change", parseStatus, (status) => {
      if (status.userId !== me()) partner(status.userId);
      presence.pushed(status);
    });
    on("error", parseError, (text) => {
      const error = errorFromServer(text);
      // The server answers a socket's events in order: the oldest pending send owns it.
      if (!sends.refuse(error)) emit({ type: "error", error });
    });
    this.#socket.on("disconnect", (reason: string) =>
      this.#options.lost(new ParleyError("network", `Socket.IO disconnected: ${reason}`)),
    );
  }
}
