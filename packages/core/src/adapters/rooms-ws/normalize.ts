import type { Attachment, Conversation, Message, Participant } from "../../model.js";
import type { WireChat, WireMessage, WireUpload } from "./wire.js";

/**
 * Wire to Parley. Every integer id becomes its decimal string: `Message.id` is the message id,
 * `conversationId` the chat id (`chat_id`), `senderId` the sender's `participant_id` (the same
 * id space as the `connected` frame's `participant_id`, which is the session's `userId`).
 */

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
  const readers = (wire.read_by ?? []).filter((reader) => reader !== wire.sender_id);
  const extra: Record<string, unknown> = {};
  if (wire.sender_type !== undefined) extra.sender_type = wire.sender_type;
  if (wire.sender_name != null) extra.sender_name = wire.sender_name;
  if (wire.message_type !== undefined) extra.message_type = wire.message_type;
  if (wire.read_by !== undefined) extra.read_by = wire.read_by.map(String);
  return {
    clientId: `id:${wire.id}`,
    id: String(wire.id),
    conversationId: String(wire.chat_id),
    senderId: String(wire.sender_id),
    text: wire.content ?? "",
    createdAt: wire.created_at,
    status: readers.length > 0 ? "read" : "sent",
    ...(wire.is_edited && wire.edited_at ? { editedAt: wire.edited_at } : {}),
    ...(wire.is_deleted ? { deleted: true } : {}),
    ...(wire.reply_to_id != null ? { replyTo: String(wire.reply_to_id) } : {}),
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
    id: String(p.participant_id),
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
