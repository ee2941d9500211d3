import type { ParleySocket } from "../../realtime/socketio-endpoint.js";
import { fieldHandlers } from "./field-handlers.js";
import {
  CLIENT_EVENTS,
  type ClientEvent,
  type HandlerDeps,
  type Session,
  supportHandlers,
} from "./handlers.js";
import type { Ack } from "./outbox.js";
import { ADMINS_ROOM, ownRoom, roleOf, USERS_ROOM } from "./roles.js";

const KNOWN = new Set<string>(CLIENT_EVENTS);

/**
 * Wires one authenticated socket: its own room (its user id) and its role's room, presence,
 * and dispatch of every client event through a fault guard.
 */
export function supportConnection(deps: HandlerDeps): (socket: ParleySocket) => void {
  const { context, outbox, presence } = deps;
  const handlers = supportHandlers(deps);
  const field = context.profile === "field" ? fieldHandlers(deps) : null;

  function announce(userId: string, admin: boolean, status: "online" | "offline"): void {
    // Admins follow everyone; users only need to know whether an admin is there.
    const rooms = admin ? [ADMINS_ROOM, USERS_ROOM] : [ADMINS_ROOM];
    outbox.broadcast(rooms, "user_status", { user_id: userId, status }, [ownRoom(userId)]);
  }

  return (socket) => {
    const userId = socket.data.userId;
    const role = roleOf(context.directory, userId);
    if (!role) {
      // The handshake admitted the user, so this only happens if they vanished meanwhile.
      socket.disconnect(true);
      return;
    }
    const session: Session = { socket, userId, role, connectedAt: context.now() };
    if (field) {
      // The deployed backend: no automatic rooms, no presence events, a greeting; events
      // without a handler are ignored, unanswered.
      field.connected(session);
      for (const event of CLIENT_EVENTS)
        socket.on(event, (...args: unknown[]) => {
          const [payload, ack] = split(args);
          try {
            field.dispatch(session, event, payload, ack);
          } catch (error) {
            context.log(`fault in ${event}: ${(error as Error).message}`);
          }
        });
      return;
    }
    const admin = role === "admin";
    socket.join([userId, ownRoom(userId), admin ? ADMINS_ROOM : USERS_ROOM]);
    if (presence.add(userId, socket.id)) announce(userId, admin, "online");
    socket.on("disconnect", () => {
      if (presence.remove(userId, socket.id)) announce(userId, admin, "offline");
    });

    // Runs after the endpoint's rate limit, so a flood of unknown events is throttled too.
    socket.use(([event, ...args], next) => {
      if (KNOWN.has(String(event))) return next();
      const ack = typeof args.at(-1) === "function" ? (args.at(-1) as Ack) : undefined;
      outbox.error(socket, ack, `Unknown event: ${String(event).slice(0, 64)}`);
    });

    for (const event of CLIENT_EVENTS) {
      socket.on(event, (...args: unknown[]) => dispatch(session, event, args));
    }
  };

  function dispatch(session: Session, event: ClientEvent, args: unknown[]): void {
    const [payload, ack] = split(args);
    try {
      handlers[event](session, payload, ack);
    } catch (error) {
      context.log(`fault in ${event}: ${(error as Error).message}`);
      outbox.error(session.socket, ack, "Internal server error");
    }
  }
}

/** An event's payload and its acknowledgement callback, when the client asked for one. */
function split(args: unknown[]): [unknown, Ack] {
  const last = args.at(-1);
  const ack = typeof last === "function" ? (last as Ack) : undefined;
  return [ack ? args.slice(0, -1)[0] : args[0], ack];
}
