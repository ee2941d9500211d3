import type { DialectContext } from "../../dialect.js";
import type { ErrorCode, OutFrame } from "./frames.js";
import type { FriendsConnection, Presence } from "./presence.js";
import type { FriendsProfile } from "./profile.js";
import type { Serializer } from "./serialize.js";
import type { MessageRow, MessageStore } from "./store.js";

/** A refused operation; REST answers it as `{"detail": message}`, the socket as an error frame. */
export class ChatError extends Error {
  override readonly name = "ChatError";
  constructor(
    readonly status: Extract<ErrorCode, 403 | 404>,
    message: string,
  ) {
    super(message);
  }
}

/** A page of history, before serialization. */
export interface HistoryPage {
  rows: MessageRow[];
  total: number;
}

/** Refusal texts: the seed profile's, and the deployed backend's (`services/message_service.py`). */
const TEXTS = {
  seed: {
    receiverUnknown: "User not found",
    notFriendSend: "Not friends with recipient",
    notFriendHistory: "Not friends with this user",
    deleteRefused: "Only the sender can delete this message",
  },
  field: {
    receiverUnknown: "Receiver not found",
    notFriendSend: "You can only send messages to your friends",
    notFriendHistory: "You can only view chat history with your friends",
    deleteRefused: "Message not found or you don't have permission to delete it",
  },
} as const;

/**
 * The friends-ws rules, shared by REST and the socket: friend-only messaging, the status
 * lifecycle, receiver-only read, sender-only soft delete, and who hears about each change.
 * Under the field profile (see {@link FriendsProfile}) it keeps the deployed backend's ways:
 * its refusal texts, silent history reads, repeated reads, unchecked deletes, and nobody told of
 * a REST read or a delete.
 */
export class FriendsChat {
  private readonly texts;

  constructor(
    private readonly ctx: DialectContext,
    private readonly store: MessageStore,
    private readonly presence: Presence,
    private readonly serializer: Serializer,
    private readonly profile: FriendsProfile,
  ) {
    this.texts = TEXTS[profile.name];
  }

  private get field(): boolean {
    return this.profile.name === "field";
  }

  private now(): string {
    return this.profile.time(this.ctx.now());
  }

  /** A known, active account; 404 otherwise (inactive accounts are hidden). */
  private requireAccount(userId: string): void {
    const user = this.ctx.directory.user(userId);
    if (!user?.active) throw new ChatError(404, this.texts.receiverUnknown);
  }

  private requireFriend(userId: string, otherId: string, detail: string): void {
    // Pending friendships and oneself never count.
    if (!this.ctx.directory.areFriends(userId, otherId)) throw new ChatError(403, detail);
  }

  /** A message that exists and is not soft-deleted. */
  private requireMessage(messageId: string): MessageRow {
    const row = this.store.get(messageId);
    if (!row || row.is_deleted === 1) throw new ChatError(404, "Message not found");
    return row;
  }

  /**
   * Stores a message and pushes `new_message` to the receiver's sockets. It is `delivered`
   * at once when the receiver has a live socket, otherwise `sent`.
   */
  send(senderId: string, receiverId: string, content: string): MessageRow {
    this.requireAccount(receiverId);
    this.requireFriend(senderId, receiverId, this.texts.notFriendSend);
    const online = this.presence.isOnline(receiverId);
    const row = this.store.insert({
      message_id: crypto.randomUUID(),
      sender_id: senderId,
      receiver_id: receiverId,
      content,
      status: online ? "delivered" : "sent",
      now: this.now(),
    });
    if (online) {
      this.presence.send(receiverId, { type: "new_message", message: this.serializer.live(row) });
    }
    return row;
  }

  /**
   * Marks a message read (receiver only). Seed: on the change, both sides' sockets get
   * `message_read`; a repeat changes nothing and notifies nobody. Field: a deleted message can
   * be read too, a repeat reads it again (new `read_at`), a refusal is always 404, and only a
   * read over the socket tells anyone: the sender, every time.
   */
  markRead(
    userId: string,
    messageId: string,
    via: "socket" | "rest",
  ): { row: MessageRow; changed: boolean } {
    if (this.field) {
      const found = this.store.get(messageId);
      if (found?.receiver_id !== userId) throw new ChatError(404, "Message not found");
      this.store.reread(messageId, this.now());
      if (via === "socket" || this.profile.restReadNotifies)
        this.presence.send(found.sender_id, {
          type: "message_read",
          message_id: messageId,
          read_by: userId,
        });
      return { row: this.store.get(messageId) as MessageRow, changed: true };
    }
    const found = this.requireMessage(messageId);
    if (found.receiver_id !== userId) {
      throw new ChatError(403, "Only the receiver can mark a message as read");
    }
    const changed = this.store.markRead(messageId, this.now());
    const row = this.store.get(messageId) as MessageRow;
    if (changed) {
      const frame = { type: "message_read", message_id: messageId, read_by: userId } as const;
      this.presence.send(row.sender_id, frame);
      this.presence.send(userId, frame);
    }
    return { row, changed };
  }

  /**
   * Soft-deletes a message (sender only). Seed: both sides' sockets hear it. Field: nobody does,
   * and a deleted message can be deleted again.
   */
  remove(userId: string, messageId: string): void {
    const found = this.field ? this.store.get(messageId) : this.requireMessage(messageId);
    if (found?.sender_id !== userId) {
      throw new ChatError(this.field ? 404 : 403, this.texts.deleteRefused);
    }
    this.store.softDelete(messageId, this.now());
    if (this.profile.silentDelete) return;
    const frame = { type: "message_deleted", message_id: messageId, deleted_by: userId } as const;
    this.presence.send(found.receiver_id, frame);
    this.presence.send(userId, frame);
  }

  /**
   * One page of the conversation with a friend, newest first. Seed: fetching it is how a `sent`
   * message addressed to the caller becomes `delivered`; its sender hears `message_delivered`.
   * Field: every message to the caller on the page becomes `read`, and nobody hears of it.
   */
  history(userId: string, friendId: string, skip: number, limit: number): HistoryPage {
    // Field: upstream looks the friendship up only, so an unknown friend is a 403 too.
    if (!this.field) this.requireAccount(friendId);
    this.requireFriend(userId, friendId, this.texts.notFriendHistory);
    const rows = this.store.page(userId, friendId, skip, limit);
    const now = this.now();
    const updated = rows.map((row) => {
      if (row.receiver_id !== userId) return row;
      if (this.profile.historyMarksRead) {
        if (row.status === "read" || !this.store.markRead(row.message_id, now)) return row;
      } else {
        if (row.status !== "sent" || !this.store.markDelivered(row.message_id, now)) return row;
        this.presence.send(row.sender_id, {
          type: "message_delivered",
          message_id: row.message_id,
          delivered_to: userId,
        });
      }
      return this.store.get(row.message_id) as MessageRow;
    });
    return { rows: updated, total: this.store.count(userId, friendId) };
  }

  /** Field: a frame to the user's current socket, as upstream's `send_personal_message`. */
  reply(userId: string, frame: OutFrame): void {
    this.presence.send(userId, frame);
  }

  unreadCount(userId: string): number {
    return this.store.unreadCount(userId);
  }

  /**
   * Accepted friends of `userId` with a live socket. Field: none while `userId` has no socket
   * itself (upstream keeps a user's friend list only while they are connected).
   */
  onlineFriends(userId: string): string[] {
    if (this.field && !this.presence.isOnline(userId)) return [];
    return this.ctx.directory.friendsOf(userId).filter((id) => this.presence.isOnline(id));
  }

  /** Relays a typing indicator to a friend's sockets. */
  typing(userId: string, receiverId: string, isTyping: unknown): void {
    if (!this.field) {
      this.requireAccount(receiverId);
      this.requireFriend(userId, receiverId, this.texts.notFriendSend);
    } else if (!this.onlineFriendsKnown(userId, receiverId)) {
      return; // upstream drops it silently
    }
    if (typeof isTyping === "boolean") this.presence.setTyping(userId, receiverId, isTyping);
    this.presence.send(receiverId, {
      type: "typing_indicator",
      user_id: userId,
      is_typing: isTyping,
    });
  }

  /** Field: the typist is registered (has a friend list) and `friendId` is on that list. */
  private onlineFriendsKnown(userId: string, friendId: string): boolean {
    return this.presence.isOnline(userId) && this.ctx.directory.areFriends(userId, friendId);
  }

  /** A socket opened: greet it, then tell online friends when this is the user's first. */
  connected(connection: FriendsConnection): void {
    const { userId } = connection.session;
    const first = this.presence.add(connection);
    connection.send({
      type: "connection_established",
      user_id: userId,
      message: "Connected to chat server",
    });
    const online = this.onlineFriends(userId);
    connection.send({ type: "online_friends", friends: online });
    if (first && this.profile.presenceFrames) {
      for (const friend of online)
        this.presence.send(friend, { type: "friend_online", user_id: userId });
    }
  }

  /**
   * A socket closed: on the user's last, stop their typing and tell online friends. Field:
   * neither (a typist who leaves stays shown typing until the receiver's client expires it).
   */
  disconnected(connection: FriendsConnection): void {
    const { userId } = connection.session;
    if (!this.presence.remove(connection) || !this.profile.presenceFrames) return;
    for (const receiver of this.presence.clearTyping(userId)) {
      this.presence.send(receiver, { type: "typing_indicator", user_id: userId, is_typing: false });
    }
    for (const friend of this.onlineFriends(userId)) {
      this.presence.send(friend, { type: "friend_offline", user_id: userId });
    }
  }
}
