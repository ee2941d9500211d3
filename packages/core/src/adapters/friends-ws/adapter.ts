import type { AdapterContext, AdapterSession, ChatAdapter } from "../../adapter.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { rest, toWebSocketUrl } from "../../http/rest.js";
import type { Message } from "../../model.js";
import { FrameRouter } from "./frame-router.js";
import { KnownConversations } from "./known-conversations.js";
import { type Call, detail, history, MAX_PAGE, onlineFriends, unreadCount } from "./rest.js";
import { friendsSocket } from "./socket.js";
import { toMessage } from "./wire.js";

/**
 * friends-ws as documented (PROTOCOLS.md): history (skip/limit), typing, per-message read
 * receipts, delivery status, online friends and delete. There is no conversation list (only
 * a total unread count and the online friends), so `conversationList` is false; `conversations()`
 * still answers the conversations this session has seen (see
 * {@link KnownConversations.conversations}).
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
    createSession: (context) => friendsSession(context, options),
  };
}

/** Frames allowed in any second before typing frames are skipped (the server allows 20/s). */
const TYPING_BUDGET = 10;

function friendsSession(context: AdapterContext, options: FriendsWsOptions): AdapterSession {
  const base = options.basePath ?? "/api/v1/chat";
  const emit = (event: Parameters<AdapterContext["emit"]>[0]) => context.emit(event);
  const call: Call = (path, request) =>
    rest(context, `${base}${path}`, { errorMessage: detail, ...request });
  const known = new KnownConversations();
  let me: string | null = null;
  const { timers } = context;
  /** The presence poll's pending timer: an interval built from the session's timeouts. */
  let pollTimer: unknown;
  const stopPolling = () => timers.clearTimeout(pollTimer);
  const pollEvery = (ms: number) => {
    pollTimer = timers.setTimeout(() => {
      pollEvery(ms);
      void refreshPresence();
    }, ms);
  };
  let lastLocalTime = 0;
  const socket = friendsSocket({
    url: async () =>
      `${toWebSocketUrl(context.url)}${base}/ws/chat?token=${encodeURIComponent(await context.token())}`,
    WebSocket: context.WebSocket,
    timers,
    replyTimeoutMs: options.replyTimeoutMs ?? 10_000,
    greetingTimeoutMs: options.greetingTimeoutMs ?? 10_000,
    onMessage: (data) => router.receive(data),
    onLost: (error) => {
      stopPolling();
      emit({ type: "closed", error });
    },
  });
  const router = new FrameRouter({
    emit,
    me: () => me,
    known,
    replies: socket.replies,
    greeted: (userId) => {
      me = userId;
      // Emitted before open() resolves, so `ready` always precedes connect()'s resolution.
      if (socket.greeted()) emit({ type: "ready", userId });
    },
  });

  /** Online friends from REST; a failure is reported, or thrown when `strict`. */
  const refreshPresence = async (strict = false) => {
    try {
      router.onlineFriends(await onlineFriends(call));
    } catch (error) {
      if (strict) throw error;
      emit({
        type: "error",
        error: error instanceof ParleyError ? error : new ParleyError("network", String(error)),
      });
    }
  };

  /** Marks one message read over REST; one the server no longer has counts as read. */
  const markOne = (messageId: string) =>
    call(`/messages/${encodeURIComponent(messageId)}/read`, { method: "PUT" }).then(
      () => known.read(messageId),
      (error) => {
        if (!(error instanceof ParleyError && error.code === "not-found")) throw error;
        known.read(messageId);
      },
    );

  return {
    async connect() {
      stopPolling();
      await socket.open();
      const poll = options.presencePollMs ?? 0;
      if (poll > 0) pollEvery(poll);
    },

    disconnect() {
      stopPolling();
      socket.close();
    },

    async send(outgoing) {
      const receiver = outgoing.conversationId;
      const receipt = await socket.request({
        type: "send_message",
        receiver_id: receiver,
        content: outgoing.text,
      });
      // message_sent carries no timestamp: the reply's arrival is the closest local time.
      lastLocalTime = Math.max(timers.now(), lastLocalTime + 1);
      const message: Message = {
        clientId: outgoing.clientId,
        id: receipt.messageId,
        conversationId: receiver,
        senderId: me ?? "",
        text: outgoing.text,
        createdAt: new Date(lastLocalTime).toISOString(),
        status: receipt.status,
        extra: { receiver_id: receiver },
      };
      known.seen(message, me);
      return message;
    },

    /** Pages run newest first on the wire; the cursor is the next `skip`. */
    async history(friendId, cursor, limit) {
      const skip = cursor === null ? 0 : Number(cursor);
      if (!Number.isInteger(skip) || skip < 0)
        throw new ParleyError("invalid-input", `Bad history cursor: ${cursor}`);
      const { page, dropped } = await history(call, friendId, skip, limit);
      known.befriend(friendId); // the server lets only friends read a conversation
      if (dropped > 0)
        emit({
          type: "error",
          error: new ParleyError("protocol", `${dropped} malformed message(s) in history`),
        });
      const messages = page.messages.map((wire) => {
        known.account(wire.sender);
        known.account(wire.receiver);
        const message = toMessage(wire, friendId);
        known.seen(message, me);
        return message;
      });
      const read = messages.length + dropped;
      const next = skip + read;
      const more = Number.isFinite(page.total)
        ? next < page.total
        : read >= Math.min(limit, MAX_PAGE);
      return { messages: messages.reverse(), cursor: more && next > skip ? String(next) : null };
    },

    /**
     * The conversations seen in this session (friends online, friends with messages loaded),
     * with online state refreshed. Each has `extra.unreadTotal`, the server's unread count
     * across all friends: the protocol gives no count per friend.
     */
    async conversations() {
      const [, total] = await Promise.all([refreshPresence(true), unreadCount(call)]);
      return known
        .conversations(me)
        .map((c) => ({ ...c, extra: { ...c.extra, unreadTotal: total } }));
    },

    /** Marks each unread message of the friend's (up to `upTo`) read: per message, over REST. */
    async markRead(friendId, upTo) {
      const ids = known.unreadIds(friendId, upTo);
      if (upTo?.id && upTo.senderId !== me && upTo.status !== "read" && !ids.includes(upTo.id))
        ids.push(upTo.id);
      let failure: unknown = null;
      for (const messageId of ids) await markOne(messageId).catch((error) => (failure ??= error));
      if (failure) throw failure;
    },

    typing(friendId, typing) {
      // Only to known friends and within a budget: a refused typing frame would get an `error`
      // that could not be told apart from a send's, and the typing frame has no answer otherwise.
      if (socket.isReady && known.isFriend(friendId) && socket.recentFrames() < TYPING_BUDGET)
        socket.put({ type: "typing", receiver_id: friendId, is_typing: typing });
    },

    async delete(message) {
      if (message.id === undefined)
        throw new ParleyError("invalid-input", "Only a message the server has can be deleted");
      await call(`/messages/${encodeURIComponent(message.id)}`, { method: "DELETE" });
      known.deleted(message.id);
    },
  };
}
