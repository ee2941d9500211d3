/**
 * The JSON shapes of the support-socketio protocol (seed 000 and the reference server's page
 * `packages/server/docs/support-socketio.md`), and tolerant parsers that answer null for
 * anything malformed. Ids may arrive as numbers from other backends: they become strings here.
 */
import { ParleyError } from "../../errors.js";
import { asId, complete, isRecord, type Json } from "../../transports/wire.js";

/** A stored message: `receive_message`, the `send_message` ack, and history items. */
export interface WireMessage {
  _id: string;
  sender_id: string;
  receiver_id: string;
  message_text: string;
  /** ISO 8601 UTC. */
  timestamp: string;
  appointment_id: string | null;
  service_id: string | null;
  /** Extension: true once `mark_read` has covered the message; absent on a seed-only server. */
  is_read?: boolean;
}

/** One row of `GET /chat/users` (admins only). */
export interface WireChatUser {
  user_id: string;
  user_name: string | null;
  last_message: string | null;
  last_message_time: string | null;
  unread_count: number;
}

/** `user_typing` (extension), and the `typing` ack. */
export interface WireTyping {
  sender_id: string;
  receiver_id: string;
  is_typing: boolean;
}

/** `messages_read` (extension), and the `mark_read` ack: `reader_id` read `sender_id`'s messages. */
export interface WireRead {
  reader_id: string;
  sender_id: string;
  count: number;
  read_at: string | null;
}

/** `user_status` (extension). */
export interface WireUserStatus {
  user_id: string;
  status: "online" | "offline";
}

/** An optional reference (`appointment_id`, `service_id`): a string, or null when absent. */
const reference = (value: unknown) => (value == null ? null : asId(value));

/** ISO 8601; a naive FastAPI datetime (no zone) is UTC. */
function timestamp(value: unknown): string | undefined {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) return undefined;
  return /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) || !value.includes("T") ? value : `${value}Z`;
}

export function parseMessage(value: unknown): WireMessage | null {
  return isRecord(value) && typeof value.message_text === "string"
    ? complete({
        _id: asId(value._id ?? value.id),
        sender_id: asId(value.sender_id),
        receiver_id: asId(value.receiver_id),
        message_text: value.message_text,
        timestamp: timestamp(value.timestamp),
        appointment_id: reference(value.appointment_id),
        service_id: reference(value.service_id),
        ...(typeof value.is_read === "boolean" ? { is_read: value.is_read } : {}),
      })
    : null;
}

/** A history array; malformed items are counted in `dropped`, never thrown. */
export function parseMessageList(value: unknown): { messages: WireMessage[]; dropped: number } {
  if (!Array.isArray(value)) return { messages: [], dropped: 1 };
  const messages = value.map(parseMessage).filter((m) => m !== null);
  return { messages, dropped: value.length - messages.length };
}

export function parseChatUsers(value: unknown): WireChatUser[] | null {
  if (!Array.isArray(value)) return null;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return value.flatMap((item) => {
    const userId = isRecord(item) ? asId(item.user_id) : undefined;
    if (userId === undefined) return [];
    const { user_name, last_message, last_message_time, unread_count: unread } = item as Json;
    return {
      user_id: userId,
      user_name: text(user_name),
      last_message: text(last_message),
      last_message_time: timestamp(last_message_time) ?? null,
      unread_count: typeof unread === "number" && unread >= 0 ? unread : 0,
    };
  });
}

export function parseTyping(value: unknown): WireTyping | null {
  return isRecord(value) && typeof value.is_typing === "boolean"
    ? complete({
        sender_id: asId(value.sender_id),
        receiver_id: asId(value.receiver_id),
        is_typing: value.is_typing,
      })
    : null;
}

export function parseRead(value: unknown): WireRead | null {
  return isRecord(value)
    ? complete({
        reader_id: asId(value.reader_id),
        sender_id: asId(value.sender_id),
        count: typeof value.count === "number" ? value.count : 0,
        read_at: timestamp(value.read_at) ?? null,
      })
    : null;
}

export function parseUserStatus(value: unknown): WireUserStatus | null {
  return isRecord(value) && (value.status === "online" || value.status === "offline")
    ? complete({ user_id: asId(value.user_id), status: value.status })
    : null;
}

/** `{online_users: [...]}`, the `get_online_users` reply. */
export function parseOnlineUsers(value: unknown): string[] | null {
  if (!isRecord(value) || !Array.isArray(value.online_users)) return null;
  return value.online_users.map(asId).filter((v) => v !== undefined);
}

/** `{detail}`: a refusal, in an ack or an `error` event. */
export function parseDetail(value: unknown): string | null {
  const detail = isRecord(value) ? value.detail : null;
  return typeof detail === "string" ? detail : Array.isArray(detail) ? "Invalid request" : null;
}

/** The ParleyError for a server's `detail`; refusals are final, faults and rate limits are not. */
export const detailError = (detail: string): ParleyError =>
  new ParleyError(
    /too many requests|rate limit/i.test(detail)
      ? "rate-limited"
      : /internal server error/i.test(detail)
        ? "server"
        : /too long/i.test(detail)
          ? "payload-too-large"
          : /not found/i.test(detail)
            ? "not-found"
            : /^unknown event/i.test(detail)
              ? "unsupported"
              : /can only|cannot message|permission/i.test(detail)
                ? "forbidden"
                : /not authenticated|credentials|expired/i.test(detail)
                  ? "unauthorized"
                  : "invalid-input",
    detail,
  );
