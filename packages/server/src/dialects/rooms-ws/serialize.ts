import type { Directory } from "../../fixtures/directory.js";
import type { RoomsProfile } from "./profile.js";
import type { ChatRow, MessageRow, ParticipantRow, ReadRow, RoomsStore } from "./store.js";

/** What turning rows into JSON needs: the store (readers, participants), names and the profile. */
export interface SerializeDeps {
  store: RoomsStore;
  directory: Directory;
  profile: RoomsProfile;
}

/** ISO 8601 in UTC for a stored time (ms since epoch), as the seed shows it. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

const at = (deps: SerializeDeps, ms: number | null) => (ms === null ? null : deps.profile.time(ms));
const nameOf = (deps: SerializeDeps, id: number) =>
  deps.directory.userByNumericId(id)?.name ?? null;

/** The documented message object; a deleted message keeps its place but loses its content. */
function seedMessage(row: MessageRow, deps: SerializeDeps, reads: ReadRow[]) {
  const deleted = row.is_deleted === 1;
  const { wireId } = deps.profile;
  return {
    id: row.id,
    chat_id: row.chat_id,
    sender_type: row.sender_type,
    sender_id: wireId(row.sender_id),
    sender_name: nameOf(deps, row.sender_id),
    content: deleted ? null : row.content,
    message_type: row.message_type,
    media_url: deleted ? null : row.media_url,
    reply_to_id: row.reply_to_id,
    is_edited: row.is_edited === 1,
    is_deleted: deleted,
    created_at: iso(row.created_at),
    edited_at: iso(row.edited_at),
    deleted_at: iso(row.deleted_at),
    read_by: reads.map((r) => wireId(r.participant_id)),
  };
}

/**
 * Field: `MessageResponse` of `chat.py` (`format_message_response`): the sender in
 * `sender_user_id` or `sender_customer_id` by type, `reply_to_message_id`, naive times,
 * `read_receipts`; a deleted message's content is `[Message deleted]`.
 */
function fieldMessage(row: MessageRow, deps: SerializeDeps, reads: ReadRow[]) {
  const { wireId } = deps.profile;
  const sender = wireId(row.sender_id);
  return {
    id: row.id,
    chat_id: row.chat_id,
    sender_type: row.sender_type,
    sender_user_id: row.sender_type === "user" ? sender : null,
    sender_customer_id: row.sender_type === "customer" ? sender : null,
    sender_name: nameOf(deps, row.sender_id),
    sender_avatar: null,
    message_type: row.message_type,
    content: row.is_deleted === 1 ? "[Message deleted]" : row.content,
    media_url: row.media_url,
    reply_to_message_id: row.reply_to_id,
    is_edited: row.is_edited === 1,
    is_deleted: row.is_deleted === 1,
    is_delivered: true,
    delivered_at: at(deps, row.created_at),
    created_at: at(deps, row.created_at),
    updated_at: at(deps, row.deleted_at ?? row.edited_at),
    read_receipts: reads.map((r) => ({
      reader_type: r.participant_type,
      reader_id: wireId(r.participant_id),
      read_at: at(deps, r.read_at),
    })),
  };
}

/** Messages as REST answers them (and the seed's live frames), with their readers in one query. */
export function serializeMessages(rows: MessageRow[], deps: SerializeDeps) {
  const readers = deps.store.readersOf(rows.map((r) => r.id));
  const shape = deps.profile.upstreamShapes ? fieldMessage : seedMessage;
  return rows.map((row) => shape(row, deps, readers.get(row.id) ?? []));
}

export type MessageJson = ReturnType<typeof serializeMessages>[number];

/**
 * The live `message` frame. Field: `chat_websocket.py`'s `handle_send_message` with
 * `chat_manager.send_message`: `sender_id`, `reply_to_message_id`, a naive `created_at`, the chat
 * and a timestamp beside the message.
 */
export function messageFrame(row: MessageRow, deps: SerializeDeps, now: number) {
  if (!deps.profile.upstreamShapes)
    return { type: "message", message: serializeMessages([row], deps)[0] };
  return {
    type: "message",
    chat_id: row.chat_id,
    message: {
      id: row.id,
      chat_id: row.chat_id,
      sender_type: row.sender_type,
      sender_id: deps.profile.wireId(row.sender_id),
      sender_name: nameOf(deps, row.sender_id),
      message_type: row.message_type,
      content: row.content,
      media_url: row.media_url,
      reply_to_message_id: row.reply_to_id,
      created_at: at(deps, row.created_at),
      is_delivered: true,
    },
    timestamp: at(deps, now),
  };
}

function serializeParticipant(row: ParticipantRow, deps: SerializeDeps, online: boolean) {
  return {
    participant_type: row.participant_type,
    participant_id: deps.profile.wireId(row.participant_id),
    name: nameOf(deps, row.participant_id),
    joined_at: at(deps, row.joined_at),
    is_online: online,
  };
}

/** A chat as `viewerId` sees it: members with presence, last message and the viewer's unread count. */
export function serializeChat(
  chat: ChatRow,
  viewerId: number,
  deps: SerializeDeps,
  isOnline: (participantId: number) => boolean,
) {
  const { store, profile } = deps;
  const last = store.lastMessage(chat.id);
  return {
    id: chat.id,
    title: chat.title,
    created_by_type: chat.created_by_type,
    created_by_id: chat.created_by_id === null ? null : profile.wireId(chat.created_by_id),
    created_at: at(deps, chat.created_at),
    updated_at: at(deps, chat.updated_at),
    participants: store
      .participants(chat.id)
      .map((p) => serializeParticipant(p, deps, isOnline(p.participant_id))),
    last_message: last ? (serializeMessages([last], deps)[0] ?? null) : null,
    unread_count: store.unreadCount(chat.id, viewerId),
  };
}

export type ChatJson = ReturnType<typeof serializeChat>;
