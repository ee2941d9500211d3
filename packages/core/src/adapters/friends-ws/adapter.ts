import type { AdapterContext, AdapterSession, ChatAdapter } from "../../adapter.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { rest, toWebSocketUrl } from "../../http/rest.js";
import type { Message } from "../../model.js";
import { REPLY_WINDOW } from "../../transports/reply-queue.js";
import { FrameRouter } from "./frame-router.js";
import { KnownConversations } from "./known-conversations.js";
import { type Call, detail, history, MAX_PAGE, onlineFriends, unreadCount } from "./rest.js";
import { SendTimes } from "./send-times.js";
import { friendsSocket } from "./socket.js";
import { peopleOf, pythonStrip, toMessage } from "./wire.js";

/**
 * friends-ws as documented (PROTOCOLS.md): history (skip/limit), typing, per-message read
 * receipts, online friends and delete. There is no conversation list (only a total unread
 * count and the online friends), so `conversationList` is false; `conversations()` still
 * answers the conversations this session has seen (see {@link KnownConversations.conversations}).
 * Delivery status is in the seed, but the deployed backend never tells a sender of delivery:
 * it is reported (a `capabilities` event) once the server has shown a delivery.
 */
const documented: Capabilities = {
  history: true,
  conversationList: false,
  typing: true,
  readReceipts: "message",
  deliveryStatus: false,
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
  /**
   * How long a send waits for its `message_sent` or `error`; then it fails with a `timeout` (the
   * outbox checks history before sending it again) and the socket is dropped. @default 10000
   */
  replyTimeoutMs?: number;
  /** How long to wait for `connection_established` once the socket is open. @default 10000 */
  greetingTimeoutMs?: number;
  /**
   * Polls `GET /friends/online` this often while connected, until the server shows it pushes
   * presence changes (`friend_online` / `friend_offline`, an extension the deployed backend
   * lacks: there presence changes only on connect). 0 turns it off. @default 30000
   */
  presencePollMs?: number;
  /**
   * Longest text sent (after trimming, in characters); longer is refused before sending with
   * `payload-too-large`. @default 1000 (what the deployed backend takes)
   */
  maxTextLength?: number;
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

/**
 * Typing and mark_read frames allowed in any second (the reference server allows 20/s); past
 * it, typing is skipped and receipts go over REST.
 */
const FRAME_BUDGET = 10;

function friendsSession(context: AdapterContext, options: FriendsWsOptions): AdapterSession {
  const base = options.basePath ?? "/api/v1/chat";
  const emit = (event: Parameters<AdapterContext["emit"]>[0]) => context.emit(event);
  const call: Call = (path, request) =>
    rest(context, `${base}${path}`, { errorMessage: detail, ...request });
  const known = new KnownConversations();
  let me: string | null = null;
  const { timers } = context;
  let pollTimer: unknown; // the presence poll's, an interval built from the session's timeouts
  const stopPolling = () => timers.clearTimeout(pollTimer);
  /** What the server has shown it pushes (see `FrameRouterOptions.pushes`). */
  const pushed = new Set<string>();
  const pollEvery = (ms: number) => {
    pollTimer = timers.setTimeout(() => {
      pollEvery(ms);
      void refreshPresence();
    }, ms);
  };
  const socketToken = () => context.token({ purpose: "socket" });
  const socket = friendsSocket({
    url: async () =>
      `${toWebSocketUrl(context.url)}${base}/ws/chat?token=${encodeURIComponent(await socketToken())}`,
    // The deployed backend refuses a bad token with HTTP 403 at the upgrade, which a socket
    // sees as a bare 1006: a cheap REST call with the socket's token (not refreshed: the client
    // refreshes it once itself) tells a refusal from the network.
    checkRefusal: () =>
      rest({ ...context, token: socketToken }, `${base}/messages/unread-count`).then(
        () => null,
        (error) =>
          error.status === 401 || error.status === 403
            ? new ParleyError("unauthorized", error.message)
            : null,
      ),
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
    pushes(what) {
      if (pushed.has(what)) return;
      pushed.add(what);
      if (what === "presence") stopPolling();
      else emit({ type: "capabilities", capabilities: { deliveryStatus: true } });
    },
  });

  // Our sends' times, read back with the messages seen before (one still coming arrives as new).
  const sendTimes = new SendTimes(
    async (friendId, limit) =>
      (await history(call, friendId, 0, limit)).page.messages
        .reverse()
        .filter((wire) => known.conversationOfMessage(wire.message_id) !== undefined)
        .map((wire) => {
          const message = toMessage(wire, friendId);
          known.seen(message, me);
          return message;
        }),
    (conversationId, messages) => emit({ type: "read-back", conversationId, messages }),
    timers,
  );

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
    sendWindow: REPLY_WINDOW, // answers matched in order (socket.ts, frame-router.ts)
    async connect() {
      stopPolling();
      await socket.open();
      const poll = options.presencePollMs ?? 30_000;
      if (poll > 0 && !pushed.has("presence")) pollEvery(poll);
    },

    disconnect() {
      stopPolling();
      sendTimes.clear();
      socket.close();
    },

    async send(outgoing) {
      const receiver = outgoing.conversationId;
      const max = options.maxTextLength ?? 1000;
      // As the server counts; a blank text would get no answer (see `socket.request`).
      const length = pythonStrip(outgoing.text).length;
      if (length === 0) throw new ParleyError("invalid-input", "Message text is empty");
      if (length > max)
        throw new ParleyError("payload-too-large", `Message text is longer than ${max} characters`);
      const receipt = await socket.request({
        type: "send_message",
        receiver_id: receiver,
        content: outgoing.text,
      });
      // message_sent has no time and our clock is not the server's. Until the stored copy is
      // read back (sendTimes), the latest time pushed on the socket stands in (see socketTime).
      const createdAt = known.standIn(timers.now());
      const message: Message = {
        clientId: outgoing.clientId,
        id: receipt.messageId,
        conversationId: receiver,
        senderId: me ?? "",
        text: outgoing.text,
        createdAt,
        status: receipt.status,
        extra: { receiver_id: receiver },
      };
      known.seen(message, me);
      sendTimes.confirmed(receiver, receipt.messageId);
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
      emit({ type: "people", people: peopleOf(page.messages) });
      const messages = page.messages.map((wire) => {
        for (const summary of [wire.sender, wire.receiver]) known.account(summary);
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

    /**
     * Marks each unread message of the friend's (up to `upTo`, which is marked even when history
     * already said read) read, per message: with the socket's `mark_read`, which tells the
     * sender on every server (the deployed backend's REST read tells nobody); over REST when
     * the socket is down or its frame budget spent.
     */
    async markRead(friendId, upTo) {
      const ids = known.unreadIds(friendId, upTo);
      if (upTo?.id && upTo.senderId !== me && !ids.includes(upTo.id)) ids.push(upTo.id);
      let failure: unknown = null;
      for (const messageId of ids) {
        if (socket.isReady && socket.recentFrames() < FRAME_BUDGET) {
          socket.put({ type: "mark_read", message_id: messageId });
          known.read(messageId);
        } else await markOne(messageId).catch((error) => (failure ??= error));
      }
      if (failure) throw failure;
    },

    typing(friendId, typing) {
      // Only to known friends and within a budget: a refused typing frame would get an `error`
      // that could not be told apart from a send's, and the typing frame has no answer otherwise.
      if (socket.isReady && known.isFriend(friendId) && socket.recentFrames() < FRAME_BUDGET)
        socket.put({ type: "typing", receiver_id: friendId, is_typing: typing });
    },

    /** A 204 without a body (the deployed backend) is success as much as the seed's 200. */
    async delete(message) {
      if (message.id === undefined)
        throw new ParleyError("invalid-input", "Only a message the server has can be deleted");
      await call(`/messages/${encodeURIComponent(message.id)}`, { method: "DELETE" });
      known.deleted(message.id);
    },
  };
}
