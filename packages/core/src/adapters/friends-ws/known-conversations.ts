import type { Conversation, Message } from "../../model.js";
import type { WireAccount } from "./wire.js";

const time = (m: Message) => Date.parse(m.createdAt) || 0;

/**
 * What one session has learned from the wire, for the parts of the protocol that name a
 * message without its conversation (`message_read`, `message_deleted`), for per-message
 * `markRead`, and for the partial conversation list. friends-ws has no conversation list: the
 * only conversations known are those of friends seen online and of messages seen.
 */
export class KnownConversations {
  #conversationOf = new Map<string, string>();
  /** Per friend: ids of their messages to me not yet read, with their creation time. */
  #unread = new Map<string, Map<string, number>>();
  #latest = new Map<string, Message>();
  #accounts = new Map<string, WireAccount>();
  /** Accounts the server has shown to be accepted friends. */
  #friends = new Set<string>();
  #online = new Set<string>();
  /** The latest creation time of a message pushed on the socket (ms), 0 before any. */
  #socketTime = 0;
  /** The last stand-in time given (ms). */
  #standIn = 0;

  /**
   * Records a message of the conversation with `friend`, as the wire last described it;
   * `pushed`: it came on the socket (see {@link socketTime}).
   */
  seen(message: Message, me: string | null, pushed = false): void {
    const { id, conversationId } = message;
    if (pushed) this.#socketTime = Math.max(this.#socketTime, time(message));
    this.#friends.add(conversationId);
    const latest = this.#latest.get(conversationId);
    if (!message.deleted && (!latest || time(message) >= time(latest)))
      this.#latest.set(conversationId, message);
    if (id === undefined) return;
    this.#conversationOf.set(id, conversationId);
    if (message.senderId === me) return;
    if (message.status === "read" || message.deleted) this.read(id);
    else {
      const unread = this.#unread.get(conversationId) ?? new Map<string, number>();
      this.#unread.set(conversationId, unread.set(id, time(message)));
    }
  }

  /**
   * The latest creation time of a message pushed on the socket, as ISO 8601; null before any.
   * The socket brings frames in the order the server stored their messages, so this is no later
   * than that of a message whose confirmation comes next, and no earlier than any before it.
   * (A REST read may show messages stored after that confirmation: its times do not count.)
   */
  socketTime(): string | null {
    return this.#socketTime > 0 ? new Date(this.#socketTime).toISOString() : null;
  }

  /**
   * A time for our own message, which `message_sent` gives none: the {@link socketTime} (else
   * `now`), and one millisecond past the last one given, so that sends confirmed together keep
   * their order wherever messages are sorted by time (the cache) until their stored times are
   * read back.
   */
  standIn(now: number): string {
    this.#standIn = Math.max(this.#socketTime || now, this.#standIn + 1);
    return new Date(this.#standIn).toISOString();
  }

  account(summary: WireAccount | undefined): void {
    if (summary) this.#accounts.set(summary.account_id, summary);
  }

  /** The friend a known message was exchanged with. */
  conversationOfMessage(messageId: string): string | undefined {
    return this.#conversationOf.get(messageId);
  }

  /** The server has shown `userId` to be an accepted friend. */
  befriend(userId: string): void {
    this.#friends.add(userId);
  }

  isFriend(userId: string): boolean {
    return this.#friends.has(userId);
  }

  /** A message of the friend's became read (by me, here or on another device). */
  read(messageId: string): void {
    this.#unread.get(this.#conversationOf.get(messageId) as string)?.delete(messageId);
  }

  deleted(messageId: string): void {
    this.read(messageId);
    const conversationId = this.#conversationOf.get(messageId) as string;
    if (this.#latest.get(conversationId)?.id === messageId) this.#latest.delete(conversationId);
  }

  unreadCount(conversationId: string): number {
    return this.#unread.get(conversationId)?.size ?? 0;
  }

  /** The friend's unread messages, oldest first, up to `upTo` (all without it). */
  unreadIds(conversationId: string, upTo?: Message): string[] {
    const limit = upTo ? time(upTo) : Number.POSITIVE_INFINITY;
    return [...(this.#unread.get(conversationId) ?? [])]
      .filter(([, t]) => t <= limit)
      .sort((a, b) => a[1] - b[1])
      .map(([messageId]) => messageId);
  }

  /**
   * Replaces the set of online friends; answers who came online and who went offline.
   * Everyone listed is an accepted friend (the server lists only those).
   */
  setOnline(ids: readonly string[]): { online: string[]; offline: string[] } {
    const before = this.#online;
    this.#online = new Set(ids);
    for (const id of ids) this.#friends.add(id);
    return {
      online: ids.filter((id) => !before.has(id)),
      offline: [...before].filter((id) => !this.#online.has(id)),
    };
  }

  /** One friend came online or went offline; false when that was already known. */
  setPresence(userId: string, online: boolean): boolean {
    this.#friends.add(userId);
    if (this.#online.has(userId) === online) return false;
    if (online) this.#online.add(userId);
    else this.#online.delete(userId);
    return true;
  }

  /**
   * The conversations this session knows of: friends seen online and friends with messages
   * seen. `unreadCount` counts their unread messages among those loaded; `lastMessage` is
   * the newest message seen. `extra.online` says whether the friend is online now.
   */
  conversations(me: string | null): Conversation[] {
    return [...this.#friends].map((id) => {
      const summary = this.#accounts.get(id);
      const name = summary?.full_name ? { name: summary.full_name } : {};
      const lastMessage = this.#latest.get(id);
      return {
        id,
        kind: "direct",
        ...(summary?.full_name ? { title: summary.full_name } : {}),
        participants: [
          { id, ...name, ...(summary?.avatar !== undefined ? { avatar: summary.avatar } : {}) },
          ...(me === null ? [] : [{ id: me }]),
        ],
        unreadCount: this.unreadCount(id),
        ...(lastMessage ? { lastMessage } : {}),
        extra: {
          online: this.#online.has(id),
          ...(summary?.username ? { username: summary.username } : {}),
        },
      };
    });
  }
}
