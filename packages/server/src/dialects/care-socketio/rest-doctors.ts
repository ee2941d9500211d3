import { Hono } from "hono";
import { body, type CareEnv, ok, paging, param, type RestDeps } from "./rest-support.js";
import { doctorMessageBodySchema } from "./schemas.js";

/** `/doctors`: a doctor's routes to their patients. Anyone without the doctor role gets 403. */
export function doctorRoutes({ ctx, access, service }: RestDeps): Hono<CareEnv> {
  const doctors = new Hono<CareEnv>();
  const messageBody = doctorMessageBodySchema(ctx.limits.maxContentChars);

  doctors.use("*", async (c, next) => {
    access.requireRole(c.get("userId"), "doctor");
    await next();
  });

  doctors.post("/patients/:patientId/messages", async (c) => {
    const me = c.get("userId");
    const patientId = param(c, "patientId");
    access.patientOf(me, patientId);
    const { message } = await body(c, messageBody, ctx.limits.maxBodyBytes);
    return ok(c, service.send(me, patientId, { content: message, messageType: "text" }), 201);
  });

  doctors.get("/patients/:patientId/messages", (c) => {
    const me = c.get("userId");
    const patientId = param(c, "patientId");
    access.patientOf(me, patientId);
    const { limit, skip } = paging(c);
    return ok(c, service.history(me, patientId, limit, skip));
  });

  return doctors;
}
