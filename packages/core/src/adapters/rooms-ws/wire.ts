/** The JSON shapes of the rooms-ws protocol (seed 004 and the server's rooms-ws page). Ids are integers. */

export type ParticipantType = "user" | "customer";

export interface WireMessage {
  id: number;
  chat_id: number;
  sender_type?: string;
  sender_id: number;
  /** Extension: the sender's display name. */
  sender_name?: string | null;
  content: string | null;
  message_type?: string;
  media_url?: string | null;
  reply_to_id?: number | null;
  is_edited?: boolean;
  is_deleted?: boolean;
  created_at: string;
  edited_at?: string | null;
  deleted_at?: string | null;
  /** Extension: who has read it, by participant id. */
  read_by?: number[];
}

export interface WireParticipant {
  participant_type?: string;
  participant_id: number;
  name?: string | null;
  joined_at?: string | null;
  is_online?: boolean;
}

export interface WireChat {
  id: number;
  title?: string | null;
  created_by_type?: string | null;
  created_by_id?: number | null;
  created_at?: string | null;
  updated_at?: string | null;
  participants?: WireParticipant[];
  last_message?: WireMessage | null;
  unread_count?: number;
}

export interface WirePage {
  messages: WireMessage[];
  total: number;
  page: number;
  page_size: number;
  pages: number;
}

export interface WireUpload {
  url: string;
  filename?: string;
  original_filename?: string | null;
  content_type?: string;
  size?: number;
  message_type?: string;
}

/** Every frame the server sends, as far as this adapter reads it. */
export type ServerFrame =
  | { type: "connected"; participant_type: string; participant_id: number }
  | { type: "message"; message: WireMessage }
  | { type: "message_updated"; message: WireMessage }
  | { type: "message_deleted"; message: WireMessage }
  | { type: "typing"; chat_id: number; participant_id: number; is_typing: boolean }
  | { type: "read_receipt"; chat_id: number; message_id: number; reader_id: number }
  | { type: "user_joined"; chat_id: number; participant_id: number }
  | { type: "user_left"; chat_id: number; participant_id: number }
  | { type: "chat_created"; chat: WireChat }
  | { type: "error"; error: string }
  | { type: "pong"; timestamp?: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isSafeInteger(value);
const optional = (value: unknown, test: (v: unknown) => boolean) =>
  value === undefined || value === null || test(value);
const isString = (value: unknown): value is string => typeof value === "string";

/** A message object, or null when a required field is missing or of the wrong type. */
export function parseMessage(value: unknown): WireMessage | null {
  if (!isObject(value)) return null;
  if (!isId(value.id) || !isId(value.chat_id) || !isId(value.sender_id)) return null;
  if (!isString(value.created_at)) return null;
  if (!optional(value.content, isString) || !optional(value.media_url, isString)) return null;
  if (!optional(value.reply_to_id, isId)) return null;
  if (!optional(value.read_by, (v) => Array.isArray(v) && v.every(isId))) return null;
  return value as unknown as WireMessage;
}

/** A chat object, or null when it has no integer id or malformed members. */
export function parseChat(value: unknown): WireChat | null {
  if (!isObject(value) || !isId(value.id)) return null;
  const participants = value.participants;
  if (
    !optional(
      participants,
      (v) => Array.isArray(v) && v.every((p) => isObject(p) && isId(p.participant_id)),
    )
  )
    return null;
  if (value.last_message != null && !parseMessage(value.last_message)) return null;
  return value as unknown as WireChat;
}

const chatEvent = (f: Json) => isId(f.chat_id) && isId(f.participant_id);

/** Parses one text frame; null for anything malformed or unknown (never throws). */
export function parseFrame(text: string): ServerFrame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(frame) || !isString(frame.type)) return null;
  const f = frame;
  switch (f.type) {
    case "connected":
      return isId(f.participant_id) && isString(f.participant_type)
        ? (f as unknown as ServerFrame)
        : null;
    case "message":
    case "message_updated":
    case "message_deleted": {
      const message = parseMessage(f.message);
      return message ? ({ type: f.type, message } as ServerFrame) : null;
    }
    case "typing":
      return chatEvent(f) && typeof f.is_typing === "boolean"
        ? (f as unknown as ServerFrame)
        : null;
    case "read_receipt":
      return isId(f.chat_id) && isId(f.message_id) && isId(f.reader_id)
        ? (f as unknown as ServerFrame)
        : null;
    case "user_joined":
    case "user_left":
      return chatEvent(f) ? (f as unknown as ServerFrame) : null;
    case "chat_created": {
      const chat = parseChat(f.chat);
      return chat ? { type: "chat_created", chat } : null;
    }
    case "error":
      return isString(f.error) ? { type: "error", error: f.error } : null;
    case "pong":
      return optional(f.timestamp, isString) ? (f as unknown as ServerFrame) : null;
    default:
      return null;
  }
}

/** The text of a FastAPI error body: `{detail: "..."}` or `{detail: [{msg}]}`. */
export function detailMessage(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const { detail } = body;
  if (isString(detail)) return detail;
  if (Array.isArray(detail) && isObject(detail[0]) && isString(detail[0].msg)) {
    const loc = Array.isArray(detail[0].loc) ? `${detail[0].loc.join(".")}: ` : "";
    return `${loc}${detail[0].msg}`;
  }
  return undefined;
}
