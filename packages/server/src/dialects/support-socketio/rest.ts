import { type Context, Hono, type Next } from "hono";
import { bearerToken, TokenError } from "../../auth/jwt.js";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import type { SupportProfile } from "./profile.js";
import { historyQuery } from "./query.js";
import { refusalOf } from "./roles.js";
import { fieldMessageJson, messageJson } from "./serialize.js";
import type { MessageRow, SupportStore } from "./store.js";

type Env = { Variables: { userId: string } };

/** The events `/chat/status` lists, exactly as the seed does. */
const STATUS_EVENTS = [
  "connect",
  "disconnect",
  "join_room",
  "leave_room",
  "send_message",
  "typing",
  "mark_read",
  "get_online_users",
];

/** `/chat/test` documents the same list plus the keepalive and info events. */
const TEST_EVENTS = [...STATUS_EVENTS, "heartbeat", "get_connection_info"];

/**
 * The chat REST API in FastAPI's style: `{"detail": "..."}` errors (bad parameters: FastAPI's
 * list of issues). The seed profile serves it under `/chat` as documented and under `/api/chat`,
 * the paths `/chat/test` advertises; the field profile under `/api/chat` only. Every route
 * requires a bearer JWT.
 */
export function supportRest(
  context: DialectContext,
  profile: SupportProfile,
  store: SupportStore,
  connections: () => number,
): Hono<Env> {
  const { directory, tokens } = context;
  const json: (row: MessageRow) => object = profile.fieldEvents ? fieldMessageJson : messageJson;
  const app = new Hono<Env>({ strict: false });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.status === 401) c.header("WWW-Authenticate", "Bearer");
      const detail = error.details ?? error.message;
      return c.json({ detail } as object, error.status);
    }
    context.log(`fault: ${error.message}`);
    return c.json({ detail: "Internal Server Error" }, 500);
  });
  app.notFound((c) => c.json({ detail: "Not Found" }, 404));

  async function auth(c: Context<Env>, next: Next) {
    let sub: string;
    try {
      sub = (await tokens.verify(bearerToken(c.req.header("authorization")))).sub;
    } catch (error) {
      if (error instanceof TokenError) throw new HttpError(401, error.message);
      throw error;
    }
    const refusal = refusalOf(directory, sub);
    if (refusal === "User not found") throw new HttpError(401, "Could not validate credentials");
    if (refusal) throw new HttpError(403, refusal);
    c.set("userId", sub);
    await next();
  }

  async function admin(c: Context<Env>, next: Next) {
    if (!directory.hasRole(c.get("userId"), "admin")) {
      throw new HttpError(403, profile.adminOnly);
    }
    await next();
  }

  const status = () => ({
    status: "running",
    active_connections: connections(),
    socket_io_path: "/socket.io",
    supported_events: STATUS_EVENTS,
  });

  for (const prefix of profile.prefixes) {
    app.get(`${prefix}/status`, auth, (c) => c.json(status()));

    app.get(`${prefix}/history/user/:user_id`, auth, admin, (c) => {
      const { direction, skip, limit } = historyQuery(
        (name) => c.req.query(name),
        true,
        profile.invalidStatus,
      );
      const userId = c.req.param("user_id") ?? "";
      if (!directory.user(userId)) throw new HttpError(404, "User not found");
      return c.json(store.historyOf(userId, direction, skip, limit).map(json));
    });

    app.get(`${prefix}/history/self`, auth, (c) => {
      const { skip, limit } = historyQuery(
        (name) => c.req.query(name),
        false,
        profile.invalidStatus,
      );
      return c.json(store.historyOf(c.get("userId"), "both", skip, limit).map(json));
    });

    app.get(`${prefix}/users`, auth, admin, (c) => {
      const rows = directory.users
        .filter((user) => !user.roles.has("admin"))
        .map((user) => ({ user, ...store.summaryOf(user.id) }));
      // Latest conversation first; users who never wrote after them, by name.
      rows.sort(
        (a, b) => (b.last?.seq ?? 0) - (a.last?.seq ?? 0) || a.user.name.localeCompare(b.user.name),
      );
      return c.json(
        rows.map(({ user, last, unread }) => ({
          user_id: user.id,
          user_name: user.name,
          last_message: last?.message_text ?? null,
          last_message_time: last?.timestamp ?? null,
          unread_count: unread,
        })),
      );
    });

    app.get(`${prefix}/test`, auth, (c) =>
      c.json({
        message: "WebSocket routes are working",
        socket_io_path: "/socket.io",
        available_endpoints: [
          "/api/chat/status",
          "/api/chat/history/self",
          "/api/chat/users",
          "/websocket/health",
        ],
        websocket_events: TEST_EVENTS,
      }),
    );
  }

  // Extension: `/chat/test` advertises this path; the seed does not document its body.
  app.get("/websocket/health", auth, (c) =>
    c.json({ status: "healthy", active_connections: connections(), socket_io_path: "/socket.io" }),
  );

  return app;
}
