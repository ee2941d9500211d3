import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { readEvent, toMessage, typingEvent } from "./decode.js";
import type { Presence } from "./presence.js";
import type { Roster } from "./roster.js";
import { detailError, parseDetail, parseMessage, parseRead, parseTyping } from "./wire.js";

/**
 * One server event as what the client should hear: an adapter event, an error to report (a
 * malformed frame, an `error` event), or nothing. Never throws.
 */
export function decodeEvent(
  event: string,
  payload: unknown,
  roster: Roster,
  presence: Presence,
): AdapterEvent | null {
  const malformed = (): AdapterEvent => ({
    type: "error",
    error: new ParleyError("protocol", `Malformed ${event} event`),
  });
  switch (event) {
    case "receive_message": {
      const wire = parseMessage(payload);
      return wire ? { type: "message", message: toMessage(wire, roster) } : malformed();
    }
    case "user_typing": {
      const wire = parseTyping(payload);
      return wire ? typingEvent(wire, roster) : malformed();
    }
    case "messages_read": {
      const wire = parseRead(payload);
      return wire ? readEvent(wire, roster) : malformed();
    }
    case "user_status":
      return presence.status(payload, roster) ? null : malformed();
    case "error":
      return {
        type: "error",
        error: detailError(parseDetail(payload) ?? "The server reported an error"),
      };
    default:
      // Replies come in acks (every request asks for one); anything else is not this protocol.
      return null;
  }
}
