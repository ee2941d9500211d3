import type { Directory } from "../../fixtures/directory.js";
import type { ChatRow, MessageRow, ParticipantRow, RoomsStore } from "./store.js";

/** ISO 8601 in UTC for a stored time (ms since epoch). */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The documented message object; a deleted message keeps its place but loses its content. */
export function serializeMessage(row: MessageRow, directory: Directory, readBy: number[] = []) {
  const deleted = row.is_deleted === 1;
  return {
    id: row.id,
    chat_id: row.chat_id,
    sender_type: row.sender_type,
    sender_id: row.sender_id,
    sender_name: directory.userByNumericId(row.sender_id)?.name ?? null,
    content: deleted ? null : row.content,
    message_type: row.message_type,
    media_url: deleted ? null : row.media_url,
    reply_to_id: row.reply_to_id,
    is_edited: row.is_edited === 1,
    is_deleted: deleted,
    created_at: iso(row.created_at),
    edited_at: iso(row.edited_at),
    deleted_at: iso(row.deleted_at),
    read_by: readBy,
  };
}

export type MessageJson = ReturnType<typeof serializeMessage>;

/** Messages with their readers, in one query for the readers. */
export function serializeMessages(rows: MessageRow[], store: RoomsStore, directory: Directory) {
  const readers = store.readersOf(rows.map((r) => r.id));
  return rows.map((row) => serializeMessage(row, directory, readers.get(row.id) ?? []));
}

function serializeParticipant(row: ParticipantRow, directory: Directory, online: boolean) {
  return {
    participant_type: row.participant_type,
    participant_id: row.participant_id,
    name: directory.userByNumericId(row.participant_id)?.name ?? null,
    joined_at: iso(row.joined_at),
    is_online: online,
  };
}

/** A chat as `viewerId` sees it: members with presence, last message and the viewer's unread count. */
export function serializeChat(
  chat: ChatRow,
  viewerId: number,
  store: RoomsStore,
  directory: Directory,
  isOnline: (participantId: number) => boolean,
) {
  const last = store.lastMessage(chat.id);
  return {
    id: chat.id,
    title: chat.title,
    created_by_type: chat.created_by_type,
    created_by_id: chat.created_by_id,
    created_at: iso(chat.created_at),
    updated_at: iso(chat.updated_at),
    participants: store
      .participants(chat.id)
      .map((p) => serializeParticipant(p, directory, isOnline(p.participant_id))),
    last_message: last ? (serializeMessages([last], store, directory)[0] ?? null) : null,
    unread_count: store.unreadCount(chat.id, viewerId),
  };
}

export type ChatJson = ReturnType<typeof serializeChat>;
