import type { Attachment, Conversation, Message, Participant } from "../../model.js";
import type { WireChat, WireMessage, WireUpload } from "./wire.js";

/**
 * Wire to Parley. Message and chat ids become their decimal strings. A person's id is their
 * participant type and id, `u:2` (staff, `user`) or `c:1` (`customer`): the seed numbers both
 * kinds in one space, but a deployed backend numbers them apart, so staff #1 and customer #1 are
 * both `1` on the wire. Where a frame gives the id alone, `typeOf` tells the type learned so far.
 */
export const personId = (id: number, type?: string | null): string =>
  `${type === "customer" ? "c" : "u"}:${id}`;

/** The sender: `sender_type` with `sender_id`, or `sender_user_id`/`sender_customer_id`. */
export function senderOf(wire: WireMessage): { id: number; type: string } {
  const type = wire.sender_type ?? (wire.sender_customer_id != null ? "customer" : "user");
  const id =
    wire.sender_id ?? (type === "customer" ? wire.sender_customer_id : wire.sender_user_id);
  return { id: id as number, type };
}

/** A time in UTC: one without a zone (a deployed backend's naive `isoformat()`) is read as UTC. */
export function utc(time: string): string {
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : `${time}Z`);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}

/** `/uploads/x` paths are served at the backend's root: make them absolute for `<img src>`. */
export function absoluteUrl(baseUrl: string, url: string): string {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

/** The reverse for sending: the backend's own upload URLs go back as the documented path. */
export function mediaPath(baseUrl: string, url: string): string {
  try {
    const base = new URL(baseUrl);
    const parsed = new URL(url, base);
    if (parsed.origin === base.origin && parsed.pathname.startsWith("/uploads/"))
      return parsed.pathname;
  } catch {
    // not a URL: sent as given, the server judges it
  }
  return url;
}

/** The documented `message_type` of an attachment: a coarse kind, or derived from its MIME type. */
export function messageTypeOf(attachment: Attachment): "image" | "voice" | "file" {
  const type = attachment.type ?? "";
  if (type === "image" || type === "voice" || type === "file") return type;
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "voice";
  return "file";
}

export function toMessage(baseUrl: string, wire: WireMessage): Message {
  const sender = senderOf(wire);
  const readers = (wire.read_by ?? []).filter((reader) => reader !== sender.id);
  const replyTo = wire.reply_to_id ?? wire.reply_to_message_id;
  const editedAt = wire.edited_at ?? wire.updated_at;
  const extra: Record<string, unknown> = {};
  if (wire.sender_type !== undefined) extra.sender_type = wire.sender_type;
  if (wire.sender_name != null) extra.sender_name = wire.sender_name;
  if (wire.message_type !== undefined) extra.message_type = wire.message_type;
  if (wire.read_by !== undefined) extra.read_by = wire.read_by.map(String);
  return {
    clientId: `id:${wire.id}`,
    id: String(wire.id),
    conversationId: String(wire.chat_id),
    senderId: personId(sender.id, sender.type),
    text: wire.content ?? "",
    createdAt: utc(wire.created_at),
    status: readers.length > 0 ? "read" : "sent",
    ...(wire.is_edited && editedAt ? { editedAt: utc(editedAt) } : {}),
    ...(wire.is_deleted ? { deleted: true } : {}),
    ...(replyTo != null ? { replyTo: String(replyTo) } : {}),
    ...(wire.media_url
      ? {
          attachments: [
            {
              url: absoluteUrl(baseUrl, wire.media_url),
              ...(wire.message_type ? { type: wire.message_type } : {}),
            },
          ],
        }
      : {}),
    extra,
  };
}

/** A chat with more than two participants is a group; `title` and creator go along. */
export function toConversation(baseUrl: string, chat: WireChat): Conversation {
  const participants: Participant[] = (chat.participants ?? []).map((p) => ({
    id: personId(p.participant_id, p.participant_type),
    ...(p.name != null ? { name: p.name } : {}),
    ...(p.participant_type ? { role: p.participant_type } : {}),
  }));
  const extra: Record<string, unknown> = {};
  for (const key of ["created_by_type", "created_by_id", "created_at", "updated_at"] as const) {
    if (chat[key] != null) extra[key] = chat[key];
  }
  return {
    id: String(chat.id),
    kind: participants.length > 2 ? "group" : "direct",
    ...(chat.title ? { title: chat.title } : {}),
    participants,
    ...(chat.last_message ? { lastMessage: toMessage(baseUrl, chat.last_message) } : {}),
    unreadCount: typeof chat.unread_count === "number" ? chat.unread_count : 0,
    extra,
  };
}

export function toAttachment(baseUrl: string, upload: WireUpload, name: string): Attachment {
  return {
    url: absoluteUrl(baseUrl, upload.url),
    name: upload.original_filename ?? name,
    ...(upload.content_type ? { type: upload.content_type } : {}),
    ...(typeof upload.size === "number" ? { size: upload.size } : {}),
  };
}
