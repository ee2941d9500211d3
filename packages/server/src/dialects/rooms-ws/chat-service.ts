import { HttpError } from "../../http/http-error.js";
import type { Hub, RoomsConnection } from "./hub.js";
import type { Participant, ParticipantType } from "./participants.js";
import type { RoomsProfile } from "./profile.js";
import type { SendMessageInput } from "./schemas.js";
import {
  type MessageJson,
  messageFrame,
  type SerializeDeps,
  serializeChat,
  serializeMessages,
} from "./serialize.js";
import type { ChatRow, MessageRow, RoomsStore } from "./store.js";

/** The seed's edit window: "Message editing (15 min window)". */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The chat operations REST and WebSocket share: membership checks, storing, and the live
 * fan-out to joined sockets. Failures are `HttpError`s; the socket layer turns their message
 * into an `error` frame.
 */
export class ChatService {
  private readonly store: RoomsStore;
  private readonly profile: RoomsProfile;

  constructor(
    private readonly wire: SerializeDeps,
    private readonly hub: Hub,
    private readonly now: () => number,
  ) {
    this.store = wire.store;
    this.profile = wire.profile;
  }

  /** The chat if `participant` is a member: 404 when unknown, 403 when not a member. */
  memberChat(chatId: number, participant: Participant): ChatRow {
    const chat = this.store.chat(chatId);
    if (!chat) throw new HttpError(404, "Chat not found");
    if (!this.store.isMember(chatId, participant.id)) {
      throw new HttpError(403, "You are not a participant of this chat");
    }
    return chat;
  }

  /** Whether the chat exists and `participant` is a member. */
  isMember(chatId: number, participant: Participant): boolean {
    return this.store.chat(chatId) !== undefined && this.store.isMember(chatId, participant.id);
  }

  chatJson(chat: ChatRow, viewerId: number) {
    return serializeChat(chat, viewerId, this.wire, (id) => this.hub.isOnline(id));
  }

  messagesJson(rows: MessageRow[]): MessageJson[] {
    return serializeMessages(rows, this.wire);
  }

  /**
   * Creates a chat with `creator` and `others`, posts the initial message if any, and tells the
   * others' open sockets (Extension `chat_created`).
   */
  createChat(
    creator: Participant,
    others: ReadonlyArray<{ type: ParticipantType; id: number }>,
    title: string | null,
    initialMessage: string | null,
  ) {
    const at = this.now();
    const chatId = this.store.createChat(title, creator, others, at);
    if (initialMessage) {
      const message = {
        content: initialMessage,
        message_type: "text",
        media_url: null,
        reply_to_id: null,
      };
      this.store.insertMessage(chatId, creator, message, at);
    }
    const chat = this.store.chat(chatId) as ChatRow;
    this.hub.toParticipants(
      others.map((o) => o.id).filter((id) => id !== creator.id),
      (viewerId) => ({ type: "chat_created", chat: this.chatJson(chat, viewerId) }),
    );
    return this.chatJson(chat, creator.id);
  }

  /**
   * Stores a message from a member and sends `{type:"message"}` to every socket that joined the
   * chat, and (seed) to the sending socket even if it has not joined (so it sees its own echo).
   */
  send(
    chatId: number,
    sender: Participant,
    input: SendMessageInput,
    from?: RoomsConnection,
  ): MessageJson {
    this.memberChat(chatId, sender);
    const replyTo = input.reply_to_id ?? input.reply_to_message_id ?? null;
    if (replyTo !== null && this.store.message(replyTo)?.chat_id !== chatId) {
      throw new HttpError(400, "Reply target not found in this chat");
    }
    const row = this.store.insertMessage(
      chatId,
      sender,
      {
        content: input.content ?? null,
        message_type: input.message_type,
        media_url: input.media_url ?? null,
        reply_to_id: replyTo,
      },
      this.now(),
    );
    const frame = messageFrame(row, this.wire, this.now());
    this.hub.toRoom(chatId, frame);
    if (from && this.profile.echoUnjoined && !this.hub.inRoom(chatId, from)) from.send(frame);
    return this.messagesJson([row])[0] as MessageJson;
  }

  /** The sender edits within 15 minutes of sending; (seed) joined sockets get `message_updated`. */
  edit(messageId: number, editor: Participant, content: string): MessageJson {
    const row = this.ownMessage(messageId, editor, "edit");
    if (row.is_deleted) throw new HttpError(400, "Cannot edit a deleted message");
    const now = this.now();
    if (now - row.created_at > EDIT_WINDOW_MS) {
      throw this.profile.upstreamShapes
        ? new HttpError(400, "Message can only be edited within 15 minutes")
        : new HttpError(403, "Messages can only be edited within 15 minutes of sending");
    }
    const message = this.messagesJson([
      this.store.editMessage(messageId, content, now),
    ])[0] as MessageJson;
    if (this.profile.liveChanges)
      this.hub.toRoom(row.chat_id, { type: "message_updated", message });
    return message;
  }

  /** The sender soft-deletes; (seed) joined sockets get `message_deleted`. Twice is a no-op. */
  delete(messageId: number, deleter: Participant): MessageJson {
    const row = this.ownMessage(messageId, deleter, "delete");
    if (row.is_deleted) return this.messagesJson([row])[0] as MessageJson;
    const updated = this.store.deleteMessage(messageId, this.now());
    const message = this.messagesJson([updated])[0] as MessageJson;
    if (this.profile.liveChanges)
      this.hub.toRoom(row.chat_id, { type: "message_deleted", message });
    return message;
  }

  /**
   * Marks a message (and every earlier one in the chat) read; when it was unread, the chat's
   * joined sockets get `read_receipt`. Reading one's own message changes nothing.
   */
  markRead(chatId: number, messageId: number, reader: Participant): void {
    this.memberChat(chatId, reader);
    const row = this.store.message(messageId);
    if (!row || row.chat_id !== chatId) throw new HttpError(404, "Message not found in this chat");
    if (row.sender_id === reader.id) return;
    if (this.store.markRead(chatId, messageId, reader, this.now())) {
      const { profile } = this;
      this.hub.toRoom(chatId, {
        type: "read_receipt",
        chat_id: chatId,
        message_id: messageId,
        // Field: `chat_manager.send_read_receipt` names the reader's type too.
        ...(profile.upstreamShapes && { reader_type: reader.type }),
        reader_id: profile.wireId(reader.id),
      });
    }
  }

  private ownMessage(messageId: number, participant: Participant, verb: string): MessageRow {
    const row = this.store.message(messageId);
    if (!row) throw new HttpError(404, "Message not found");
    if (row.sender_id !== participant.id) {
      throw new HttpError(403, `You can only ${verb} your own messages`);
    }
    return row;
  }
}
