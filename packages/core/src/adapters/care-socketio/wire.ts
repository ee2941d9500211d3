import { asId, isRecord as isObject } from "../../transports/wire.js";

/**
 * The JSON shapes of the care-socketio protocol (seed 002 and the server's
 * `docs/care-socketio.md`), and tolerant parsers that answer null for anything malformed.
 * Ids may be strings or numbers on the wire; the parsers turn them into strings.
 */

/** A user as `sender`, `receiver` and `otherUser` carry it (populated), or just its id. */
export interface WireUser {
  _id: string;
  fullname?: string;
  email?: string | null;
  role?: string;
}

export type WireMessageType = "text" | "file" | "image";

/** The documented message JSON. */
export interface WireMessage {
  _id: string;
  sender: WireUser;
  receiver: WireUser;
  content: string;
  messageType: WireMessageType;
  fileUrl: string | null;
  fileName: string | null;
  isRead: boolean;
  readAt: string | null;
  /** The seed's own conversation key: both user ids sorted and joined with `_`. */
  conversationId: string | null;
  createdAt: string;
}

/** `lastMessage` of a conversation list entry (`_id` is a server extension). */
export interface WireLastMessage {
  _id: string | null;
  content: string;
  messageType: WireMessageType;
  createdAt: string;
  sender: string;
}

/** An entry of `GET /chat/conversations`. */
export interface WireConversation {
  conversationId: string | null;
  otherUser: WireUser;
  lastMessage: WireLastMessage | null;
  unreadCount: number;
}

/** `user_status_change` and the entries of `POST /chat/online-status` (`status` is an extension). */
export interface WireStatus {
  userId: string;
  isOnline: boolean;
  status: string | null;
}

/** `messages_read`: who read everything we sent them (its other fields are not needed). */
export interface WireRead {
  userId: string;
}

const stringOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

function parseUser(value: unknown): WireUser | null {
  const bare = asId(value);
  if (bare) return { _id: bare };
  if (!isObject(value)) return null;
  const id = asId(value._id) ?? asId(value.id);
  if (!id) return null;
  return {
    _id: id,
    ...(typeof value.fullname === "string" ? { fullname: value.fullname } : {}),
    ...(typeof value.email === "string" || value.email === null
      ? { email: value.email as string | null }
      : {}),
    ...(typeof value.role === "string" ? { role: value.role } : {}),
  };
}

function parseType(value: unknown): WireMessageType {
  return value === "file" || value === "image" ? value : "text";
}

/** The message JSON, or null when an id, a party or the creation time is missing. */
export function parseMessage(value: unknown): WireMessage | null {
  if (!isObject(value)) return null;
  const id = asId(value._id);
  const sender = parseUser(value.sender);
  const receiver = parseUser(value.receiver);
  if (!id || !sender || !receiver || typeof value.createdAt !== "string") return null;
  if (value.content !== undefined && value.content !== null && typeof value.content !== "string")
    return null;
  return {
    _id: id,
    sender,
    receiver,
    content: typeof value.content === "string" ? value.content : "",
    messageType: parseType(value.messageType),
    fileUrl: stringOrNull(value.fileUrl),
    fileName: stringOrNull(value.fileName),
    isRead: value.isRead === true,
    readAt: stringOrNull(value.readAt),
    conversationId: stringOrNull(value.conversationId),
    createdAt: value.createdAt,
  };
}

/** `new_message` and `message_sent`: `{message}`. */
export function parseMessageEvent(value: unknown): WireMessage | null {
  return isObject(value) ? parseMessage(value.message) : null;
}

/** `typing_start` / `typing_stopped`: `{userId}`. */
export function parseUserEvent(value: unknown): string | null {
  return (isObject(value) && asId(value.userId)) || null;
}

export function parseRead(value: unknown): WireRead | null {
  const userId = isObject(value) && asId(value.userId);
  return userId ? { userId } : null;
}

export function parseStatus(value: unknown): WireStatus | null {
  if (!isObject(value)) return null;
  const userId = asId(value.userId);
  if (!userId || typeof value.isOnline !== "boolean") return null;
  return { userId, isOnline: value.isOnline, status: stringOrNull(value.status) };
}

/** `error`: `{message}`. */
export function parseError(value: unknown): string | null {
  if (typeof value === "string") return value;
  return isObject(value) && typeof value.message === "string" ? value.message : null;
}

function parseLastMessage(value: unknown): WireLastMessage | null {
  if (!isObject(value) || typeof value.createdAt !== "string") return null;
  const sender = parseUser(value.sender);
  if (!sender) return null;
  return {
    _id: asId(value._id) ?? null,
    content: typeof value.content === "string" ? value.content : "",
    messageType: parseType(value.messageType),
    createdAt: value.createdAt,
    sender: sender._id,
  };
}

export function parseConversation(value: unknown): WireConversation | null {
  if (!isObject(value)) return null;
  const otherUser = parseUser(value.otherUser);
  if (!otherUser) return null;
  const unread = value.unreadCount;
  return {
    conversationId: stringOrNull(value.conversationId),
    otherUser,
    lastMessage: parseLastMessage(value.lastMessage),
    unreadCount: typeof unread === "number" && unread >= 0 ? unread : 0,
  };
}

/**
 * `data` of a `{success: true, data}` REST answer; null for another envelope. A bare value
 * (a backend without the envelope) is taken as the data itself.
 */
export function unwrap(body: unknown): unknown {
  if (isObject(body) && "success" in body) return body.success === false ? null : body.data;
  return body;
}

/** Parses a list, dropping malformed entries; answers how many were dropped. */
export function parseList<T>(
  value: unknown,
  parse: (item: unknown) => T | null,
): { items: T[]; dropped: number } | null {
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed) items.push(parsed);
  }
  return { items, dropped: value.length - items.length };
}
