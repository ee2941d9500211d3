import { type Context, Hono } from "hono";
import { bearerToken } from "../../auth/jwt.js";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import { identify } from "./auth.js";
import { ChatError, type FriendsChat } from "./chat.js";
import { type FastApiIssue, queryInt, readBody, validationError } from "./fastapi-errors.js";
import type { FriendsProfile } from "./profile.js";
import type { Schemas } from "./schemas.js";
import type { Serializer } from "./serialize.js";
import { canonicalUuid } from "./uuid.js";

/** Documented default and maximum of `limit` on the history endpoint. */
const HISTORY_DEFAULT_LIMIT = 50;
const HISTORY_MAX_LIMIT = 100;

/**
 * The REST API under `/api/v1/chat`, FastAPI style: `{"detail": ...}` errors and pydantic's 422
 * list. Every route needs `Authorization: Bearer <jwt>`. The field profile answers as the
 * deployed backend's `endpoints/chat.py` does: 201 on a send, 204 without a body on a delete,
 * and nobody told of a REST read or a delete (see {@link FriendsProfile}).
 */
export function buildRestApp(deps: {
  ctx: DialectContext;
  chat: FriendsChat;
  schemas: Schemas;
  serializer: Serializer;
  profile: FriendsProfile;
}): Hono {
  const { ctx, chat, schemas, serializer, profile } = deps;
  const field = profile.name === "field";
  // strict: false so `/messages` and `/messages/` are the same route, as FastAPI redirects one.
  const app = new Hono({ strict: false });
  const api = new Hono({ strict: false });

  async function authenticate(c: Context): Promise<string> {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw new HttpError(401, "Not authenticated");
    const identity = await identify(ctx, profile, token, "rest");
    if (identity.ok) return identity.userId;
    throw new HttpError(identity.refusal === "unauthorized" ? 401 : 403, identity.detail);
  }

  api.post("/messages", async (c) => {
    const me = await authenticate(c);
    const body = await readBody(c, schemas.sendMessageBody, ctx.limits.maxBodyBytes);
    const receiver = field ? (canonicalUuid(body.receiver_id) as string) : body.receiver_id;
    const row = chat.send(me, receiver, body.content);
    return c.json(serializer.message(row), field ? 201 : 200);
  });

  api.get("/messages/unread-count", async (c) => {
    const me = await authenticate(c);
    return c.json({ unread_count: chat.unreadCount(me) });
  });

  api.get("/messages/history/:friend_id", async (c) => {
    const me = await authenticate(c);
    const issues: FastApiIssue[] = [];
    const skip = queryInt(c, "skip", 0, { ge: 0 }, issues);
    const limit = queryInt(
      c,
      "limit",
      HISTORY_DEFAULT_LIMIT,
      { ge: 1, le: HISTORY_MAX_LIMIT },
      issues,
    );
    const raw = c.req.param("friend_id");
    // Field: the path parameter is a UUID, as FastAPI's `friend_id: UUID` parses it.
    const friendId = field ? canonicalUuid(raw) : raw;
    if (friendId === null) {
      const msg = "Input should be a valid UUID";
      issues.unshift({ type: "uuid_parsing", loc: ["path", "friend_id"], msg, input: raw });
    }
    if (issues.length > 0 || friendId === null) throw validationError(issues);
    const page = chat.history(me, friendId, skip, limit);
    return c.json({
      messages: page.rows.map((row) => serializer.message(row)),
      total: page.total,
      skip,
      limit,
    });
  });

  api.put("/messages/:message_id/read", async (c) => {
    const me = await authenticate(c);
    const { row } = chat.markRead(me, c.req.param("message_id"), "rest");
    return c.json(serializer.message(row));
  });

  api.delete("/messages/:message_id", async (c) => {
    const me = await authenticate(c);
    chat.remove(me, c.req.param("message_id"));
    if (profile.silentDelete) return c.body(null, 204);
    return c.json({ message: "Message deleted successfully" });
  });

  api.get("/friends/online", async (c) => {
    const me = await authenticate(c);
    return c.json({ online_friends: chat.onlineFriends(me) });
  });

  app.route("/api/v1/chat", api);

  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
  app.onError((error, c) => {
    if (error instanceof ChatError) return c.json({ detail: error.message }, error.status);
    if (error instanceof HttpError) {
      if (error.status === 401) c.header("WWW-Authenticate", "Bearer");
      const detail = error.status === 422 && error.details ? error.details : error.message;
      return c.json({ detail }, error.status);
    }
    ctx.log(`REST fault: ${(error as Error)?.message ?? String(error)}`);
    return c.json({ detail: "Internal Server Error" }, 500);
  });
  return app;
}
