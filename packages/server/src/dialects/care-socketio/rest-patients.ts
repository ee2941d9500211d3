import { Hono } from "hono";
import { body, type CareEnv, ok, paging, param, type RestDeps } from "./rest-support.js";
import { patientMessageBodySchema } from "./schemas.js";

/** `/users`: a patient's routes to their doctors. Anyone without the patient role gets 403. */
export function patientRoutes({ ctx, access, service }: RestDeps): Hono<CareEnv> {
  const users = new Hono<CareEnv>();
  const messageBody = patientMessageBodySchema(ctx.limits.maxContentChars);

  users.use("*", async (c, next) => {
    access.requireRole(c.get("userId"), "patient");
    await next();
  });

  users.post("/send-message", async (c) => {
    const me = c.get("userId");
    const { doctorId, ...input } = await body(c, messageBody, ctx.limits.maxBodyBytes);
    access.doctorOf(me, doctorId);
    return ok(c, service.send(me, doctorId, input), 201);
  });

  users.get("/conversations", (c) => ok(c, service.conversations(c.get("userId"))));

  users.get("/conversations/:doctorId", (c) => {
    const me = c.get("userId");
    const doctorId = param(c, "doctorId");
    access.doctorOf(me, doctorId);
    const { limit, skip } = paging(c);
    return ok(c, service.history(me, doctorId, limit, skip));
  });

  users.put("/conversations/:doctorId/read", (c) => {
    const me = c.get("userId");
    const doctorId = param(c, "doctorId");
    access.doctorOf(me, doctorId);
    return ok(c, service.markRead(me, doctorId));
  });

  users.get("/unread-count", (c) => ok(c, { unreadCount: service.unreadCount(c.get("userId")) }));

  return users;
}
