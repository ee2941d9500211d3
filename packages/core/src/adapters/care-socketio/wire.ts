import { asId, asString, isRecord, orNull, shape } from "../../transports/wire.js";

/**
 * The JSON shapes of the care-socketio protocol (seed 002 and the server's
 * `docs/care-socketio.md`) as field tables, and their parsers, which answer undefined for
 * anything malformed. Ids may be strings or numbers on the wire; the parsers turn them into
 * strings.
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
