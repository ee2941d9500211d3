import type { DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { ChatService } from "./chat-service.js";
import { Hub } from "./hub.js";
import { roomsProfile } from "./profile.js";
import { roomsRoute } from "./realtime.js";
import { buildRestApp } from "./rest.js";
import { makeSchemas } from "./schemas.js";
import { RoomsStore } from "./store.js";
import { attachRefusingAtUpgrade } from "./upgrade-refusal.js";
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
    // Seed or field: every difference between the two is a switch of this one object.
    const profile = roomsProfile(ctx.profile, ctx.directory);
    const schemas = makeSchemas(ctx.limits, profile.upstreamShapes);
    const service = new ChatService({ store, directory: ctx.directory, profile }, hub, ctx.now);
    const shared = {
      service,
      hub,
      directory: ctx.directory,
      tokens: ctx.tokens,
      schemas,
      profile,
      now: ctx.now,
      log: ctx.log,
    };
    const app = buildRestApp({ ...shared, store, uploads, limits: ctx.limits });
    const routes = [roomsRoute("user", shared), roomsRoute("customer", shared)];
    const endpoint = new WsEndpoint(routes, ctx.gate, ctx.limits);
    return {
      fetch: app.fetch,
      attach: (server) =>
        profile.refuseAtUpgrade
          ? attachRefusingAtUpgrade(server, endpoint, routes)
          : endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
