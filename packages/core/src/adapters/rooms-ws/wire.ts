import type { ParleyErrorCode } from "../../errors.js";
import { isRecord, type Json } from "../../transports/wire.js";

/**
 * The JSON shapes of the rooms-ws protocol (seed 004 and the server's rooms-ws page), their
 * parsers, and their Parley forms. Ids are integers on the wire.
 */
export type ParticipantType = "user" | "customer";

export interface WireMessage {
  id: number;
  chat_id: number;
  sender_type?: string;
  /** The sender, as the seed shows it; deployed backends give one of the two below instead. */
  sender_id?: number;
  sender_user_id?: number | null;
  sender_customer_id?: number | null;
  /** Extension: the sender's display name. */
  sender_name?: string | null;
  content: string | null;
  message_type?: string;
  media_url?: string | null;
  reply_to_id?: number | null;
  /** The reply target as deployed backends name it. */
  reply_to_message_id?: number | null;
  is_edited?: boolean;
  is_deleted?: boolean;
  created_at: string;
  edited_at?: string | null;
  updated_at?: string | null;
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

/** A history page: the seed's `pages`, or `has_more` as deployed backends answer. */
export interface WirePage {
  messages: WireMessage[];
  total: number;
  page: number;
  page_size: number;
  pages?: number;
  has_more?: boolean;
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
  // Deployed backends add `participant_type` (`reader_type`) where the seed has the id alone.
  | { type: "message"; message: WireMessage }
  | { type: "message_updated"; message: WireMessage }
  | { type: "message_deleted"; message: WireMessage }
  | {
      type: "typing";
      chat_id: number;
      participant_id: number;
      participant_type?: string;
      is_typing: boolean;
    }
  | {
      type: "read_receipt";
      chat_id: number;
      message_id: number;
      reader_id: number;
      reader_type?: string;
    }
  | {
      type: "user_joined" | "user_left";
      chat_id: number;
      participant_id: number;
      participant_type?: string;
    }
  | { type: "chat_created"; chat: WireChat }
  | { type: "error"; error: string }
  | { type: "pong"; timestamp?: string };

const isObject = isRecord;
const isId = (value: unknown): value is number => Number.isSafeInteger(value);
const isString = (value: unknown): value is string => typeof value === "string";
const optional = (value: unknown, test: (v: unknown) => unknown) => value == null || !!test(value);

/** A message object, or null when a required field is missing or of the wrong type. */
export function parseMessage(value: unknown): WireMessage | null {
  return isObject(value) &&
    isId(value.id) &&
    isId(value.chat_id) &&
    (isId(value.sender_id) || isId(value.sender_user_id) || isId(value.sender_customer_id)) &&
    isString(value.created_at) &&
    optional(value.content, isString) &&
    optional(value.media_url, isString) &&
    optional(value.reply_to_id, isId) &&
    optional(value.reply_to_message_id, isId) &&
    optional(value.read_by, (v) => Array.isArray(v) && v.every(isId))
    ? (value as unknown as WireMessage)
    : null;
}

/** A chat object, or null when it has no integer id or malformed members. */
export function parseChat(value: unknown): WireChat | null {
  return isObject(value) &&
    isId(value.id) &&
    optional(
      value.participants,
      (v) => Array.isArray(v) && v.every((p) => isObject(p) && isId(p.participant_id)),
    ) &&
    optional(value.last_message, parseMessage)
    ? (value as unknown as WireChat)
    : null;
}

const chatEvent = (f: Json) => isId(f.chat_id) && isId(f.participant_id);
const message = (f: Json) => parseMessage(f.message);

/** Each frame type's check. */
const frameChecks = new Map<unknown, (frame: Json) => unknown>([
  ["connected", (f) => isId(f.participant_id) && isString(f.participant_type)],
  ["message", message],
  ["message_updated", message],
  ["message_deleted", message],
  ["typing", (f) => chatEvent(f) && typeof f.is_typing === "boolean"],
  ["read_receipt", (f) => isId(f.chat_id) && isId(f.message_id) && isId(f.reader_id)],
  ["user_joined", chatEvent],
  ["user_left", chatEvent],
  ["chat_created", (f) => parseChat(f.chat)],
  ["error", (f) => isString(f.error)],
  ["pong", (f) => optional(f.timestamp, isString)],
]);

/** Parses one text frame; null for anything malformed or unknown (never throws). */
export function parseFrame(text: string): ServerFrame | null {
  try {
    const frame: unknown = JSON.parse(text);
    return isObject(frame) && frameChecks.get(frame.type)?.(frame)
      ? (frame as unknown as ServerFrame)
      : null;
  } catch {
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

/** The ParleyError code of a rooms-ws error text (the server page lists them). */
export const codeForErrorText = (text: string): ParleyErrorCode =>
  /^(Chat not found|Message not found in this chat)$/.test(text)
    ? "not-found"
    : /^You are not a participant (of|in) this chat$/.test(text)
      ? "forbidden"
      : text === "Rate limit exceeded"
        ? "rate-limited"
        : text === "Internal server error"
          ? "server"
          : /^(Invalid JSON$|Invalid message format|Unknown message type)/.test(text)
            ? "protocol"
            : /^(Invalid |Reply target not found in this chat$)/.test(text)
              ? "invalid-input"
              : "protocol";
