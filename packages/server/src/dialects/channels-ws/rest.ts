import { Hono } from "hono";
import { bearerToken, TokenError } from "../../auth/jwt.js";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import { readJson } from "../../http/json-body.js";
import type { ChannelsProfile } from "./profile.js";
import { isMember } from "./roles.js";
import { createChatBody, isUuid, pageQuery } from "./schemas.js";
import { chatJson, messageJson } from "./serialize.js";
import type { ChannelsStore } from "./store.js";

type Env = { Variables: { userId: string } };

/**
 * The chat REST API in Django REST framework's style: `{"detail": ...}` errors, trailing
 * slashes optional. `POST /chat/chats/` is documented; the rest are marked extensions.
 */
export function channelsRest(
  context: DialectContext,
  store: ChannelsStore,
  profile: ChannelsProfile,
): Hono<Env> {
  const { directory, tokens, limits } = context;
  const app = new Hono<Env>({ strict: false });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      const body =
        error.status === 400 && error.details ? error.details : { detail: error.message };
      return c.json(body as object, error.status);
    }
    context.log(`fault: ${error.message}`);
    return c.json({ detail: "A server error occurred." }, 500);
  });
  app.notFound((c) => c.json({ detail: "Not found." }, 404));

  app.use("/chat/*", async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw new HttpError(401, "Authentication credentials were not provided.");
    let sub: string;
    try {
      sub = (await tokens.verify(token)).sub;
    } catch (error) {
      if (error instanceof TokenError)
        throw new HttpError(401, "Given token not valid for any token type");
      throw error;
    }
    if (!directory.user(sub)?.active) throw new HttpError(401, "User not found");
    c.set("userId", sub);
    await next();
  });

  app.post("/chat/chats", async (c) => {
    const me = c.get("userId");
    const body = await readJson(c, createChatBody, limits.maxBodyBytes).catch((error) => {
      if (error instanceof HttpError && error.status === 422) {
        throw new HttpError(400, "invalid", {
          non_field_errors: ["Provide exactly one of 'professional' or 'patient'."],
        });
      }
      throw error;
    });
    const [patient, professional, other] =
      "professional" in body
        ? [me, body.professional, body.professional]
        : [body.patient, me, body.patient];
    const otherRole = "professional" in body ? "professional" : "patient";
    const myRole = otherRole === "professional" ? "patient" : "professional";
    if (!directory.user(other)) throw new HttpError(404, "Not found.");
    if (other === me) {
      throw new HttpError(400, "invalid", { non_field_errors: ["You cannot chat with yourself."] });
    }
    if (!directory.hasRole(me, myRole) || !directory.hasRole(other, otherRole)) {
      throw new HttpError(403, "You do not have permission to perform this action.");
    }
    const { chat, created } = store.getOrCreateChat(patient, professional);
    return c.json(chatJson(chat), created ? 201 : 200);
  });

  // Extension: the chats the caller belongs to, each with its latest message (seed profile only;
  // without it the path answers 404 after authentication).
  app.get("/chat/chats", (c) => {
    if (!profile.chatList) throw new HttpError(404, "Not found.");
    const me = c.get("userId");
    return c.json(
      store.chatsOf(me).map((chat) => chatJson(chat, store.lastMessage(chat.id) ?? null)),
    );
  });

  // Extension: history of one chat, newest first, Django REST framework page-number paging.
  // The field profile: upstream's own action, oldest first (see profile.ts).
  app.get("/chat/chats/:chatId/messages", (c) => {
    const chatId = c.req.param("chatId").toLowerCase();
    const chat = isUuid(chatId) ? store.chat(chatId) : undefined;
    if (!chat) throw new HttpError(404, "Chat not found");
    if (!isMember(chat, c.get("userId"))) {
      // Upstream's `get_object()` looks only among the caller's chats: 404.
      if (profile.oldestFirst) throw new HttpError(404, "Not found.");
      throw new HttpError(403, "You do not have permission to perform this action.");
    }
    const query = pageQuery.safeParse({
      page: c.req.query("page") ?? undefined,
      page_size: c.req.query("page_size") ?? undefined,
    });
    if (!query.success) throw new HttpError(404, "Invalid page.");
    const { page, page_size } = query.data;
    const count = store.countMessages(chat.id);
    const url = new URL(c.req.url);
    const link = (n: number) => {
      url.searchParams.set("page", String(n));
      url.searchParams.set("page_size", String(page_size));
      return url.toString();
    };
    return c.json({
      count,
      next: page * page_size < count ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: profile.oldestFirst
        ? store
            .page(chat.id, page, page_size, "asc")
            .map((row) => ({ ...messageJson(row, profile), is_read: false }))
        : store.page(chat.id, page, page_size).map((row) => messageJson(row)),
    });
  });

  return app;
}
