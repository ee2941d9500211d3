import type { Hono } from "hono";
import { readJson } from "../../http/json-body.js";
import { validationError } from "./errors.js";
import { caller, intParam, type RestDeps } from "./rest-context.js";

/** History, sending over HTTP, edit and delete. */
export function registerMessageRoutes(api: Hono, deps: RestDeps): void {
  const { service, store, schemas, limits } = deps;

  api.get("/chats/:chat_id/messages", async (c) => {
    const me = await caller(c, deps);
    const chatId = intParam(c, "chat_id");
    const query = schemas.historyQuery.safeParse(c.req.query());
    if (!query.success) throw validationError("query", query.error.issues);
    const chat = service.memberChat(chatId, me);
    const { page, page_size } = query.data;
    const total = store.countMessages(chat.id);
    // Page 1 holds the newest messages; each page lists its messages oldest first.
    const rows = store.messagesPage(chat.id, page_size, (page - 1) * page_size);
    return c.json({
      messages: service.messagesJson(rows),
      total,
      page,
      page_size,
      pages: Math.ceil(total / page_size),
    });
  });

  api.post("/chats/:chat_id/messages", async (c) => {
    const me = await caller(c, deps);
    const chatId = intParam(c, "chat_id");
    const body = await readJson(c, schemas.sendMessage, limits.maxBodyBytes, 422);
    return c.json(service.send(chatId, me, body), 201);
  });

  api.put("/messages/:message_id", async (c) => {
    const me = await caller(c, deps);
    const messageId = intParam(c, "message_id");
    const body = await readJson(c, schemas.editMessage, limits.maxBodyBytes, 422);
    return c.json(service.edit(messageId, me, body.content));
  });

  api.delete("/messages/:message_id", async (c) => {
    const me = await caller(c, deps);
    return c.json(service.delete(intParam(c, "message_id"), me));
  });
}
