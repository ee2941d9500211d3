import type { DialectDefinition } from "../../dialect.js";
import { SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";
import { Outbox } from "./outbox.js";
import { Presence } from "./presence.js";
import { supportProfile } from "./profile.js";
import { supportConnection } from "./realtime.js";
import { supportRest } from "./rest.js";
import { refusalOf } from "./roles.js";
import { SupportStore } from "./store.js";

/**
 * `support-socketio`: a user <-> admin support desk over Socket.IO on `/socket.io`, one room
 * per user id plus a shared admin room, messages carrying `appointment_id` / `service_id`, and
 * a FastAPI-style REST API under `/chat` (and `/api/chat`). The field profile
 * (`profile.ts`) behaves as the deployed backend does.
 */
export const supportSocketio: DialectDefinition = {
  name: "support-socketio",
  create(context) {
    // No fixture rows: the support desk starts with an empty history.
    const store = new SupportStore(context.db, context.now);
    const presence = new Presence();
    const endpoint: SocketIoEndpoint = new SocketIoEndpoint({
      tokens: context.tokens,
      limits: context.limits,
      gate: context.gate,
      admit: (userId) => refusalOf(context.directory, userId),
      onRateLimited: (socket) => endpoint.emit(socket, "error", { detail: "Too many requests" }),
    });
    const outbox = new Outbox(endpoint, context.gate);
    const profile = supportProfile(context.profile);
    const app = supportRest(context, profile, store, () => endpoint.size);
    return {
      fetch: app.fetch,
      attach: (server) => {
        endpoint.attach(server, supportConnection({ context, store, outbox, presence, endpoint }));
        // Field: the deployed `connect(sid, environ)` handler fails when the handshake carries
        // an `auth` payload (python-socketio passes it as a third argument), and the client is
        // never answered. Runs after the token check, which reads the header or `?token=` too.
        if (profile.fieldEvents)
          endpoint.io?.use((socket, next) => {
            const auth = socket.handshake.auth as Record<string, unknown> | undefined;
            if (!auth || Object.keys(auth).length === 0) next();
          });
      },
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
