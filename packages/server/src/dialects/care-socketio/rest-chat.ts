import { Hono } from "hono";
import { HttpError } from "../../http/http-error.js";
import { body, type CareEnv, ok, paging, param, type RestDeps } from "./rest-support.js";
import { onlineStatusBodySchema, searchQuerySchema } from "./schemas.js";

/** `/chat`: the routes every doctor and patient may call. */
export function chatRoutes({ ctx, access, service, presence }: RestDeps): Hono<CareEnv> {
  const chat = new Hono<CareEnv>();

  chat.get("/conversations", (c) => ok(c, service.conversations(c.get("userId"))));

  chat.get("/conversations/:otherUserId", (c) => {
    const me = c.get("userId");
    const otherId = param(c, "otherUserId");
    access.counterpart(me, otherId);
    const { limit, skip } = paging(c);
    return ok(c, service.history(me, otherId, limit, skip));
  });

  chat.put("/conversations/:senderId/read", (c) => {
    const me = c.get("userId");
    const senderId = param(c, "senderId");
    access.counterpart(me, senderId);
    return ok(c, service.markRead(me, senderId));
  });

  chat.get("/unread-count", (c) => ok(c, { unreadCount: service.unreadCount(c.get("userId")) }));

  chat.post("/online-status", async (c) => {
    const me = c.get("userId");
    const { userIds } = await body(c, onlineStatusBodySchema, ctx.limits.maxBodyBytes);
    // Presence is shown only to care partners (and oneself); anyone else reads as offline.
    const data = userIds.map((userId) =>
      userId === me || access.isRelated(me, userId)
        ? presence.of(userId)
        : { userId, isOnline: false, status: "available" as const },
    );
    return ok(c, data);
  });

  chat.get("/search", (c) => {
    const parsed = searchQuerySchema.safeParse({ query: c.req.query("query") });
    if (!parsed.success) {
      throw new HttpError(400, parsed.error.issues[0]?.message ?? "query is required");
    }
    return ok(c, service.search(c.get("userId"), parsed.data.query));
  });

  return chat;
}
