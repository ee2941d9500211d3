import type { OutgoingMessage, WirePerson } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { Conversation, Message, Presence } from "../../model.js";
import {
  asId,
  asString,
  compact,
  isRecord,
  orNull,
  shape,
  textError,
} from "../../transports/wire.js";

/**
 * The JSON shapes of the care-socketio protocol (seed 002 and the server's
 * `docs/care-socketio.md`) as field tables, and their parsers, which answer undefined for
 * anything malformed, and their Parley forms. Ids may be strings or numbers on the wire; the
 * parsers turn them into strings.
 */

export type WireMessageType = "text" | "file" | "image";

const messageType = (value: unknown): WireMessageType =>
  value === "file" || value === "image" ? value : "text";

const populated = shape({ _id: asId, fullname: orNull, email: orNull, role: orNull });

/** A user as `sender`, `receiver` and `otherUser` carry it: populated, or just its id. */
const user = (value: unknown) => populated(isRecord(value) ? value : { _id: value });
export type WireUser = NonNullable<ReturnType<typeof user>>;

/** The documented message JSON; an id, both parties and the creation time are required. */
export const parseMessage = shape({
  _id: asId,
  sender: user,
  receiver: user,
  content: (value) => (value == null ? "" : asString(value)),
  messageType,
  fileUrl: orNull,
  fileName: orNull,
  isRead: (value) => value === true,
  readAt: orNull,
  /** The seed's own conversation key: both user ids sorted and joined with `_`. */
  conversationId: orNull,
  createdAt: asString,
});
export type WireMessage = NonNullable<ReturnType<typeof parseMessage>>;

/** `new_message` and `message_sent`: `{message}`. */
export const parseMessageEvent = shape({ message: parseMessage });

/**
 * `typing_start` / `typing_stopped`, and `messages_read` (who read everything we sent them;
 * its other fields are not needed): `{userId}`.
 */
export const parseUserEvent = shape({ userId: asId });

/** `user_status_change` and the entries of `POST /chat/online-status` (`status` is an extension). */
export const parseStatus = shape({
  userId: asId,
  isOnline: (value) => (typeof value === "boolean" ? value : undefined),
  status: orNull,
});
export type WireStatus = NonNullable<ReturnType<typeof parseStatus>>;

/** `error`: `{message}`. */
export const parseError = (value: unknown): string | undefined =>
  isRecord(value) ? asString(value.message) : asString(value);

const lastMessage = shape({
  _id: (value) => asId(value) ?? null,
  content: (value) => orNull(value) ?? "",
  messageType,
  createdAt: asString,
  sender: user,
});
export type WireLastMessage = NonNullable<ReturnType<typeof lastMessage>>;

/** An entry of `GET /chat/conversations`; `lastMessage._id` is an extension. */
export const parseConversation = shape({
  conversationId: orNull,
  otherUser: user,
  lastMessage: (value) => lastMessage(value) ?? null,
  unreadCount: (value) => (typeof value === "number" && value > 0 ? value : 0),
});
export type WireConversation = NonNullable<ReturnType<typeof parseConversation>>;

/**
 * `data` of a `{success: true, data}` REST answer; null for another envelope. A bare value
 * (a backend without the envelope) is taken as the data itself.
 */
export const unwrap = (body: unknown): unknown =>
  isRecord(body) && "success" in body ? body.success !== false && body.data : body;

/**
 * Conversations are keyed by the other user's id (the doctor for a patient, the patient for a
 * doctor): that is what `send_message {receiverId}`, `mark_read {senderId}` and the history
 * path `/chat/conversations/:otherUserId` take. The seed's own `a_b` key is kept in
 * `extra.conversationId`.
 */
export function conversationOf(wire: WireMessage, me: string): string {
  return wire.sender._id === me ? wire.receiver._id : wire.sender._id;
}

/** Both parties of messages, named where they are populated. */
export const peopleOf = (wires: WireMessage[]): WirePerson[] =>
  wires.flatMap((w) => [w.sender, w.receiver]).map((u) => ({ id: u._id, name: u.fullname }));

/** Wire message to Parley's form; `messageType`, the seed's key and names go to `extra`. */
export function toMessage(wire: WireMessage, me: string): Message {
  const { fileUrl: url, messageType: type, sender } = wire;
  return {
    clientId: `id:${wire._id}`,
    id: wire._id,
    conversationId: conversationOf(wire, me),
    senderId: sender._id,
    text: wire.content,
    createdAt: wire.createdAt,
    status: wire.isRead ? "read" : "sent",
    ...(url && type !== "text"
      ? { attachments: [{ url, type, ...compact({ name: wire.fileName }) }] }
      : {}),
    extra: compact({
      messageType: type,
      conversationId: wire.conversationId,
      readAt: wire.readAt,
      senderRole: sender.role,
      senderName: sender.fullname,
    }),
  };
}

function toLastMessage(wire: WireLastMessage, otherId: string): Message {
  return {
    // Without the `_id` extension the entry has no server id: it stays a summary.
    clientId: wire._id ? `id:${wire._id}` : `last:${otherId}:${wire.createdAt}`,
    ...compact({ id: wire._id }),
    conversationId: otherId,
    senderId: wire.sender._id,
    text: wire.content,
    createdAt: wire.createdAt,
    status: "sent",
    extra: { messageType: wire.messageType },
  };
}

export function toConversation(wire: WireConversation, me: string): Conversation {
  const { _id: id, fullname: name, role, email } = wire.otherUser;
  return {
    id,
    kind: "direct",
    ...compact({ title: name }),
    participants: [{ id: me }, { id, ...compact({ name, role }) }],
    ...(wire.lastMessage ? { lastMessage: toLastMessage(wire.lastMessage, id) } : {}),
    unreadCount: wire.unreadCount,
    extra: compact({ conversationId: wire.conversationId, email }),
  };
}

export const toPresence = (wire: WireStatus): Presence => ({
  online: wire.isOnline,
  ...compact({ status: wire.status }),
});

/** The `send_message` payload of an outgoing message (one attachment at most). */
export interface SendPayload {
  receiverId: string;
  content: string;
  messageType: WireMessageType;
  fileUrl: string | null;
  fileName: string | null;
}

export function toSendPayload(outgoing: OutgoingMessage): SendPayload {
  const attachments = outgoing.attachments ?? [];
  if (attachments.length > 1) {
    throw new ParleyError("invalid-input", "Only one attachment per message");
  }
  const file = attachments[0];
  const messageType: WireMessageType = !file
    ? "text"
    : /^image(\/|$)/.test(file.type ?? "")
      ? "image"
      : "file";
  return {
    receiverId: outgoing.conversationId,
    content: outgoing.text,
    messageType,
    fileUrl: file?.url ?? null,
    fileName: file?.name ?? null,
  };
}

/**
 * True when a `message_sent` answers the send of `payload` (its receiver, content, type and
 * file): the server answers a socket's sends in order, but a send from another tab or over
 * REST is echoed to us too.
 */
export const answers = (payload: SendPayload, message: WireMessage): boolean =>
  message.receiver._id === payload.receiverId &&
  message.content === payload.content &&
  message.messageType === payload.messageType &&
  message.fileUrl === payload.fileUrl;

/** What the server's `error {message}` means, as a ParleyError. */
export const errorFromServer = (message: string): ParleyError =>
  textError(message, [
    [/only|associated|inactive|not allowed|denied|permission/i, "forbidden"],
    [/unknown event/i, "protocol"],
    [/authenticat|token/i, "unauthorized"],
  ]);
