import type { Socket } from "socket.io-client";
import type { AdapterContext, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { rest } from "../../http/rest.js";
import type { Conversation } from "../../model.js";
import { connectSocketIo, type SocketIoTransport } from "../../transports/socketio.js";
import { toConversation, toMessage, toSendPayload } from "./normalize.js";
import { PresenceTracker } from "./presence.js";
import { PendingSends } from "./sends.js";
import { SocketEvents } from "./socket-events.js";
import { parseConversation, parseList, parseMessage, unwrap } from "./wire.js";

/** care-socketio as PROTOCOLS.md lists it: everything but upload, edit/delete, groups. */
const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  deliveryStatus: false,
  presence: true,
  userStatus: true,
  attachments: "url",
  edit: false,
  delete: false,
  replies: false,
  groups: false,
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

const path = (userId: string) => `/chat/conversations/${encodeURIComponent(userId)}`;

function careSession(context: AdapterContext, options: CareSocketioOptions): AdapterSession {
  const emit = (event: Parameters<AdapterContext["emit"]>[0]) => context.emit(event);
  const replyTimeoutMs = options.replyTimeoutMs ?? 10_000;
  let socket: Socket | null = null;
  let me = "";
  let sends = new PendingSends(replyTimeoutMs);
  /** Other users we know we may talk to (seen in a message, the list or a history). */
  const partners = new Set<string>();
  let status: string | null = null;
  const connected = () => socket?.connected === true;
  const presence = new PresenceTracker(context, connected);
  const whoAmI = (token: string) => options.userId ?? tokenSubject(token);

  /** A list answer's well-formed entries; malformed ones are dropped and reported. */
  const list = <T>(body: unknown, parse: (item: unknown) => T | null, what: string) => {
    const parsed = parseList(unwrap(body), parse);
    if (!parsed) throw new ParleyError("protocol", `The ${what} is not a list`);
    if (parsed.dropped)
      emit({
        type: "error",
        error: new ParleyError(
          "protocol",
          `Dropped ${parsed.dropped} malformed entries of the ${what}`,
        ),
      });
    return parsed;
  };

  const conversations = async (): Promise<Conversation[]> => {
    const body = await rest(context, "/chat/conversations");
    const all = list(body, parseConversation, "conversation list").items.map((c) =>
      toConversation(c, me),
    );
    for (const c of all) partners.add(c.id);
    return all;
  };

  /** The socket closed without our asking: fail its sends and report the lost link. */
  const lost = (from: Socket, error: ParleyError) => {
    if (socket !== from) return;
    socket = null;
    from.removeAllListeners();
    sends.failAll(error);
    emit({ type: "closed", error });
  };

  const session: AdapterSession = {
    async connect() {
      session.disconnect();
      const first = whoAmI(await context.token());
      if (!first) throw new ParleyError("protocol", "The token names no user: set `userId`");
      me = first;
      const mine = new PendingSends(replyTimeoutMs);
      sends = mine;
      let current: Socket | undefined;
      await connectSocketIo(
        {
          url: context.url,
          path: options.path,
          transports: options.transports,
          timeout: options.connectTimeoutMs,
          token: async () => {
            const token = await context.token();
            // Known before the handshake, so events right after it normalize with the right id.
            me = whoAmI(token) ?? me;
            return token;
          },
        },
        (s) => {
          socket = current = s;
          // `ready` goes out before any event of the new link is handled.
          s.once("connect", () => {
            if (socket === s) emit({ type: "ready", userId: me });
          });
          new SocketEvents(s, {
            me: () => me,
            emit,
            sends: mine,
            partner: (id) => partners.add(id),
            presence,
            lost: (error) => lost(s, error),
          }).attach();
        },
      );
      if (!current || socket !== current)
        throw new ParleyError("network", "Superseded by a newer connect");
      if (status) current.emit("set_status", { status });
      void presence.refreshAll(conversations().then((all) => all.map((c) => c.id)));
    },

    disconnect() {
      const old = socket;
      socket = null;
      if (!old) return;
      old.removeAllListeners();
      old.disconnect();
      sends.failAll(new ParleyError("network", "Disconnected"));
    },

    async send(outgoing) {
      const payload = toSendPayload(outgoing);
      if (!socket?.connected) throw new ParleyError("network", "Not connected");
      const answer = sends.add(payload);
      socket.emit("send_message", payload);
      const stored = await answer;
      partners.add(outgoing.conversationId);
      return toMessage(stored, me);
    },

    async history(conversationId, cursor, limit) {
      const skip = cursor === null ? 0 : Math.max(0, Number(cursor) || 0);
      const size = Math.min(100, Math.max(1, Math.floor(limit) || 50));
      const body = await rest(context, path(conversationId), { query: { limit: size, skip } });
      const { items, dropped } = list(body, parseMessage, "history");
      partners.add(conversationId);
      return {
        messages: items.map((m) => toMessage(m, me)),
        cursor: items.length + dropped >= size ? String(skip + size) : null,
      };
    },

    conversations,

    /** `mark_read {senderId}` for a known partner while connected; the REST route otherwise. */
    async markRead(conversationId) {
      if (connected() && partners.has(conversationId))
        socket?.emit("mark_read", { senderId: conversationId });
      else await rest(context, `${path(conversationId)}/read`, { method: "PUT" });
    },

    /**
     * `typing_start` / `typing_stop`, only to known partners: a refused typing event would come
     * back as an `error` that cannot be told apart from the answer to a pending send.
     */
    typing(conversationId, typing) {
      if (connected() && partners.has(conversationId))
        socket?.emit(typing ? "typing_start" : "typing_stop", { receiverId: conversationId });
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
      if (connected()) socket?.emit("set_status", { status });
    },

    /** Starts tracking the other user's presence. */
    watch: (conversationId) => presence.watch(conversationId),
    unwatch: (conversationId) => presence.unwatch(conversationId),
  };
  return session;
}
