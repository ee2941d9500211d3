/**
 * The JSON shapes of the friends-ws protocol (seed 001 and the reference server's page), and
 * tolerant parsers: anything that does not have the documented shape parses to null.
 */

export type WireStatus = "sent" | "delivered" | "read";

/** `sender` / `receiver` account summaries. */
export interface WireAccount {
  account_id: string;
  username?: string;
  full_name?: string;
  avatar?: string | null;
}

/** A message: the `new_message` payload, or the fuller REST object (`is_deleted`, `read_at`...). */
export interface WireMessage {
  message_id: string;
  sender_id: string;
  receiver_id: string;
  content: string;
  status: WireStatus;
  created_at: string;
  is_deleted?: boolean;
  updated_at?: string;
  read_at?: string | null;
  sender?: WireAccount;
  receiver?: WireAccount;
}

/** `GET /messages/history/{friend_id}`: newest first. */
export interface WireHistory {
  messages: WireMessage[];
  total: number;
  skip: number;
  limit: number;
}

/** Every server-to-client frame; the ones marked Extension are the reference server's. */
export type Frame =
  | { type: "connection_established"; user_id: string }
  | { type: "online_friends"; friends: string[] }
  | { type: "new_message"; message: WireMessage }
  | { type: "message_sent"; message_id: string; status: WireStatus }
  | { type: "message_read"; message_id: string; read_by: string }
  | { type: "typing_indicator"; user_id: string; is_typing: boolean }
  /** Extension. */
  | { type: "message_delivered"; message_id: string; delivered_to: string }
  /** Extension. */
  | { type: "message_deleted"; message_id: string; deleted_by: string }
  /** Extension. */
  | { type: "friend_online"; user_id: string }
  /** Extension. */
  | { type: "friend_offline"; user_id: string }
  /** Extension: the frame just sent was refused; `code` mirrors the REST status. */
  | { type: "error"; code: number; message: string }
  /** A well-formed frame of a type this client does not know (a newer server). */
  | { type: "unknown"; name: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Ids are strings on this wire; a number is accepted and turned into one. */
function id(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function status(value: unknown): WireStatus | null {
  return value === "sent" || value === "delivered" || value === "read" ? value : null;
}

function account(value: unknown): WireAccount | undefined {
  if (!isRecord(value)) return undefined;
  const accountId = id(value.account_id);
  if (accountId === null) return undefined;
  return {
    account_id: accountId,
    ...(typeof value.username === "string" ? { username: value.username } : {}),
    ...(typeof value.full_name === "string" ? { full_name: value.full_name } : {}),
    ...(typeof value.avatar === "string" || value.avatar === null ? { avatar: value.avatar } : {}),
  };
}

/** A message object (socket or REST), or null when a required field is missing or wrong. */
export function parseMessage(value: unknown): WireMessage | null {
  if (!isRecord(value)) return null;
  const messageId = id(value.message_id);
  const senderId = id(value.sender_id);
  const receiverId = id(value.receiver_id);
  const wireStatus = status(value.status);
  if (
    messageId === null ||
    senderId === null ||
    receiverId === null ||
    wireStatus === null ||
    typeof value.content !== "string" ||
    typeof value.created_at !== "string"
  ) {
    return null;
  }
  const sender = account(value.sender);
  const receiver = account(value.receiver);
  return {
    message_id: messageId,
    sender_id: senderId,
    receiver_id: receiverId,
    content: value.content,
    status: wireStatus,
    created_at: value.created_at,
    ...(typeof value.is_deleted === "boolean" ? { is_deleted: value.is_deleted } : {}),
    ...(typeof value.updated_at === "string" ? { updated_at: value.updated_at } : {}),
    ...(typeof value.read_at === "string" || value.read_at === null
      ? { read_at: value.read_at }
      : {}),
    ...(sender ? { sender } : {}),
    ...(receiver ? { receiver } : {}),
  };
}

/** A history page; malformed messages inside it are dropped, a malformed page is null. */
export function parseHistory(value: unknown): { page: WireHistory; dropped: number } | null {
  if (!isRecord(value) || !Array.isArray(value.messages)) return null;
  const messages: WireMessage[] = [];
  for (const raw of value.messages) {
    const message = parseMessage(raw);
    if (message) messages.push(message);
  }
  const total = typeof value.total === "number" ? value.total : Number.NaN;
  const skip = typeof value.skip === "number" ? value.skip : Number.NaN;
  const limit = typeof value.limit === "number" ? value.limit : Number.NaN;
  return {
    page: { messages, total, skip, limit },
    dropped: value.messages.length - messages.length,
  };
}

/** The ids of a `friends` / `online_friends` list, or null when it is not a list. */
export function parseIds(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const ids: string[] = [];
  for (const item of value) {
    const parsed = id(item);
    if (parsed === null) return null;
    ids.push(parsed);
  }
  return ids;
}

/**
 * One frame from the socket; null when it is not JSON, has no string `type`, or is a known type
 * with a missing or wrongly typed field.
 */
export function parseFrame(text: string): Frame | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || typeof data.type !== "string") return null;
  switch (data.type) {
    case "connection_established": {
      const userId = id(data.user_id);
      return userId === null ? null : { type: data.type, user_id: userId };
    }
    case "online_friends": {
      const friends = parseIds(data.friends);
      return friends === null ? null : { type: data.type, friends };
    }
    case "new_message": {
      const message = parseMessage(data.message);
      return message === null ? null : { type: data.type, message };
    }
    case "message_sent": {
      const messageId = id(data.message_id);
      const wireStatus = status(data.status) ?? "sent";
      return messageId === null
        ? null
        : { type: data.type, message_id: messageId, status: wireStatus };
    }
    case "message_read": {
      const [messageId, readBy] = [id(data.message_id), id(data.read_by)];
      if (messageId === null || readBy === null) return null;
      return { type: data.type, message_id: messageId, read_by: readBy };
    }
    case "message_delivered": {
      const [messageId, to] = [id(data.message_id), id(data.delivered_to)];
      if (messageId === null || to === null) return null;
      return { type: data.type, message_id: messageId, delivered_to: to };
    }
    case "message_deleted": {
      const [messageId, by] = [id(data.message_id), id(data.deleted_by)];
      if (messageId === null || by === null) return null;
      return { type: data.type, message_id: messageId, deleted_by: by };
    }
    case "typing_indicator": {
      const userId = id(data.user_id);
      if (userId === null || typeof data.is_typing !== "boolean") return null;
      return { type: data.type, user_id: userId, is_typing: data.is_typing };
    }
    case "friend_online":
    case "friend_offline": {
      const userId = id(data.user_id);
      return userId === null ? null : { type: data.type, user_id: userId };
    }
    case "error": {
      const code = typeof data.code === "number" ? data.code : Number(data.code);
      const message = typeof data.message === "string" ? data.message : "";
      return Number.isFinite(code) ? { type: "error", code, message } : null;
    }
    default:
      return { type: "unknown", name: data.type };
  }
}
