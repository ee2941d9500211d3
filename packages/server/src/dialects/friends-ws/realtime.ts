import type { DialectContext } from "../../dialect.js";
import { CloseCode } from "../../limits.js";
import type { WsRoute } from "../../realtime/ws-endpoint.js";
import { identify } from "./auth.js";
import { ChatError, type FriendsChat } from "./chat.js";
import type { ErrorCode } from "./frames.js";
import type { FriendsConnection, Session } from "./presence.js";
import type { FrameType, Schemas } from "./schemas.js";

/** The documented socket path (a trailing slash is tolerated). */
const PATH = /^\/api\/v1\/chat\/ws\/chat\/?$/;

function fail(connection: FriendsConnection, code: ErrorCode, message: string): void {
  connection.send({ type: "error", code, message });
}

function isFrameType(type: string, schemas: Schemas): type is FrameType {
  return Object.hasOwn(schemas.frames, type);
}

/**
 * The chat socket: admission (4401 bad token, 4403 unknown or inactive user), then the three
 * documented inbound frames. Every refused frame gets one `error` frame (Extension) on the same
 * socket, so each `send_message` is answered by exactly one `message_sent` or `error`, in order.
 */
export function buildChatRoute(deps: {
  ctx: DialectContext;
  chat: FriendsChat;
  schemas: Schemas;
}): WsRoute<Session> {
  const { ctx, chat, schemas } = deps;

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
      const { row, changed } = chat.markRead(me, data.message_id);
      // A repeat notifies nobody, but the asking socket still gets its acknowledgement.
      if (!changed)
        connection.send({ type: "message_read", message_id: row.message_id, read_by: me });
    } else {
      chat.typing(me, data.receiver_id, data.is_typing);
    }
  }

  return {
    match: (pathname) => (PATH.test(pathname) ? {} : null),
    async admit(request) {
      const identity = await identify(ctx, request.token);
      if (identity.ok) return { ok: true, session: { userId: identity.userId } };
      const code =
        identity.refusal === "unauthorized" ? CloseCode.unauthorized : CloseCode.forbidden;
      return { ok: false, code, reason: identity.detail };
    },
    onOpen: (connection) => chat.connected(connection),
    onFrame(connection, frame) {
      try {
        handle(connection, frame);
      } catch (error) {
        if (!(error instanceof ChatError)) throw error;
        fail(connection, error.status, error.message);
      }
    },
    onInvalidJson: (connection) => fail(connection, 400, "Invalid JSON"),
    onRateLimited: (connection) => fail(connection, 429, "Rate limit exceeded"),
    onFault(connection, error) {
      ctx.log(`socket fault: ${(error as Error)?.message ?? String(error)}`);
      fail(connection, 500, "Internal server error");
    },
    onClose: (connection) => chat.disconnected(connection),
  };
}
