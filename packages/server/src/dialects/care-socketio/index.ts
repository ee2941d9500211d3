import type { DialectDefinition } from "../../dialect.js";
import { ObjectIdGenerator } from "../../ids/object-id.js";
import { SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";
import { CareAccess } from "./access.js";
import { Presence } from "./presence.js";
import { careProfile, refuseAsSocketAuth } from "./profile.js";
import { CareRealtime } from "./realtime.js";
import { createRestApp } from "./rest.js";
import { Serializer } from "./serialize.js";
import { ChatService } from "./service.js";
import { MessageStore } from "./store.js";

/**
 * `care-socketio`: patient <-> doctor chat over Socket.IO (`io(url, { auth: { token } })`) with
 * a `{success, data}` REST API under `/chat`, `/users` (patients) and `/doctors` (doctors).
 * See `docs/care-socketio.md`.
 */
export const careSocketio: DialectDefinition = {
  name: "care-socketio",
  create(ctx) {
    const profile = careProfile(ctx.profile);
    const access = new CareAccess(ctx.directory);
    const store = new MessageStore(ctx.db);
    const presence = new Presence();
    const endpoint = new SocketIoEndpoint({
      tokens: ctx.tokens,
      limits: ctx.limits,
      gate: ctx.gate,
      admit: (userId) => access.refusal(userId)?.message ?? null,
      // Both callbacks run only once sockets exist, after `realtime` is built.
      onRateLimited: (socket) => realtime.onRateLimited(socket),
    });
    const service = new ChatService(
      store,
      access,
      new Serializer(access),
      new ObjectIdGenerator(ctx.now),
      ctx.now,
      (userId, event, payload) => realtime.pushToUser(userId, event, payload),
      profile,
    );
    const realtime = new CareRealtime({ ctx, endpoint, access, presence, service, profile });
    const app = createRestApp({ ctx, access, service, presence });

    return {
      fetch: (request) => app.fetch(request),
      attach(server) {
        endpoint.attach(server, (socket) => realtime.onConnection(socket));
        if (profile.name === "field" && endpoint.io) refuseAsSocketAuth(endpoint.io);
      },
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      async close() {
        await endpoint.close();
        presence.clear();
      },
    };
  },
};
