import type { Hono } from "hono";
import { HttpError } from "../../http/http-error.js";
import { readJson } from "../../http/json-body.js";
import { participantOf } from "./participants.js";
import {
  caller,
  intParam,
  type RestDeps,
  requireStaffInField,
  requireType,
} from "./rest-context.js";

/** Chat management: create (staff or customer), list, details, and connection statistics. */
export function registerChatRoutes(api: Hono, deps: RestDeps): void {
  const { service, store, directory, schemas, limits, profile } = deps;

  api.post("/chats", async (c) => {
    const me = await caller(c, deps);
    requireType(me, "user");
    const body = await readJson(c, schemas.createChat, limits.maxBodyBytes, 422);
    // Field: customers are numbered apart from staff (`customer_id` is a customer number).
    const user = profile.userOf("customer", body.customer_id);
    const customer = user?.active ? participantOf(user) : null;
    if (customer?.type !== "customer") throw new HttpError(404, "Customer not found");
    const chat = service.createChat(
      me,
      [{ type: "customer", id: customer.id }],
      body.title ?? null,
      body.initial_message ?? null,
    );
    return c.json(chat, 201);
  });

  api.post("/chats/customer", async (c) => {
    const me = await caller(c, deps);
    requireType(me, "customer");
    const body = await readJson(c, schemas.createCustomerChat, limits.maxBodyBytes, 422);
    let staff: Array<{ type: "user"; id: number }>;
    if (body.user_id != null) {
      const user = profile.userOf("user", body.user_id);
      const member = user?.active ? participantOf(user) : null;
      if (member?.type !== "user") throw new HttpError(404, "Staff user not found");
      staff = [{ type: "user", id: member.id }];
    } else {
      // Without a choice, the whole staff can pick the conversation up, as at a front desk.
      staff = directory.users
        .filter((u) => u.active && participantOf(u)?.type === "user")
        .map((u) => ({ type: "user", id: u.numericId }));
    }
    const chat = service.createChat(me, staff, body.title ?? null, body.initial_message ?? null);
    return c.json(chat, 201);
  });

  api.get("/chats", async (c) => {
    const me = await caller(c, deps);
    requireType(me, "user");
    return c.json(store.chatsOf(me.id).map((chat) => service.chatJson(chat, me.id)));
  });

  api.get("/chats/customer", async (c) => {
    const me = await caller(c, deps);
    requireType(me, "customer");
    return c.json(store.chatsOf(me.id).map((chat) => service.chatJson(chat, me.id)));
  });

  api.get("/chats/:chat_id", async (c) => {
    const me = await caller(c, deps);
    requireStaffInField(me, deps);
    const chat = service.memberChat(intParam(c, "chat_id"), me);
    return c.json(service.chatJson(chat, me.id));
  });

  api.get("/stats", async (c) => {
    const me = await caller(c, deps);
    requireType(me, "user");
    return c.json(deps.hub.stats());
  });
}
