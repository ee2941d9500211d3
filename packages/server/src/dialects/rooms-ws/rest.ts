import { Hono } from "hono";
import { installErrorHandlers } from "./errors.js";
import { registerChatRoutes } from "./rest-chats.js";
import type { RestDeps } from "./rest-context.js";
import { registerMessageRoutes } from "./rest-messages.js";
import { registerUploadRoutes } from "./uploads.js";

/** The REST API under `/api/v1/chat`, plus the public `/uploads/<name>` files. */
export function buildRestApp(deps: RestDeps): Hono {
  const app = new Hono();
  const api = new Hono();
  registerChatRoutes(api, deps);
  registerMessageRoutes(api, deps);
  registerUploadRoutes(api, app, deps);
  app.route("/api/v1/chat", api);
  installErrorHandlers(app, deps.log);
  return app;
}
