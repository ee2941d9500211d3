import type { DialectContext } from "../../dialect.js";
import { CloseCode } from "../../limits.js";
import type { Admission, WsConnection, WsRoute } from "../../realtime/ws-endpoint.js";
import type { ChannelsProfile } from "./profile.js";
import { isMember, normalizeRole, senderTypeIn } from "./roles.js";
import { inboundFrame, isUuid } from "./schemas.js";
import { messageJson } from "./serialize.js";
import type { ChannelsStore, ChatRow } from "./store.js";

interface Session {
  userId: string;
  /** Null when the chat does not exist: the socket is told so, then closed. */
  chat: ChatRow | null;
}

type Connection = WsConnection<Session>;

const ROUTE = /^\/ws\/chat\/([^/]+)\/?$/;

/**
 * `/ws/chat/{chat_id}/`: one socket per chat. Every message is stored, then sent to every
 * socket of the chat, the sender's own included (that echo is the sender's confirmation).
 */
export function channelsRoute(
  context: DialectContext,
  store: ChannelsStore,
  profile: ChannelsProfile,
): WsRoute<Session> {
  const rooms = new Map<string, Set<Connection>>();
  const fail = (connection: Connection, error: string) => connection.send({ error });

  return {
    match(pathname) {
      const match = ROUTE.exec(pathname);
      return match ? { chatId: decodeURIComponent(match[1] ?? "") } : null;
    },

    async admit({ params, token }): Promise<Admission<Session>> {
      let userId: string;
      try {
        userId = (await context.tokens.verify(token)).sub;
      } catch {
        return { ok: false, code: CloseCode.unauthorized, reason: "Authentication failed" };
      }
      const user = context.directory.user(userId);
      if (!user?.active) return { ok: false, code: CloseCode.forbidden, reason: "Unknown user" };
      const chatId = params.chatId ?? "";
      const chat = isUuid(chatId) ? (store.chat(chatId.toLowerCase()) ?? null) : null;
      if (chat && !isMember(chat, userId)) {
        return { ok: false, code: CloseCode.forbidden, reason: "No access to this chat" };
      }
      if (!chat && profile.refuseAtUpgrade) {
        return { ok: false, code: CloseCode.notFound, reason: "Chat not found" };
      }
      return { ok: true, session: { userId, chat } };
    },

    onOpen(connection) {
      const { chat } = connection.session;
      if (!chat) {
        // The seed lists "Chat not found" among the errors and says the connection then closes.
        fail(connection, "Chat not found");
        connection.close(CloseCode.notFound, "Chat not found");
        return;
      }
      let room = rooms.get(chat.id);
      if (!room) {
        room = new Set();
        rooms.set(chat.id, room);
      }
      room.add(connection);
    },

    onFrame(connection, frame) {
      const { chat, userId } = connection.session;
      if (!chat) return;
      const parsed = inboundFrame.safeParse(frame);
      if (!parsed.success) {
        const role = parsed.error.issues.some((i) => i.path[0] === "role");
        return fail(connection, role ? profile.invalidRole(frame_(frame).role) : "Invalid JSON");
      }
      const { content, role } = parsed.data;
      const notText = content != null && typeof content !== "string";
      const refusal = notText ? profile.contentNotText(content) : null;
      if (refusal) return fail(connection, refusal);
      if (typeof content !== "string" || content.trim() === "") {
        return fail(connection, "Message content cannot be empty");
      }
      if (content.length > context.limits.maxContentChars) {
        return fail(
          connection,
          `Message content is too long (max ${context.limits.maxContentChars} characters)`,
        );
      }
      const senderType = senderTypeIn(chat, userId, role && normalizeRole(role));
      if (!senderType) return fail(connection, profile.wrongRole(role ?? ""));
      const row = store.addMessage(chat.id, userId, senderType, content);
      const out = { message: messageJson(row, profile) };
      for (const member of rooms.get(chat.id) ?? []) member.send(out);
    },

    onInvalidJson: (connection) => fail(connection, "Invalid JSON"),
    onRateLimited: (connection) => fail(connection, "Too many messages, slow down"),
    onFault(connection, error) {
      context.log(`fault: ${(error as Error).message}`);
      fail(connection, "Internal server error");
    },

    onClose(connection) {
      const { chat } = connection.session;
      if (!chat) return;
      const room = rooms.get(chat.id);
      room?.delete(connection);
      if (room?.size === 0) rooms.delete(chat.id);
    },
  };
}

/** A frame the schema refused, read as a record for its `role`. */
function frame_(frame: unknown): Record<string, unknown> {
  return frame && typeof frame === "object" ? (frame as Record<string, unknown>) : {};
}
