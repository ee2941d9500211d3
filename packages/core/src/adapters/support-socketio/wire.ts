/**
 * The JSON shapes of the support-socketio protocol (seed 000 and the reference server's page
 * `packages/server/docs/support-socketio.md`), and tolerant parsers that answer null for
 * anything malformed. Ids may arrive as numbers from other backends: they become strings here.
 */
import { ParleyError } from "../../errors.js";

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

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A string or a finite number, as a string; anything else is undefined. */
function id(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An optional reference (`appointment_id`, `service_id`): a string, or null when absent. */
function reference(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return id(value);
}

/** ISO 8601; a naive FastAPI datetime (no zone) is UTC. */
function timestamp(value: unknown): string | undefined {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) return undefined;
  return /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) || !value.includes("T") ? value : `${value}Z`;
}

export function parseMessage(value: unknown): WireMessage | null {
  if (!isRecord(value)) return null;
  const messageId = id(value._id ?? value.id);
  const sender = id(value.sender_id);
  const receiver = id(value.receiver_id);
  const time = timestamp(value.timestamp);
  const appointment = reference(value.appointment_id);
  const service = reference(value.service_id);
  if (
    messageId === undefined ||
    sender === undefined ||
    receiver === undefined ||
    typeof value.message_text !== "string" ||
    time === undefined ||
    appointment === undefined ||
    service === undefined
  ) {
    return null;
  }
  return {
    _id: messageId,
    sender_id: sender,
    receiver_id: receiver,
    message_text: value.message_text,
    timestamp: time,
    appointment_id: appointment,
    service_id: service,
    ...(typeof value.is_read === "boolean" ? { is_read: value.is_read } : {}),
  };
}

/** A history array; malformed items are counted in `dropped`, never thrown. */
export function parseMessageList(value: unknown): { messages: WireMessage[]; dropped: number } {
  if (!Array.isArray(value)) return { messages: [], dropped: 1 };
  const messages: WireMessage[] = [];
  for (const item of value) {
    const message = parseMessage(item);
    if (message) messages.push(message);
  }
  return { messages, dropped: value.length - messages.length };
}

export function parseChatUsers(value: unknown): WireChatUser[] | null {
  if (!Array.isArray(value)) return null;
  const users: WireChatUser[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const userId = id(item.user_id);
    if (userId === undefined) continue;
    users.push({
      user_id: userId,
      user_name: typeof item.user_name === "string" ? item.user_name : null,
      last_message: typeof item.last_message === "string" ? item.last_message : null,
      last_message_time: timestamp(item.last_message_time) ?? null,
      unread_count:
        typeof item.unread_count === "number" && item.unread_count >= 0 ? item.unread_count : 0,
    });
  }
  return users;
}

export function parseTyping(value: unknown): WireTyping | null {
  if (!isRecord(value)) return null;
  const sender = id(value.sender_id);
  const receiver = id(value.receiver_id);
  if (sender === undefined || receiver === undefined || typeof value.is_typing !== "boolean")
    return null;
  return { sender_id: sender, receiver_id: receiver, is_typing: value.is_typing };
}

export function parseRead(value: unknown): WireRead | null {
  if (!isRecord(value)) return null;
  const reader = id(value.reader_id);
  const sender = id(value.sender_id);
  if (reader === undefined || sender === undefined) return null;
  return {
    reader_id: reader,
    sender_id: sender,
    count: typeof value.count === "number" ? value.count : 0,
    read_at: timestamp(value.read_at) ?? null,
  };
}

export function parseUserStatus(value: unknown): WireUserStatus | null {
  if (!isRecord(value)) return null;
  const userId = id(value.user_id);
  if (userId === undefined || (value.status !== "online" && value.status !== "offline"))
    return null;
  return { user_id: userId, status: value.status };
}

/** `{online_users: [...]}`, the `get_online_users` reply. */
export function parseOnlineUsers(value: unknown): string[] | null {
  if (!isRecord(value) || !Array.isArray(value.online_users)) return null;
  return value.online_users.map(id).filter((v): v is string => v !== undefined);
}

/** `{detail}`: a refusal, in an ack or an `error` event. */
export function parseDetail(value: unknown): string | null {
  if (!isRecord(value)) return null;
  if (typeof value.detail === "string") return value.detail;
  if (Array.isArray(value.detail)) return "Invalid request";
  return null;
}

/** The ParleyError for a server's `detail`; refusals are final, faults and rate limits are not. */
export function detailError(detail: string): ParleyError {
  const d = detail.toLowerCase();
  const code =
    d.includes("too many requests") || d.includes("rate limit")
      ? "rate-limited"
      : d.includes("internal server error")
        ? "server"
        : d.includes("too long")
          ? "payload-too-large"
          : d.includes("not found")
            ? "not-found"
            : d.startsWith("unknown event")
              ? "unsupported"
              : d.includes("can only") || d.includes("cannot message") || d.includes("permission")
                ? "forbidden"
                : d.includes("not authenticated") ||
                    d.includes("credentials") ||
                    d.includes("expired")
                  ? "unauthorized"
                  : "invalid-input";
  return new ParleyError(code, detail);
}
