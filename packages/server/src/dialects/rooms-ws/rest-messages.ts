import type { Hono } from "hono";
import { readJson } from "../../http/json-body.js";
import { validationError } from "./errors.js";
import { caller, intParam, type RestDeps, requireStaffInField } from "./rest-context.js";

/** History, sending over HTTP, edit and delete. */
export function registerMessageRoutes(api: Hono, deps: RestDeps): void {
  const { service, store, schemas, limits, profile } = deps;

  api.get("/chats/:chat_id/messages", async (c) => {
    const me = await caller(c, deps);
    requireStaffInField(me, deps);
    const chatId = intParam(c, "chat_id");
    const query = schemas.historyQuery.safeParse(c.req.query());
    if (!query.success) throw validationError("query", query.error.issues);
    const chat = service.memberChat(chatId, me);
    const { page, page_size } = query.data;
    const offset = (page - 1) * page_size;
    if (profile.upstreamShapes) {
      // Field (`chat.py` `get_messages`): newest first, deleted messages left out, `has_more`.
      const { rows, total } = store.livePage(chat.id, page_size, offset);
      // Upstream builds `MessageReadReceipt` without importing it: any receipt is a NameError.
      if (profile.historyFailsOnReceipts && store.readersOf(rows.map((r) => r.id)).size > 0)
        return c.text("Internal Server Error", 500);
      return c.json({
        messages: service.messagesJson(rows),
        total,
        page,
        page_size,
        has_more: offset + rows.length < total,
      });
    }
    const total = store.countMessages(chat.id);
    // Page 1 holds the newest messages; each page lists its messages oldest first.
    const rows = store.messagesPage(chat.id, page_size, offset);
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
    requireStaffInField(me, deps);
    const chatId = intParam(c, "chat_id");
    const body = await readJson(c, schemas.sendMessage, limits.maxBodyBytes, 422);
    return c.json(service.send(chatId, me, body), 201);
  });

  api.put("/messages/:message_id", async (c) => {
    const me = await caller(c, deps);
    requireStaffInField(me, deps);
    const messageId = intParam(c, "message_id");
    const body = await readJson(c, schemas.editMessage, limits.maxBodyBytes, 422);
    return c.json(service.edit(messageId, me, body.content));
  });

  api.delete("/messages/:message_id", async (c) => {
    const me = await caller(c, deps);
    requireStaffInField(me, deps);
    const deleted = service.delete(intParam(c, "message_id"), me);
    // Field (`chat.py` `delete_message`): a confirmation, not the message.
    return c.json(profile.upstreamShapes ? { message: "Message deleted successfully" } : deleted);
  });
}
