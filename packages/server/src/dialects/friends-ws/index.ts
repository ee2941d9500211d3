import type { DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { FriendsChat } from "./chat.js";
import { Presence } from "./presence.js";
import { buildChatRoute } from "./realtime.js";
import { buildRestApp } from "./rest.js";
import { buildSchemas } from "./schemas.js";
import { Serializer } from "./serialize.js";
import { MessageStore } from "./store.js";

/**
 * `friends-ws`: 1:1 chat between accepted friends over a raw WebSocket at
 * `/api/v1/chat/ws/chat?token=`, with a FastAPI-style REST API under `/api/v1/chat`.
 * See `docs/friends-ws.md`.
 */
export const friendsWs: DialectDefinition = {
  name: "friends-ws",
  create(ctx) {
    const store = new MessageStore(ctx.db);
    const presence = new Presence();
    const serializer = new Serializer(ctx.directory);
    const schemas = buildSchemas(ctx.limits.maxContentChars);
    const chat = new FriendsChat(ctx, store, presence, serializer);
    const app = buildRestApp({ ctx, chat, schemas, serializer });
    const endpoint = new WsEndpoint([buildChatRoute({ ctx, chat, schemas })], ctx.gate, ctx.limits);
    return {
      fetch: (request) => app.fetch(request),
      attach: (server) => endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
