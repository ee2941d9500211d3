import { EventEmitter } from "node:events";
import type { Server as HttpServer } from "node:http";
import type { DialectContext, DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { identify } from "./auth.js";
import { FriendsChat } from "./chat.js";
import { Presence } from "./presence.js";
import { type FriendsProfile, friendsProfile } from "./profile.js";
import { buildChatRoute, SOCKET_PATH } from "./realtime.js";
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
    const profile = friendsProfile(ctx.profile);
    const store = new MessageStore(ctx.db);
    const presence = new Presence(profile.singleSocket);
    const serializer = new Serializer(ctx.directory);
    const schemas = buildSchemas(ctx.limits.maxContentChars, profile.maxContentChars);
    const chat = new FriendsChat(ctx, store, presence, serializer, profile);
    const app = buildRestApp({ ctx, chat, schemas, serializer, profile });
    const route = buildChatRoute({ ctx, chat, schemas, profile });
    const endpoint = new WsEndpoint([route], ctx.gate, ctx.limits);
    return {
      fetch: (request) => app.fetch(request),
      attach: (server) =>
        profile.refuseAtUpgrade
          ? attachRefusing(server, endpoint, ctx, profile)
          : endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};

/**
 * Field: a token refused on the socket path gets `HTTP/1.1 403 Forbidden` on the upgrade, as
 * upstream's `core/websocket_deps.py` closes the socket before accepting it (Starlette answers
 * that with a 403). Only `?token=` counts there. Every other upgrade goes on to the endpoint.
 */
function attachRefusing(
  server: HttpServer,
  endpoint: WsEndpoint,
  ctx: DialectContext,
  profile: FriendsProfile,
): void {
  const relay = new EventEmitter();
  endpoint.attach(relay as unknown as HttpServer);
  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const forward = () => relay.emit("upgrade", request, socket, head);
    if (!SOCKET_PATH.test(url.pathname)) {
      forward();
      return;
    }
    identify(ctx, profile, url.searchParams.get("token"), "socket").then(
      (identity) => {
        if (identity.ok) forward();
        else socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      },
      () => socket.destroy(),
    );
  });
}
