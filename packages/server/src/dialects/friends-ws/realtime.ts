import type { DialectContext } from "../../dialect.js";
import { CloseCode } from "../../limits.js";
import type { WsRoute } from "../../realtime/ws-endpoint.js";
import { identify } from "./auth.js";
import { ChatError, type FriendsChat } from "./chat.js";
import type { ErrorCode } from "./frames.js";
import type { FriendsConnection, Session } from "./presence.js";
import type { FriendsProfile } from "./profile.js";
import type { FrameType, Schemas } from "./schemas.js";
import { canonicalUuid } from "./uuid.js";

/** The documented socket path (a trailing slash is tolerated). */
export const SOCKET_PATH = /^\/api\/v1\/chat\/ws\/chat\/?$/;

function isFrameType(type: string, schemas: Schemas): type is FrameType {
  return Object.hasOwn(schemas.frames, type);
}

/**
 * The chat socket: admission (4401 bad token, 4403 unknown or inactive user), then the three
 * documented inbound frames. Every refused frame gets one `error` frame (Extension) on the same
 * socket, so each `send_message` is answered by exactly one `message_sent` or `error`, in order.
 * The field profile answers as the deployed backend's `endpoints/chat.py` does instead (see
 * {@link handleField}).
 */
export function buildChatRoute(deps: {
  ctx: DialectContext;
  chat: FriendsChat;
  schemas: Schemas;
  profile: FriendsProfile;
}): WsRoute<Session> {
  const { ctx, chat, schemas, profile } = deps;
  const field = profile.codelessErrors;

  /** An error frame: with the REST-like code (seed), or only a message (field). */
  function fail(connection: FriendsConnection, code: ErrorCode, message: string): void {
    connection.send(field ? { type: "error", message } : { type: "error", code, message });
  }

  function handle(connection: FriendsConnection, frame: unknown): void {
    const me = connection.session.userId;
    const envelope = schemas.envelope.safeParse(frame);
    if (!envelope.success) {
      fail(connection, 400, "Message must be a JSON object with a string 'type'");
      return;
    }
    const { type } = envelope.data;
    if (!isFrameType(type, schemas)) {
      fail(connection, 400, `Unknown message type: ${type.slice(0, 64)}`);
      return;
    }
    const parsed = schemas.frames[type].safeParse(frame);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.map(String).join(".") || "message";
      fail(connection, 422, `Invalid ${type}: ${where}: ${issue?.message ?? "invalid"}`);
      return;
    }
    const data = parsed.data;
    if (data.type === "send_message") {
      const row = chat.send(me, data.receiver_id, data.content);
      connection.send({ type: "message_sent", message_id: row.message_id, status: row.status });
    } else if (data.type === "mark_read") {
      const { row, changed } = chat.markRead(me, data.message_id, "socket");
      // A repeat notifies nobody, but the asking socket still gets its acknowledgement.
      if (!changed)
        connection.send({ type: "message_read", message_id: row.message_id, read_by: me });
    } else {
      chat.typing(me, data.receiver_id, data.is_typing);
    }
  }

  /**
   * Field: as `websocket_chat_endpoint` and its handlers. A frame that is not an object earns
   * "Internal server error"; an unknown or missing `type`, nothing. `send_message` strips the
   * text and ignores it when blank; any other refusal (receiver not a UUID, unknown, not a
   * friend, text over 1000) is `{"type": "error", "message": "Failed to send message"}`. Its
   * `message_sent` (always `sent`) and that error go to the user's current socket, not
   * necessarily this one. `mark_read` and `typing` refusals are silent.
   */
  function handleField(connection: FriendsConnection, frame: unknown): void {
    const me = connection.session.userId;
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
      connection.send({ type: "error", message: "Internal server error" });
      return;
    }
    const data = frame as Record<string, unknown>;
    if (data.type === "send_message") {
      try {
        const receiver = canonicalUuid(data.receiver_id);
        const raw = data.content === undefined ? "" : data.content;
        if (receiver === null || typeof raw !== "string") throw new ChatError(404, "bad frame");
        const content = raw.trim();
        if (content === "") return;
        if (content.length > (profile.maxContentChars ?? Number.POSITIVE_INFINITY))
          throw new ChatError(404, "too long");
        const row = chat.send(me, receiver, content);
        chat.reply(me, { type: "message_sent", message_id: row.message_id, status: "sent" });
      } catch (error) {
        if (!(error instanceof ChatError)) throw error;
        chat.reply(me, { type: "error", message: "Failed to send message" });
      }
    } else if (data.type === "mark_read" || data.type === "typing") {
      const id = canonicalUuid(data.type === "typing" ? data.receiver_id : data.message_id);
      try {
        if (id === null) return;
        if (data.type === "mark_read") chat.markRead(me, id, "socket");
        else chat.typing(me, id, "is_typing" in data ? data.is_typing : false);
      } catch (error) {
        if (!(error instanceof ChatError)) throw error;
      }
    }
  }

  return {
    match: (pathname) => (SOCKET_PATH.test(pathname) ? {} : null),
    async admit(request) {
      const identity = await identify(ctx, profile, request.token, "socket");
      if (identity.ok) return { ok: true, session: { userId: identity.userId } };
      const code =
        identity.refusal === "unauthorized" ? CloseCode.unauthorized : CloseCode.forbidden;
      return { ok: false, code, reason: identity.detail };
    },
    onOpen: (connection) => chat.connected(connection),
    onFrame(connection, frame) {
      if (field) {
        handleField(connection, frame);
        return;
      }
      try {
        handle(connection, frame);
      } catch (error) {
        if (!(error instanceof ChatError)) throw error;
        fail(connection, error.status, error.message);
      }
    },
    onInvalidJson: (connection) =>
      fail(connection, 400, field ? "Invalid JSON format" : "Invalid JSON"),
    onRateLimited: (connection) => fail(connection, 429, "Rate limit exceeded"),
    onFault(connection, error) {
      ctx.log(`socket fault: ${(error as Error)?.message ?? String(error)}`);
      fail(connection, 500, "Internal server error");
    },
    onClose: (connection) => chat.disconnected(connection),
  };
}
