import type { ObjectIdGenerator } from "../../ids/object-id.js";
import type { CareAccess } from "./access.js";
import { type CareProfile, careProfile, type ReadResult } from "./profile.js";
import type { MessageType } from "./schemas.js";
import type { ConversationJson, MessageJson, Serializer } from "./serialize.js";
import { conversationIdOf, type MessageRow, type MessageStore } from "./store.js";

/** Pushes an event to every socket of one user (through the delivery gate). */
export type PushToUser = (userId: string, event: string, payload: unknown) => void;

/** A message to send, already validated. */
export interface OutgoingMessage {
  content?: string | null | undefined;
  messageType: MessageType;
  fileUrl?: string | null | undefined;
  fileName?: string | null | undefined;
}

/**
 * The chat operations REST and Socket.IO share, so a message sent either way is stored and
 * pushed live the same way. Callers check the counterpart with {@link CareAccess} first.
 */
export class ChatService {
  constructor(
    private readonly store: MessageStore,
    private readonly access: CareAccess,
    private readonly serializer: Serializer,
    private readonly ids: ObjectIdGenerator,
    private readonly now: () => number,
    private readonly push: PushToUser,
    private readonly profile: CareProfile = careProfile("seed"),
  ) {}

  /**
   * Stores a message, sends `new_message` to the receiver and `message_sent` to the sender, or
   * through `confirm` when given (the field profile answers the sending socket only).
   */
  send(
    senderId: string,
    receiverId: string,
    input: OutgoingMessage,
    confirm?: (message: MessageJson) => void,
  ): MessageJson {
    const at = new Date(this.now()).toISOString();
    const row = this.store.insert({
      id: this.ids.next(),
      sender: senderId,
      receiver: receiverId,
      content: input.content ?? "",
      message_type: input.messageType,
      file_url: input.fileUrl ?? null,
      file_name: input.fileName || null,
      conversation_id: conversationIdOf(senderId, receiverId),
      created_at: at,
      updated_at: at,
    });
    const message = this.serializer.message(row);
    this.push(receiverId, "new_message", { message });
    if (confirm) confirm(message);
    else this.push(senderId, "message_sent", { message });
    return message;
  }

  /**
   * Marks what `senderId` sent to `readerId` as read and tells the sender with `messages_read`
   * (seed: only when anything changed; the payload and that rule are the profile's).
   */
  markRead(readerId: string, senderId: string): ReadResult {
    const readAt = new Date(this.now()).toISOString();
    const modifiedCount = this.store.markRead(readerId, senderId, readAt);
    const result: ReadResult = {
      userId: readerId,
      conversationId: conversationIdOf(readerId, senderId),
      modifiedCount,
      readAt,
    };
    const receipt = this.profile.readReceipt(result);
    if (receipt.send) this.push(senderId, "messages_read", receipt.payload);
    return result;
  }

  history(me: string, otherId: string, limit: number, skip: number): MessageJson[] {
    return this.store
      .page(conversationIdOf(me, otherId), limit, skip)
      .map((row) => this.serializer.message(row));
  }

  unreadCount(me: string): number {
    return this.store.unreadCount(me);
  }

  /** Every conversation of `me` that has a message, newest last message first. */
  conversations(me: string): ConversationJson[] {
    const unread = this.store.unreadBySender(me);
    return this.store.lastMessages(me).map((last) => {
      const otherId = otherParty(last, me);
      return this.serializer.conversation(
        me,
        otherId,
        last.conversation_id,
        last,
        unread.get(otherId) ?? 0,
      );
    });
  }

  /**
   * Conversations whose other user's name or email contains `query`, or with a message whose
   * content does (case-insensitive). Care partners without messages yet match by name/email.
   */
  search(me: string, query: string): ConversationJson[] {
    const needle = query.toLowerCase();
    const byContent = this.store.conversationsMatching(me, query);
    const matchesUser = (userId: string) => {
      const user = this.access.user(userId);
      return (
        !!user &&
        (user.name.toLowerCase().includes(needle) ||
          (user.email ?? "").toLowerCase().includes(needle))
      );
    };
    const all = this.conversations(me);
    const found = all.filter(
      (c) => byContent.has(c.conversationId) || matchesUser(c.otherUser._id),
    );
    const listed = new Set(all.map((c) => c.otherUser._id));
    for (const otherId of this.access.relatedTo(me)) {
      if (listed.has(otherId) || !matchesUser(otherId)) continue;
      found.push(
        this.serializer.conversation(me, otherId, conversationIdOf(me, otherId), undefined, 0),
      );
    }
    return found;
  }
}

function otherParty(row: MessageRow, me: string): string {
  return row.sender === me ? row.receiver : row.sender;
}
