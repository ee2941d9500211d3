/**
 * The JSON shapes of the support-socketio protocol (seed 000 and the reference server's page
 * `packages/server/docs/support-socketio.md`) as field tables, their parsers (undefined for
 * anything malformed) and their Parley forms. Ids may arrive as numbers: they become strings.
 */
import type { Conversation, Message } from "../../model.js";
import {
  asId,
  asString,
  compact,
  isRecord,
  orNull,
  shape,
  textError,
} from "../../transports/wire.js";

/** ISO 8601; a naive FastAPI datetime (no zone) is UTC. */
const time = (value: unknown) =>
  typeof value !== "string" || Number.isNaN(Date.parse(value))
    ? undefined
    : /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) || !value.includes("T")
      ? value
      : `${value}Z`;

/** An optional reference (`appointment_id`, `service_id`): an id, or null when absent. */
const reference = (value: unknown) => (value == null ? null : asId(value));

const boolean = (value: unknown) => (typeof value === "boolean" ? value : undefined);

const stored = shape({
  _id: asId,
  sender_id: asId,
  receiver_id: asId,
  message_text: asString,
  timestamp: time,
  appointment_id: reference,
  service_id: reference,
  /** Extension: true once `mark_read` has covered the message (false on a seed-only server). */
  is_read: (value) => value === true,
});

/**
 * A stored message: `receive_message`, the `send_message` ack, and history items. The deployed
 * backend names the text `content` and the read flag `read`, and has no references.
 */
export const parseMessage = (value: unknown) =>
  stored(isRecord(value) ? { message_text: value.content, is_read: value.read, ...value } : value);
export type WireMessage = NonNullable<ReturnType<typeof parseMessage>>;

/** One row of `GET /chat/users` (admins only). */
export const parseChatUser = shape({
  user_id: asId,
  user_name: orNull,
  last_message: orNull,
  last_message_time: (value) => time(value) ?? null,
  unread_count: (value) => (typeof value === "number" && value > 0 ? value : 0),
});
export type WireChatUser = NonNullable<ReturnType<typeof parseChatUser>>;

const typing = shape({ sender_id: asId, receiver_id: orNull, room: orNull, is_typing: boolean });

/**
 * `user_typing` (extension): `{sender_id, receiver_id, is_typing}`; the deployed backend sends
 * `{user_id, room, is_typing}`, the room being the conversation.
 */
export const parseTyping = (value: unknown) => {
  const wire = typing(isRecord(value) ? { sender_id: value.user_id, ...value } : value);
  return wire?.receiver_id || wire?.room ? wire : undefined;
};

/**
 * `messages_read` (extension): `reader_id` read `sender_id`'s messages. The deployed backend
 * names the `room` (the conversation) instead: the reader read what was sent to them there.
 */
const read = shape({ reader_id: asId, sender_id: orNull, room: orNull });
export const parseRead = (value: unknown) => {
  const wire = read(value);
  return wire?.sender_id || wire?.room ? wire : undefined;
};

/** `user_status` (extension). */
export const parseUserStatus = shape({
  user_id: asId,
  status: (value) => (value === "online" || value === "offline" ? value : undefined),
});

/** `{detail}`: a refusal, in an ack or an `error` event. */
export function parseDetail(value: unknown): string | undefined {
  const detail = isRecord(value) ? value.detail : null;
  return Array.isArray(detail) ? "Invalid request" : asString(detail);
}

/** The ParleyError for a server's `detail`; refusals are final, faults and rate limits are not. */
export const detailError = (detail: string) =>
  textError(detail, [
    [/^unknown event/i, "unsupported"],
    [/can only|cannot message|permission/i, "forbidden"],
    [/not authenticated|credentials|expired/i, "unauthorized"],
  ]);

/**
 * A wire message in Parley's form, filed under `conversationId` (the non-admin user's id);
 * `is_read` becomes status "read"; `appointment_id`, `service_id` and `receiver_id` stay in
 * `extra`.
 */
export const toMessage = (wire: WireMessage, conversationId: string): Message => ({
  clientId: `id:${wire._id}`,
  id: wire._id,
  conversationId,
  senderId: wire.sender_id,
  text: wire.message_text,
  createdAt: wire.timestamp,
  status: wire.is_read ? "read" : "sent",
  extra: {
    appointment_id: wire.appointment_id,
    service_id: wire.service_id,
    receiver_id: wire.receiver_id,
  },
});

/**
 * A row of the admin's user list. The list gives the last message's text and time only, so
 * `lastMessage` is a preview: no server id, an unknown sender (`""`), `extra.preview` true.
 */
export function toConversation(user: WireChatUser): Conversation {
  const { user_id: id, user_name: name, last_message: text } = user;
  return {
    id,
    kind: "direct",
    participants: [{ id, role: "user", ...compact({ name }) }],
    unreadCount: user.unread_count,
    ...compact({ title: name }),
    ...(text === null
      ? {}
      : {
          lastMessage: {
            clientId: `preview:${id}`,
            conversationId: id,
            senderId: "",
            text,
            createdAt: user.last_message_time ?? new Date(0).toISOString(),
            status: "sent",
            extra: { preview: true },
          },
        }),
  };
}

/** The `appointment_id` / `service_id` of an outgoing message's `extra` (ids or null). */
export function references(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["appointment_id", "service_id"]) {
    const value = reference(extra[key]);
    if (value !== undefined && extra[key] !== undefined) out[key] = value;
  }
  return out;
}
