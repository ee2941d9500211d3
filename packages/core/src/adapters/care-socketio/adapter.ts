import type { Socket } from "socket.io-client";
import type { AdapterContext, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import { type Capabilities, noCapabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import type { Conversation } from "../../model.js";
import { REPLY_WINDOW, ReplyQueue } from "../../transports/reply-queue.js";
import { connectSocketIo, type SocketIoTransport } from "../../transports/socketio.js";
import { routeFrames } from "./frame-router.js";
import { createPresence } from "./presence.js";
import { conversationList, history, markConversationRead } from "./rest.js";
import {
  peopleOf,
  type SendPayload,
  toConversation,
  toMessage,
  toSendPayload,
  type WireMessage,
} from "./wire.js";

/** care-socketio as PROTOCOLS.md lists it: everything but upload, edit/delete, groups. */
const documented: Capabilities = {
  ...noCapabilities,
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  presence: true,
  userStatus: true,
  attachments: "url",
  // Any care partner is reachable by id: sending to them starts the conversation.
  createConversation: true,
};

/** The statuses `set_status` accepts. */
export const USER_STATUSES = ["available", "busy", "away"] as const;

/** Options for {@link careSocketio}. */
export interface CareSocketioOptions {
  /** Socket.IO path. @default "/socket.io" */
  path?: string;
  /** Socket.IO transports; add "polling" where WebSockets are blocked. @default ["websocket"] */
  transports?: SocketIoTransport[];
  /** How long a send waits for `message_sent` or `error`. @default 10000 */
  replyTimeoutMs?: number;
  /** Handshake timeout. @default 20000 */
  connectTimeoutMs?: number;
  /** Our user id, when the token has no `sub` claim to read it from. */
  userId?: string;
}

/**
 * The care-socketio adapter: patient <-> doctor 1:1 chat over Socket.IO with a
 * `{success, data}` REST API. A conversation's id is the other user's id (see
 * {@link toConversation}); messages keep the seed's `a_b` key in `extra.conversationId`.
 */
export function careSocketio(options: CareSocketioOptions = {}): ChatAdapter {
  return {
    name: "care-socketio",
    capabilities: documented,
    createSession: (context) => careSession(context, options),
  };
}

function careSession(context: AdapterContext, options: CareSocketioOptions): AdapterSession {
  const emit = (event: Parameters<AdapterContext["emit"]>[0]) => context.emit(event);
  const queue = () =>
    new ReplyQueue<WireMessage, SendPayload>(context.timers, options.replyTimeoutMs ?? 10_000);
  let socket: Socket | null = null;
  let me = "";
  /**
   * The sends of the current socket still waiting for an answer. A send without an answer in
   * time fails alone ("timeout"): the outbox checks the history.
   */
  let sends = queue();
  /** Other users we know we may talk to (seen in a message, the list or a history). */
  const partners = new Set<string>();
  let status: string | null = null;
  const connected = () => socket?.connected === true;
  /** Emits on the socket when it is connected; answers whether it was. */
  /** Sends put on the wire just after another event of ours (see `routeFrames`). */
  const afterOther = new WeakSet<SendPayload>();
  let other = false;
  const tell = (event: string, payload: unknown) => {
    if (!connected()) return false;
    other = true;
    return !!socket?.emit(event, payload);
  };
  /** Failures nobody waits for (REST answers with malformed items, presence) are reported. */
  const report = (error: ParleyError) => emit({ type: "error", error });
  const presence = createPresence(context, connected, report);

  const conversations = async (): Promise<Conversation[]> => {
    const all = (await conversationList(context, report)).map((c) => toConversation(c, me));
    for (const c of all) partners.add(c.id);
    return all;
  };

  /** Lets `from` go, if it is the current socket, failing its sends; false when it was not. */
  const drop = (error: ParleyError, from = socket): boolean => {
    if (!from || socket !== from) return false;
    socket = null;
    from.removeAllListeners().disconnect();
    sends.failAll(error);
    return true;
  };

  const session: AdapterSession = {
    detectsDeadLinks: true, // Socket.IO pings and reports a dead link as a disconnect
    // Both profiles answer a socket's sends in order, `message_sent` to the sending socket only,
    // and each answer is checked against the oldest send's content (frame-router.ts).
    sendWindow: REPLY_WINDOW,
    async connect() {
      session.disconnect();
      // The socket's token: the one the client refreshes after a refused handshake.
      const token = () => context.token({ purpose: "socket" });
      const id = options.userId ?? tokenSubject(await token());
      if (!id) throw new ParleyError("unauthorized", "The token names no user: set `userId`");
      me = id;
      const mine = queue();
      sends = mine;
      other = false;
      await connectSocketIo(
        {
          url: context.url,
          path: options.path,
          transports: options.transports,
          timeout: options.connectTimeoutMs,
          token,
        },
        (s) => {
          socket = s;
          // `ready` goes out before any event of the new link is handled.
          s.once("connect", () => socket === s && emit({ type: "ready", userId: me }));
          routeFrames(s, {
            me: () => me,
            emit,
            sends: mine,
            afterOther: (payload) => afterOther.has(payload),
            partner: (userId) => partners.add(userId),
            pushed: presence.pushed,
            // The socket closed without our asking: report the lost link.
            lost: (error) => drop(error, s) && emit({ type: "closed", error }),
          });
        },
      ).catch((error: ParleyError) => {
        // The server refused the handshake without a status code (`data` is Socket.IO's
        // CONNECT_ERROR payload; a transport failure has none): the seed's handshake checks
        // the token alone, so the token it is.
        const cause = error.cause as Error | undefined;
        throw cause && "data" in cause ? new ParleyError("unauthorized", cause.message) : error;
      });
      if (status) tell("set_status", { status });
      void conversations().then(
        (all) => presence.refresh(all.map((c) => c.id)),
        (error: ParleyError) => {
          report(error);
          return presence.refresh([]);
        },
      );
    },

    disconnect() {
      drop(new ParleyError("network", "Disconnected"));
    },

    async send(outgoing) {
      const payload = toSendPayload(outgoing);
      if (!socket?.connected) throw new ParleyError("network", "Not connected");
      const answer = sends.expect(payload);
      if (other) afterOther.add(payload);
      other = false;
      socket.emit("send_message", payload);
      const stored = await answer;
      partners.add(outgoing.conversationId);
      return toMessage(stored, me);
    },

    async history(conversationId, cursor, limit) {
      const page = await history(context, conversationId, cursor, limit, report);
      partners.add(conversationId);
      emit({ type: "people", people: peopleOf(page.messages) });
      return { messages: page.messages.map((m) => toMessage(m, me)), cursor: page.next };
    },

    conversations,

    /** `mark_read {senderId}` for a known partner while connected; the REST route otherwise. */
    async markRead(conversationId) {
      if (!(partners.has(conversationId) && tell("mark_read", { senderId: conversationId })))
        await markConversationRead(context, conversationId);
    },

    /**
     * `typing_start` / `typing_stop`, only to known partners: a refused typing event would come
     * back as an `error` that cannot be told apart from the answer to a pending send.
     */
    typing(conversationId, typing) {
      if (partners.has(conversationId))
        tell(typing ? "typing_start" : "typing_stop", { receiverId: conversationId });
    },

    /** `set_status`; kept and sent again after a reconnect (the server forgets it on restart). */
    setStatus(value) {
      if (!(USER_STATUSES as readonly string[]).includes(value))
        return emit({
          type: "error",
          error: new ParleyError(
            "invalid-input",
            `Status must be one of ${USER_STATUSES.join(", ")}`,
          ),
        });
      status = value;
      tell("set_status", { status });
    },

    /** Starts tracking the other user's presence. */
    watch: presence.watch,
    unwatch: presence.unwatch,
  };
  return session;
}
