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
 * becomes an `error` event and is dropped. Events before the roster exists (the role still being
 * asked for) are dropped; the client's catch-up after the connect reads them from history.
 */
export function routeFrames(
  socket: { on(event: string, listener: (payload: unknown) => void): unknown },
  known: () => DeskRoster | undefined,
  emit: (event: AdapterEvent) => void,
): void {
  const on = <T>(
    event: string,
    parse: (payload: unknown) => T | undefined,
    handle: (wire: T, roster: DeskRoster) => AdapterEvent | null,
  ) =>
    socket.on(event, (payload: unknown) => {
      const roster = known();
      if (!roster) return;
      let out: AdapterEvent | null;
      // A throw here would reach socket.io-client's event loop and the app: it becomes an error
      // event, and the event is dropped.
      try {
        const wire = parse(payload);
        out =
          wire === undefined
            ? { type: "error", error: new ParleyError("protocol", `Malformed ${event} event`) }
            : handle(wire, roster);
      } catch (cause) {
        out = {
          type: "error",
          error: new ParleyError("protocol", `Could not handle a ${event} event`, { cause }),
        };
      }
      if (out) emit(out);
    });

  on("receive_message", parseMessage, (wire, roster) => ({
    type: "message",
    message: roster.message(wire),
  }));
  // The deployed backend names the room, which is the conversation (the user's id).
  const room = (roster: DeskRoster, id: string | null) => (roster.role === "user" ? roster.me : id);
  on("user_typing", parseTyping, (wire, roster) => ({
    type: "typing",
    conversationId: room(roster, wire.room) ?? roster.file(wire.sender_id, `${wire.receiver_id}`),
    userId: wire.sender_id,
    typing: wire.is_typing,
  }));
  on("messages_read", parseRead, (wire, roster) => {
    if (wire.sender_id) return roster.read(wire.reader_id, wire.sender_id);
    const id = room(roster, wire.room);
    return id ? { type: "read", conversationId: id, readerId: wire.reader_id } : null;
  });
  on("user_status", parseUserStatus, (wire, roster) =>
    roster.seen(wire.user_id, wire.status === "online"),
  );
  on(
    "error",
    (payload) => parseDetail(payload) ?? "The server reported an error",
    (detail) => ({ type: "error", error: detailError(detail) }),
  );
}
