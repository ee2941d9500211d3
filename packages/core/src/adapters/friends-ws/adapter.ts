import type {
  AdapterContext,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "../../adapter.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { toWebSocketUrl } from "../../http/rest.js";
import type { Conversation, Message } from "../../model.js";
import { FriendsApi } from "./api.js";
import { FrameHandler } from "./frames.js";
import { Ledger } from "./ledger.js";
import { toMessage } from "./normalize.js";
import { ChatSocket } from "./socket.js";

/**
 * friends-ws as documented (PROTOCOLS.md): history (skip/limit), typing, per-message read
 * receipts, delivery status, online friends and delete. There is no conversation list (only
 * a total unread count and the online friends), so `conversationList` is false; `conversations()`
 * still answers the conversations this session has seen (see {@link Ledger.conversations}).
 */
const documented: Capabilities = {
  history: true,
  conversationList: false,
  typing: true,
  readReceipts: "message",
  deliveryStatus: true,
  presence: true,
  userStatus: false,
  attachments: false,
  edit: false,
  delete: true,
  replies: false,
  groups: false,
  // Any accepted friend can be written to by their account id.
  createConversation: true,
};

/** Options for {@link friendsWs}. */
export interface FriendsWsOptions {
  /** Path of the REST API and the socket. @default "/api/v1/chat" */
  basePath?: string;
  /** How long a send waits for its `message_sent` or `error` before the socket is dropped. @default 10000 */
  replyTimeoutMs?: number;
  /** How long to wait for `connection_established` once the socket is open. @default 10000 */
  greetingTimeoutMs?: number;
  /**
   * Polls `GET /friends/online` this often while connected, for servers without the
   * `friend_online` / `friend_offline` extension (presence then changes only on connect).
   * @default 0 (off)
   */
  presencePollMs?: number;
}

/**
 * The friends-ws adapter: 1:1 chat between accepted friends over one raw WebSocket per user
 * (`/api/v1/chat/ws/chat?token=`) plus REST. A conversation's id is the friend's account id;
 * `me` is the `user_id` of `connection_established`.
 */
export function friendsWs(options: FriendsWsOptions = {}): ChatAdapter {
  return {
    name: "friends-ws",
    capabilities: documented,
    createSession: (context) => new FriendsSession(context, options),
  };
}

/** Frames allowed in any second before typing frames are skipped (the server allows 20/s). */
const TYPING_BUDGET = 10;

class FriendsSession implements AdapterSession {
  private readonly socket: ChatSocket;
  private readonly api: FriendsApi;
  private readonly ledger = new Ledger();
  private readonly frames: FrameHandler;
  private me: string | null = null;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private lastLocalTime = 0;

  constructor(
    private readonly context: AdapterContext,
    private readonly options: FriendsWsOptions,
  ) {
    const base = options.basePath ?? "/api/v1/chat";
    this.api = new FriendsApi(context, base);
    this.socket = new ChatSocket({
      url: async () =>
        `${toWebSocketUrl(context.url)}${base}/ws/chat?token=${encodeURIComponent(await context.token())}`,
      WebSocket: context.WebSocket,
      replyTimeoutMs: options.replyTimeoutMs ?? 10_000,
      greetingTimeoutMs: options.greetingTimeoutMs ?? 10_000,
      onMessage: (data) => this.frames.handle(data),
      onLost: (error) => {
        clearInterval(this.pollTimer);
        context.emit({ type: "closed", error });
      },
    });
    this.frames = new FrameHandler({
      emit: (event) => context.emit(event),
      me: () => this.me,
      ledger: this.ledger,
      replies: this.socket.replies,
      greeted: (userId) => {
        this.me = userId;
        // Emitted before open() resolves, so `ready` always precedes connect()'s resolution.
        if (this.socket.greeted()) context.emit({ type: "ready", userId });
      },
    });
  }

  async connect(): Promise<void> {
    clearInterval(this.pollTimer);
    await this.socket.open();
    const poll = this.options.presencePollMs ?? 0;
    if (poll > 0) this.pollTimer = setInterval(() => void this.refreshPresence(), poll);
  }

  disconnect(): void {
    clearInterval(this.pollTimer);
    this.socket.close();
  }

  async send(outgoing: OutgoingMessage): Promise<Message | null> {
    const receipt = await this.socket.request({
      type: "send_message",
      receiver_id: outgoing.conversationId,
      content: outgoing.text,
    });
    // message_sent carries no timestamp: the reply's arrival is the closest local time.
    this.lastLocalTime = Math.max(Date.now(), this.lastLocalTime + 1);
    const message: Message = {
      clientId: outgoing.clientId,
      id: receipt.messageId,
      conversationId: outgoing.conversationId,
      senderId: this.me ?? "",
      text: outgoing.text,
      createdAt: new Date(this.lastLocalTime).toISOString(),
      status: receipt.status,
      extra: { receiver_id: outgoing.conversationId },
    };
    this.ledger.seen(message, this.me);
    return message;
  }

  /** Pages run newest first on the wire; the cursor is the next `skip`. */
  async history(friendId: string, cursor: string | null, limit: number): Promise<HistoryPage> {
    const skip = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(skip) || skip < 0)
      throw new ParleyError("invalid-input", `Bad history cursor: ${cursor}`);
    const { page, dropped } = await this.api.history(friendId, skip, limit);
    this.ledger.befriend(friendId); // the server lets only friends read a conversation
    if (dropped > 0) {
      this.context.emit({
        type: "error",
        error: new ParleyError("protocol", `${dropped} malformed message(s) in history`),
      });
    }
    const messages = page.messages.map((wire) => {
      this.ledger.account(wire.sender);
      this.ledger.account(wire.receiver);
      const message = toMessage(wire, friendId);
      this.ledger.seen(message, this.me);
      return message;
    });
    const next = skip + page.messages.length + dropped;
    const more = Number.isFinite(page.total)
      ? next < page.total
      : page.messages.length + dropped >= Math.min(limit, 100);
    return { messages: messages.reverse(), cursor: more && next > skip ? String(next) : null };
  }

  /**
   * The conversations seen in this session (friends online, friends with messages loaded),
   * with online state refreshed. Each has `extra.unreadTotal`, the server's unread count
   * across all friends: the protocol gives no count per friend.
   */
  async conversations(): Promise<Conversation[]> {
    const [, total] = await Promise.all([this.refreshPresence(true), this.api.unreadCount()]);
    return this.ledger
      .conversations(this.me)
      .map((c) => ({ ...c, extra: { ...c.extra, unreadTotal: total } }));
  }

  /** Marks each unread message of the friend's (up to `upTo`) read: per message, over REST. */
  async markRead(friendId: string, upTo?: Message): Promise<void> {
    const ids = this.ledger.unreadIds(friendId, upTo);
    if (upTo?.id && upTo.senderId !== this.me && upTo.status !== "read" && !ids.includes(upTo.id))
      ids.push(upTo.id);
    let failure: unknown = null;
    for (const messageId of ids) {
      try {
        await this.api.markRead(messageId);
        this.ledger.read(messageId);
      } catch (error) {
        if (error instanceof ParleyError && error.code === "not-found") this.ledger.read(messageId);
        else failure ??= error;
      }
    }
    if (failure) throw failure;
  }

  typing(friendId: string, typing: boolean): void {
    // Only to known friends and within a budget: a refused typing frame would get an `error`
    // that could not be told apart from a send's, and the typing frame has no answer otherwise.
    if (!this.socket.isReady || !this.ledger.isFriend(friendId)) return;
    if (this.socket.recentFrames() >= TYPING_BUDGET) return;
    try {
      this.socket.put({ type: "typing", receiver_id: friendId, is_typing: typing });
    } catch {
      // Typing is best effort.
    }
  }

  async delete(message: Message): Promise<void> {
    if (message.id === undefined)
      throw new ParleyError("invalid-input", "Only a message the server has can be deleted");
    await this.api.remove(message.id);
    this.ledger.deleted(message.id);
  }

  private async refreshPresence(strict = false): Promise<void> {
    try {
      this.frames.onlineFriends(await this.api.onlineFriends());
    } catch (error) {
      if (strict) throw error;
      const parley =
        error instanceof ParleyError ? error : new ParleyError("network", String(error));
      this.context.emit({ type: "error", error: parley });
    }
  }
}
