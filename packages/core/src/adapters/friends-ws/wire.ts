import type { WirePerson } from "../../adapter.js";
import { codeForStatus, ParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import { asId, isRecord, type Json } from "../../transports/wire.js";

/**
 * The JSON shapes of the friends-ws protocol (seed 001 and the reference server's page),
 * tolerant parsers (anything that does not have the documented shape parses to null), and their
 * Parley forms.
 */

export type WireStatus = "sent" | "delivered" | "read";

/** `sender` / `receiver` account summaries. */
export interface WireAccount {
  account_id: string;
  username?: string;
  full_name?: string;
  avatar?: string | null;
}

/** The `sender` / `receiver` summaries of messages, as people with names and avatars. */
export const peopleOf = (wires: WireMessage[]): WirePerson[] =>
  wires
    .flatMap((w) => [w.sender, w.receiver])
    .filter((a) => a !== undefined)
    .map((a) => ({ id: a.account_id, name: a.full_name, avatarUrl: a.avatar }));

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

/** `GET /messages/history/{friend_id}`: newest first; `total` is NaN when the server gives none. */
export interface WireHistory {
  messages: WireMessage[];
  total: number;
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
  /**
   * Extension: the frame just sent was refused; `code` mirrors the REST status. The deployed
   * backend sends no `code` (undefined here, as is a code that is not a number).
   */
  | { type: "error"; code?: number; message: string }
  /** A well-formed frame of a type this client does not know (a newer server). */
  | { type: "unknown"; name: string };

const isString = (value: unknown) => typeof value === "string";
const isStringOrNull = (value: unknown) => value === null || isString(value);

function status(value: unknown): WireStatus | undefined {
  return value === "sent" || value === "delivered" || value === "read" ? value : undefined;
}

/** The fields of `from` among `keys` whose value passes `test`. */
const pick = (from: Json, test: (value: unknown) => boolean, ...keys: string[]) =>
  Object.fromEntries(keys.filter((key) => test(from[key])).map((key) => [key, from[key]]));

function account(value: unknown): WireAccount | undefined {
  const accountId = isRecord(value) ? asId(value.account_id) : undefined;
  if (accountId === undefined) return undefined;
  return {
    account_id: accountId,
    ...pick(value as Json, isString, "username", "full_name"),
    ...pick(value as Json, isStringOrNull, "avatar"),
  };
}

/** A message object (socket or REST), or null when a required field is missing or wrong. */
export function parseMessage(value: unknown): WireMessage | null {
  if (!isRecord(value)) return null;
  const message = {
    message_id: asId(value.message_id),
    sender_id: asId(value.sender_id),
    receiver_id: asId(value.receiver_id),
    content: value.content,
    status: status(value.status),
    created_at: value.created_at,
  };
  if (
    message.message_id === undefined ||
    message.sender_id === undefined ||
    message.receiver_id === undefined ||
    !message.status ||
    !isString(message.content) ||
    !isString(message.created_at)
  )
    return null;
  const sender = account(value.sender);
  const receiver = account(value.receiver);
  return {
    ...(message as WireMessage),
    ...pick(value, (v) => typeof v === "boolean", "is_deleted"),
    ...pick(value, isString, "updated_at"),
    ...pick(value, isStringOrNull, "read_at"),
    ...(sender ? { sender } : {}),
    ...(receiver ? { receiver } : {}),
  };
}

/** A history page; malformed messages inside it are dropped, a malformed page is null. */
export function parseHistory(value: unknown): { page: WireHistory; dropped: number } | null {
  if (!isRecord(value) || !Array.isArray(value.messages)) return null;
  const messages = value.messages.map(parseMessage).filter((m) => m !== null);
  return {
    page: { messages, total: typeof value.total === "number" ? value.total : Number.NaN },
    dropped: value.messages.length - messages.length,
  };
}

/** The ids of a `friends` / `online_friends` list, or null when it is not a list. */
export function parseIds(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const ids = value.map(asId);
  return ids.includes(undefined) ? null : (ids as string[]);
}

/** The id fields each frame type must have (numbers are turned into strings). */
const idFields: Record<string, string[]> = {
  connection_established: ["user_id"],
  message_sent: ["message_id"],
  message_read: ["message_id", "read_by"],
  message_delivered: ["message_id", "delivered_to"],
  message_deleted: ["message_id", "deleted_by"],
  typing_indicator: ["user_id"],
  friend_online: ["user_id"],
  friend_offline: ["user_id"],
};

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
  if (!isRecord(data) || !isString(data.type)) return null;
  const type = data.type as string;
  const frame: Json = { type };
  for (const key of Object.hasOwn(idFields, type) ? (idFields[type] as string[]) : []) {
    frame[key] = asId(data[key]);
    if (frame[key] === undefined) return null;
  }
  switch (type) {
    case "online_friends":
      frame.friends = parseIds(data.friends);
      return frame.friends ? (frame as Frame) : null;
    case "new_message":
      frame.message = parseMessage(data.message);
      return frame.message ? (frame as Frame) : null;
    case "message_sent":
      frame.status = status(data.status) ?? "sent";
      break;
    case "typing_indicator":
      frame.is_typing = data.is_typing;
      if (typeof data.is_typing !== "boolean") return null;
      break;
    case "error": {
      const code = typeof data.code === "number" || isString(data.code) ? Number(data.code) : NaN;
      const message = isString(data.message) ? data.message : "";
      return Number.isFinite(code) ? { type, code, message } : { type, message };
    }
    default:
      if (!Object.hasOwn(idFields, type)) return { type: "unknown", name: type };
  }
  return frame as Frame;
}

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

/**
 * An `error` frame as a ParleyError: the code mirrors the REST status (Extension). Without one
 * (the deployed backend: "Failed to send message"), a refusal of unknown cause, never retried.
 */
export function frameError(code: number | undefined, message: string): ParleyError {
  const text = message || `Refused (${code ?? "no code"})`;
  return code === undefined
    ? new ParleyError("invalid-input", text)
    : new ParleyError(codeForStatus(code), text, { status: code });
}

/**
 * The text's code points as Python's `str.strip()` leaves them (the servers count and check
 * these): besides JavaScript's white space it strips U+001C to U+001F and U+0085, not U+FEFF.
 */
export function pythonStrip(text: string): string[] {
  const points = [...text];
  const space = (c: string | undefined) =>
    c !== undefined &&
    c !== "\ufeff" &&
    (c.trim() === "" || (c >= "\u001c" && c <= "\u001f") || c === "\u0085");
  let start = 0;
  let end = points.length;
  while (start < end && space(points[start])) start += 1;
  while (end > start && space(points[end - 1])) end -= 1;
  return points.slice(start, end);
}
