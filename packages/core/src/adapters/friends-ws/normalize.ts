import { codeForStatus, ParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import type { WireMessage } from "./wire.js";

/**
 * The conversation of a message: the friend's account id, i.e. whichever of sender and
 * receiver is not `me`. friends-ws is 1:1 only, so the friend's id is the natural key (it is
 * also what `send_message.receiver_id` and `/messages/history/{friend_id}` take).
 */
export function peerOf(wire: Pick<WireMessage, "sender_id" | "receiver_id">, me: string): string {
  return wire.sender_id === me ? wire.receiver_id : wire.sender_id;
}

/**
 * A wire message in Parley's form. Ids stay the server's UUID strings; `senderId` is the
 * account id, the id space of `connection_established.user_id`; the status is the wire's
 * (`sent` / `delivered` / `read`). The dialect's own fields go to `extra`: `receiver_id`,
 * the `sender` / `receiver` summaries, `read_at` and `updated_at` when the server sent them.
 */
export function toMessage(wire: WireMessage, conversationId: string): Message {
  const extra: Record<string, unknown> = { receiver_id: wire.receiver_id };
  if (wire.sender) extra.sender = wire.sender;
  if (wire.receiver) extra.receiver = wire.receiver;
  if (wire.read_at !== undefined) extra.read_at = wire.read_at;
  if (wire.updated_at !== undefined) extra.updated_at = wire.updated_at;
  return {
    clientId: `id:${wire.message_id}`,
    id: wire.message_id,
    conversationId,
    senderId: wire.sender_id,
    text: wire.content,
    createdAt: wire.created_at,
    status: wire.status,
    ...(wire.is_deleted ? { deleted: true } : {}),
    extra,
  };
}

/** An `error` frame (Extension) as a ParleyError; the code mirrors the REST status. */
export function frameError(code: number, message: string): ParleyError {
  return new ParleyError(codeForStatus(code), message || `Refused (${code})`, { status: code });
}
