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
  constructor(
    private readonly socket: Socket,
    private readonly options: SocketEventsOptions,
  ) {}

  attach(): void {
    this.on("new_message", (payload) => this.message(payload, false));
    this.on("message_sent", (payload) => this.message(payload, true));
    this.on("typing_start", (payload) => this.typing(payload, true));
    this.on("typing_stopped", (payload) => this.typing(payload, false));
    this.on("messages_read", (payload) => {
      const read = parseRead(payload);
      if (!read) {
        this.malformed("messages_read");
        return;
      }
      // Sent to us when `userId` read everything we sent them: the conversation is theirs.
      this.options.emit({ type: "read", conversationId: read.userId, readerId: read.userId });
    });
    this.on("user_status_change", (payload) => {
      const status = parseStatus(payload);
      if (!status) {
        this.malformed("user_status_change");
        return;
      }
      if (status.userId !== this.options.me()) this.options.partner(status.userId);
      this.options.presence.pushed(status);
    });
    this.on("error", (payload) => {
      const text = parseError(payload);
      if (text === null) {
        this.malformed("error");
        return;
      }
      const error = errorFromServer(text);
      // The server answers a socket's events in order: the oldest pending send owns it.
      if (!this.options.sends.refuse(error)) this.options.emit({ type: "error", error });
    });
    this.socket.on("disconnect", (reason: string) => {
      this.options.lost(new ParleyError("network", `Socket.IO disconnected: ${reason}`));
    });
  }

  private on(event: string, handler: (payload: unknown) => void): void {
    this.socket.on(event, (payload: unknown) => {
      try {
        handler(payload);
      } catch (error) {
        this.options.emit({
          type: "error",
          error: new ParleyError("protocol", `Could not handle ${event}`, { cause: error }),
        });
      }
    });
  }

  private message(payload: unknown, mine: boolean): void {
    const wire = parseMessageEvent(payload);
    if (!wire) {
      this.malformed(mine ? "message_sent" : "new_message");
      return;
    }
    const me = this.options.me();
    this.options.partner(conversationOf(wire, me));
    // The answer to our oldest pending send resolves it; anything else (another tab, REST) is
    // reported as a message and matched by the client.
    if (mine && this.options.sends.confirm(wire)) return;
    this.options.emit({ type: "message", message: toMessage(wire, me) });
  }

  private typing(payload: unknown, typing: boolean): void {
    const userId = parseUserEvent(payload);
    if (!userId) {
      this.malformed(typing ? "typing_start" : "typing_stopped");
      return;
    }
    this.options.emit({ type: "typing", conversationId: userId, userId, typing });
  }

  private malformed(event: string): void {
    this.options.emit({
      type: "error",
      error: new ParleyError("protocol", `Malformed ${event} event dropped`),
    });
  }
}
