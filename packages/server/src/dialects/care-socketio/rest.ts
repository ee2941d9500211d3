import { Hono } from "hono";
import { cors } from "hono/cors";
import { bearerToken, TokenError } from "../../auth/jwt.js";
import { HttpError } from "../../http/http-error.js";
import { chatRoutes } from "./rest-chat.js";
import { doctorRoutes } from "./rest-doctors.js";
import { patientRoutes } from "./rest-patients.js";
import type { CareEnv, RestDeps } from "./rest-support.js";

/**
 * The REST API: `{success, data}` on success, `{success: false, message}` on every error, and
 * a verified Bearer token of an active doctor or patient on every route.
 */
export function createRestApp(deps: RestDeps): Hono<CareEnv> {
  const { ctx, access } = deps;
  // Express, the seed's framework, ignores a trailing slash; so does this app.
  const app = new Hono<CareEnv>({ strict: false });

  // Browser clients (the demo) call from another origin with an Authorization header.
  app.use("*", cors({ origin: (origin) => origin || "*", credentials: true }));

  app.use("*", async (c, next) => {
    let userId: string;
    try {
      userId = (await ctx.tokens.verify(bearerToken(c.req.header("authorization")))).sub;
    } catch (error) {
      if (error instanceof TokenError) throw new HttpError(401, error.message);
      throw error;
    }
    const refusal = access.refusal(userId);
    if (refusal) throw new HttpError(refusal.status, refusal.message);
    c.set("userId", userId);
    await next();
  });

  app.route("/chat", chatRoutes(deps));
  app.route("/users", patientRoutes(deps));
  app.route("/doctors", doctorRoutes(deps));

  app.notFound((c) => c.json({ success: false, message: "Route not found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ success: false, message: error.message }, error.status);
    }
    ctx.log(`REST ${c.req.method} ${c.req.path} failed: ${(error as Error).message}`);
    return c.json({ success: false, message: "Internal server error" }, 500);
  });
  return app;
}
