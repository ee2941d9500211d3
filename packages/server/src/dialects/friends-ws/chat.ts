import type { DialectContext } from "../../dialect.js";
import type { ErrorCode } from "./frames.js";
import type { FriendsConnection, Presence } from "./presence.js";
import { isoTime, type Serializer } from "./serialize.js";
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

/**
 * The friends-ws rules, shared by REST and the socket: friend-only messaging, the status
 * lifecycle, receiver-only read, sender-only soft delete, and who hears about each change.
 */
export class FriendsChat {
  constructor(
    private readonly ctx: DialectContext,
    private readonly store: MessageStore,
    private readonly presence: Presence,
    private readonly serializer: Serializer,
  ) {}

  private now(): string {
    return isoTime(this.ctx.now());
  }

  /** A known, active account other than nobody; 404 otherwise (inactive accounts are hidden). */
  private requireAccount(userId: string): void {
    const user = this.ctx.directory.user(userId);
    if (!user?.active) throw new ChatError(404, "User not found");
  }

  private requireFriend(userId: string, otherId: string, detail: string): void {
    this.requireAccount(otherId);
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
    this.requireFriend(senderId, receiverId, "Not friends with recipient");
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
   * Marks a message read (receiver only). On the change, both sides' sockets get
   * `message_read`; a repeat changes nothing and notifies nobody.
   */
  markRead(userId: string, messageId: string): { row: MessageRow; changed: boolean } {
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

  /** Soft-deletes a message (sender only) and tells both sides' sockets. */
  remove(userId: string, messageId: string): MessageRow {
    const found = this.requireMessage(messageId);
    if (found.sender_id !== userId) {
      throw new ChatError(403, "Only the sender can delete this message");
    }
    this.store.softDelete(messageId, this.now());
    const frame = { type: "message_deleted", message_id: messageId, deleted_by: userId } as const;
    this.presence.send(found.receiver_id, frame);
    this.presence.send(userId, frame);
    return this.store.get(messageId) as MessageRow;
  }

  /**
   * One page of the conversation with a friend, newest first. Fetching it is how a `sent`
   * message addressed to the caller becomes `delivered`; its sender hears `message_delivered`.
   */
  history(userId: string, friendId: string, skip: number, limit: number): HistoryPage {
    this.requireFriend(userId, friendId, "Not friends with this user");
    const rows = this.store.page(userId, friendId, skip, limit);
    const now = this.now();
    const updated = rows.map((row) => {
      if (row.receiver_id !== userId || row.status !== "sent") return row;
      if (!this.store.markDelivered(row.message_id, now)) return row;
      this.presence.send(row.sender_id, {
        type: "message_delivered",
        message_id: row.message_id,
        delivered_to: userId,
      });
      return this.store.get(row.message_id) as MessageRow;
    });
    return { rows: updated, total: this.store.count(userId, friendId) };
  }

  unreadCount(userId: string): number {
    return this.store.unreadCount(userId);
  }

  /** Accepted friends of `userId` with at least one live socket. */
  onlineFriends(userId: string): string[] {
    return this.ctx.directory.friendsOf(userId).filter((id) => this.presence.isOnline(id));
  }

  /** Relays a typing indicator to a friend's sockets. */
  typing(userId: string, receiverId: string, isTyping: boolean): void {
    this.requireFriend(userId, receiverId, "Not friends with recipient");
    this.presence.setTyping(userId, receiverId, isTyping);
    this.presence.send(receiverId, {
      type: "typing_indicator",
      user_id: userId,
      is_typing: isTyping,
    });
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
    if (first) {
      for (const friend of online)
        this.presence.send(friend, { type: "friend_online", user_id: userId });
    }
  }

  /** A socket closed: on the user's last, stop their typing and tell online friends. */
  disconnected(connection: FriendsConnection): void {
    const { userId } = connection.session;
    if (!this.presence.remove(connection)) return;
    for (const receiver of this.presence.clearTyping(userId)) {
      this.presence.send(receiver, { type: "typing_indicator", user_id: userId, is_typing: false });
    }
    for (const friend of this.onlineFriends(userId)) {
      this.presence.send(friend, { type: "friend_offline", user_id: userId });
    }
  }
}
