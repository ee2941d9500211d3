import type { AdapterContext, AdapterSession, ChatAdapter } from "../../adapter.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import { asString } from "../../transports/wire.js";
import { mediaPath, messageTypeOf, personId, toConversation, toMessage } from "./convert.js";
import { changeMessage, chats, history, toId, upload } from "./rest.js";
import { roomsSocket } from "./socket.js";
import type { ParticipantType, WireMessage } from "./wire.js";

/** rooms-ws as its seed documents it (PROTOCOLS.md). */
const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "message",
  deliveryStatus: false,
  presence: true,
  userStatus: false,
  attachments: "upload",
  edit: true,
  delete: true,
  replies: true,
  groups: true,
  // The seed creates chats over REST, but a session has no method to start a conversation.
  createConversation: false,
};

/** Options for {@link roomsWs}. */
export interface RoomsWsOptions {
  /**
   * Which side of the desk the account is on: staff and admins are `user`
   * (`/api/v1/chat/ws/chat/user`, `GET /chats`), customers `customer` (`.../customer`,
   * `GET /chats/customer`). @default "user"
   */
  participant?: ParticipantType;
  /** How long a frame may wait for its answer (echo, join, pong). @default 10000 */
  replyTimeoutMs?: number;
}

/**
 * The rooms-ws adapter: staff/customer chats with any number of participants over one raw
 * WebSocket, joined per chat with `join_chat`, plus a FastAPI-style REST API.
 *
 * Ids: message and chat ids become their decimal strings (`conversationId` is `chat_id`); a
 * person is `u:<id>` (staff) or `c:<id>` (customer), as deployed backends number the two apart.
 * Edits and deletes arrive live where the server sends `message_updated`/`message_deleted`
 * (an extension) and are applied from the REST answer where it does not; presence is the chats'
 * `user_joined`/`user_left` (and `is_online` of the chat list). What a deployed backend refuses
 * a customer (history, edit, delete, upload: 401) is reported as an absent capability.
 */
/** What a deployed backend keeps for staff: reported absent once it refuses a customer one. */
const staffRoutes = { history: false, edit: false, delete: false, attachments: false } as const;

export function roomsWs(options: RoomsWsOptions = {}): ChatAdapter {
  return {
    name: "rooms-ws",
    capabilities: documented,
    createSession: (context) => roomsSession(context, options),
  };
}

/** The server id of a message, or "invalid-input" for one not sent yet. */
const sentId = ({ id }: Message): string => {
  if (id === undefined) throw new ParleyError("invalid-input", "The message is not sent yet");
  return id;
};

/** How many chats of the list are joined to keep it live: well within the server's frame burst. */
const LIVE_LIST_CHATS = 20;

function roomsSession(context: AdapterContext, options: RoomsWsOptions): AdapterSession {
  const participant = options.participant ?? "user";
  const emit = context.emit.bind(context);
  /** Chats the client watches: joined again on every new link. */
  const watched = new Set<string>();
  /**
   * The most recently active chats of the list, joined too: rooms-ws delivers a chat's messages
   * only to joined sockets, and a list's unread counts and previews must stay live.
   */
  const listed = new Set<string>();
  /** Joins sent on the current link. */
  let joins = new Map<number, Promise<void>>();
  const socket = roomsSocket({
    context,
    participant,
    timeoutMs: options.replyTimeoutMs ?? 10_000,
    onClosed: (error) => {
      joins = new Map();
      emit({ type: "closed", error });
    },
  });

  /** A refusal is reported; "network" (not connected, link lost) is not: joined on the next connect. */
  const report = (error: ParleyError) => {
    if (error.code !== "network") emit({ type: "error", error });
  };

  /**
   * Sends `join_chat` once per link; resolves on the joiner's own `user_joined` or the pong of
   * the ping after it (deployed backends acknowledge nothing), never rejects.
   */
  const join = (conversationId: string): Promise<void> => {
    try {
      const chatId = toId(conversationId, "chat id");
      let joined = joins.get(chatId);
      if (!joined) {
        joined = socket.request({ type: "join_chat", chat_id: chatId }).then(
          () => {
            socket.members.add(chatId);
          },
          (error: ParleyError) => {
            if (joins.get(chatId) === joined) joins.delete(chatId);
            report(error);
          },
        );
        joins.set(chatId, joined);
      }
      return joined;
    } catch (error) {
      report(error as ParleyError);
      return Promise.resolve();
    }
  };

  /**
   * A customer refused with 401 on a REST route that a deployed backend keeps for staff: such a
   * backend keeps all four for staff (one guard), so all four are reported absent at once (and
   * history taken off the session), then the error goes on.
   */
  const staffOnly =
    (capability: "history" | "edit" | "delete" | "attachments") =>
    (error: ParleyError): never => {
      if (participant !== "customer" || error.status !== 401) throw error;
      emit({ type: "capabilities", capabilities: staffRoutes });
      if (capability !== "history") throw error;
      delete session.history;
      throw new ParleyError("unsupported", "rooms-ws: history is for staff only", { cause: error });
    };

  const session: AdapterSession = {
    async connect() {
      joins = new Map();
      const link = await socket.open();
      // Join the watched chats before `ready`, so the client's catch-up history comes after it.
      await Promise.all([...new Set([...watched, ...listed])].map(join));
      if (!socket.isCurrent(link)) throw new ParleyError("network", "Closed while joining chats");
      emit({ type: "ready", userId: socket.me as string });
    },

    disconnect() {
      joins = new Map();
      socket.close();
    },

    watch(conversationId) {
      watched.add(conversationId);
      return socket.isOpen ? join(conversationId) : undefined;
    },

    unwatch(conversationId) {
      watched.delete(conversationId);
      if (listed.has(conversationId)) return; // still joined for the list
      const chatId = Number(conversationId);
      if (joins.delete(chatId) && socket.isOpen)
        socket.request({ type: "leave_chat", chat_id: chatId }).catch(() => {});
    },

    async send(outgoing) {
      const chatId = toId(outgoing.conversationId, "chat id");
      // Deployed backends echo only to joined sockets: join first (once per link).
      await join(outgoing.conversationId);
      const attachments = outgoing.attachments ?? [];
      if (attachments.length > 1)
        throw new ParleyError("invalid-input", "Only one attachment per message");
      const attachment = attachments[0];
      const requested = outgoing.extra?.message_type;
      const replyTo = outgoing.replyTo ? toId(outgoing.replyTo, "reply id") : undefined;
      // Fields left undefined are not sent.
      const wire = await socket.request<WireMessage>({
        type: "send_message",
        chat_id: chatId,
        content: outgoing.text || undefined,
        message_type: attachment
          ? typeof requested === "string"
            ? requested
            : messageTypeOf(attachment)
          : "text",
        media_url: attachment && mediaPath(context.url, attachment.url),
        // The seed's name and the deployed backend's; each server reads its own.
        reply_to_id: replyTo,
        reply_to_message_id: replyTo,
      });
      return toMessage(context.url, wire);
    },

    /**
     * A 500 lowers no capability, however often it comes (a deployed backend fails a page once a
     * message on it has a read receipt): it depends on the page, not on who asks, so other chats
     * and other pages still read, and a page read later may work. The client records it per
     * conversation (`historyStatus`) and tries again. Only a refusal for the role is a capability.
     */
    async history(conversationId, cursor, limit) {
      const page = await history(context, conversationId, cursor, limit).catch(
        staffOnly("history"),
      );
      // The senders' names (`sender_name`, kept in `extra`) for the directory.
      const named = page.messages.map((m) => ({
        id: m.senderId,
        name: asString(m.extra?.sender_name),
      }));
      emit({ type: "people", people: named });
      return page;
    },

    /**
     * The chat list; it also tells who is online (`is_online`), reported as presence. The most
     * recent chats are joined so their messages arrive live; when that joined new ones, the list
     * is read again, as a message may have come between the first read and the join.
     */
    async conversations() {
      let list = await chats(context, participant);
      const recent = [...list].sort((a, b) =>
        (b.updated_at ?? "").localeCompare(a.updated_at ?? ""),
      );
      const fresh = recent
        .slice(0, LIVE_LIST_CHATS)
        .map((chat) => String(chat.id))
        .filter((id) => !listed.has(id) && !watched.has(id));
      for (const id of fresh) listed.add(id);
      if (fresh.length > 0 && socket.isOpen) {
        await Promise.all(fresh.map(join));
        list = await chats(context, participant);
      }
      const online = new Map<string, boolean>();
      for (const chat of list) {
        socket.members.add(chat.id);
        for (const p of chat.participants ?? []) {
          if (p.participant_type) socket.types.set(p.participant_id, p.participant_type);
          if (typeof p.is_online === "boolean")
            online.set(personId(p.participant_id, p.participant_type), p.is_online);
        }
      }
      for (const [userId, isOnline] of online)
        if (userId !== socket.me)
          emit({ type: "presence", userId, presence: { online: isOnline } });
      return list.map((chat) => toConversation(context.url, chat));
    },

    /**
     * `read_message` for the newest message from someone else (the server marks every earlier
     * one read too). Without `upTo`, the newest page tells which message that is.
     */
    async markRead(conversationId, upTo) {
      const chatId = toId(conversationId, "chat id");
      const target =
        upTo?.id !== undefined && upTo.senderId !== socket.me
          ? upTo
          : (await session.history?.(conversationId, null, 50))?.messages
              .filter((m) => m.senderId !== socket.me)
              .at(-1);
      if (target?.id !== undefined)
        socket.notify({
          type: "read_message",
          chat_id: chatId,
          message_id: toId(target.id, "message id"),
        });
    },

    typing(conversationId, typing) {
      const chatId = Number(conversationId);
      if (socket.isOpen && Number.isSafeInteger(chatId) && chatId > 0)
        socket.notify({ type: "typing", chat_id: chatId, is_typing: typing });
    },

    /** Any 2xx is success: the answer is the edited message, or (unreadable) the edit applied here. */
    edit: async (message, text) =>
      (await changeMessage(context, sentId(message), text).catch(staffOnly("edit"))) ?? {
        ...message,
        text,
        editedAt: new Date(context.timers.now()).toISOString(),
      },

    async delete(message) {
      await changeMessage(context, sentId(message)).catch(staffOnly("delete"));
    },

    upload: (file, name, onProgress) =>
      upload(context, file, name, onProgress).catch(staffOnly("attachments")),

    /** `ping`, answered by `pong`. */
    async ping() {
      await socket.request({ type: "ping" });
    },
  };
  return session;
}
