import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { DeskRoster } from "./desk-roster.js";
import {
  detailError,
  parseDetail,
  parseMessage,
  parseRead,
  parseTyping,
  parseUserStatus,
} from "./wire.js";

/**
 * Turns the server's events on one socket into adapter events, filed under their conversations
 * by the roster (which learns roles from them). A handler never throws: a malformed payload
 * becomes an `error` event and is dropped.
 */
export function routeFrames(
  socket: { on(event: string, listener: (payload: unknown) => void): unknown },
  roster: DeskRoster,
  emit: (event: AdapterEvent) => void,
): void {
  const on = <T>(
    event: string,
    parse: (payload: unknown) => T | undefined,
    handle: (wire: T) => AdapterEvent | null,
  ) =>
    socket.on(event, (payload: unknown) => {
      const wire = parse(payload);
      const out: AdapterEvent | null =
        wire === undefined
          ? { type: "error", error: new ParleyError("protocol", `Malformed ${event} event`) }
          : handle(wire);
      if (out) emit(out);
    });

  on("receive_message", parseMessage, (wire) => ({
    type: "message",
    message: roster.message(wire),
  }));
  on("user_typing", parseTyping, (wire) => ({
    type: "typing",
    conversationId: roster.file(wire.sender_id, wire.receiver_id),
    userId: wire.sender_id,
    typing: wire.is_typing,
  }));
  on("messages_read", parseRead, (wire) => roster.read(wire.reader_id, wire.sender_id));
  on("user_status", parseUserStatus, (wire) => roster.seen(wire.user_id, wire.status === "online"));
  on(
    "error",
    (payload) => parseDetail(payload) ?? "The server reported an error",
    (detail) => ({ type: "error", error: detailError(detail) }),
  );
}
