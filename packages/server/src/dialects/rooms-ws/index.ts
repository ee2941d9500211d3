import type { DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { ChatService } from "./chat-service.js";
import { Hub } from "./hub.js";
import { roomsRoute } from "./realtime.js";
import { buildRestApp } from "./rest.js";
import { makeSchemas } from "./schemas.js";
import { RoomsStore } from "./store.js";
import { UploadStore } from "./upload-store.js";

/**
 * `rooms-ws`: staff/customer multi-participant chats over two raw WebSocket endpoints
 * (`join_chat` per chat) and a FastAPI-style REST API under `/api/v1/chat`.
 * See `docs/rooms-ws.md`.
 */
export const roomsWs: DialectDefinition = {
  name: "rooms-ws",
  create(ctx) {
    const store = new RoomsStore(ctx.db, ctx.directory, ctx.now);
    const uploads = new UploadStore(ctx.db);
    const hub = new Hub();
    const schemas = makeSchemas(ctx.limits);
    const service = new ChatService(store, ctx.directory, hub, ctx.now);
    const shared = {
      service,
      hub,
      directory: ctx.directory,
      tokens: ctx.tokens,
      schemas,
      now: ctx.now,
      log: ctx.log,
    };
    const app = buildRestApp({ ...shared, store, uploads, limits: ctx.limits });
    const endpoint = new WsEndpoint(
      [roomsRoute("user", shared), roomsRoute("customer", shared)],
      ctx.gate,
      ctx.limits,
    );
    return {
      fetch: app.fetch,
      attach: (server) => endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
