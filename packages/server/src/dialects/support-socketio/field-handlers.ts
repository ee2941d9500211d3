import { ObjectIdGenerator } from "../../ids/object-id.js";
import type { ParleySocket } from "../../realtime/socketio-endpoint.js";
import type { ClientEvent, HandlerDeps, Session } from "./handlers.js";
import type { Ack } from "./outbox.js";
import { messagingRefusal } from "./roles.js";
import { fieldMessageJson } from "./serialize.js";
import { isoTime } from "./store.js";

/**
 * The field profile's events, as the deployed service handles them
 * (smartgov_backend `backend/services/chat_web_socket.py`): payloads name a `room`, messages
 * carry `sender_id` and `content`, nothing is echoed to the sending socket, refusals come as
 * `message_error`, and every event's acknowledgement (when the client asks for one) carries
 * nothing, as python-socketio acknowledges a handler that returns None. What the deployed code
 * leaves open to anyone (any room, any `sender_id`) is held to the token's user here: see the
 * "Field profile" section of `docs/support-socketio.md`.
 */

/** The room admins join for `new_user_message` previews. */
export const ADMIN_DASHBOARD = "admin_dashboard";

/** What the deployed backend keeps per socket (its `active_connections`). */
interface FieldSocket {
  rooms: string[];
  userType?: string;
  connectedAt: string;
  lastActivity: string;
}

type Handler = (session: Session, data: Record<string, unknown>) => void;

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export function fieldHandlers(deps: HandlerDeps) {
  const { context, store, endpoint } = deps;
  const { directory, gate } = context;
  const sockets = new Map<string, FieldSocket>();
  // The deployed backend's "timestamps" are fresh ObjectId strings.
  const ids = new ObjectIdGenerator(context.now);
  const stamp = () => ids.next();

  const emit = (session: Session, event: string, payload: unknown) =>
    endpoint.emit(session.socket, event, payload);
  /** To every socket in `room` but the actor's (python-socketio's `skip_sid`). */
  const toRoom = (room: string, event: string, payload: unknown, skip?: ParleySocket) =>
    gate.run(() => {
      const io = endpoint.io;
      if (io) (skip ? io.to(room).except(skip.id) : io.to(room)).emit(event, payload);
    });
  const refuse = (session: Session, error: string) =>
    emit(session, "message_error", { error: "Failed to send message", details: error });

  /** Users may use their own room only; admins any known user's room and the dashboard. */
  function roomRefusal({ userId, role }: Session, room: string): string | null {
    if (room === userId) return null;
    if (role !== "admin") return "You can only join your own room";
    if (room !== ADMIN_DASHBOARD && !directory.user(room)) return "User not found";
    return null;
  }

  const handlers: Record<ClientEvent, Handler> = {
    join_room(session, data) {
      const room = text(data.room);
      if (!room) return;
      const refusal = roomRefusal(session, room);
      if (refusal) return refuse(session, refusal);
      const userType = text(data.user_type) ?? "user";
      session.socket.join(room);
      const state = sockets.get(session.socket.id);
      if (state) {
        state.rooms.push(room);
        state.userType = userType;
      }
      toRoom(
        room,
        "user_joined",
        { user_type: userType, room, timestamp: stamp() },
        session.socket,
      );
    },

    leave_room(session, data) {
      const room = text(data.room);
      if (!room) return;
      session.socket.leave(room);
      const state = sockets.get(session.socket.id);
      if (state) state.rooms = state.rooms.filter((r) => r !== room);
      // Sent after leaving, so the leaver does not get it (the deployed handler skips nobody).
      toRoom(room, "user_left", { room, timestamp: stamp() });
    },

    send_message(session, data) {
      const { userId, role } = session;
      const room = text(data.room);
      const content = data.content;
      const receiver = data.receiver_id == null ? "" : String(data.receiver_id);
      const max = context.limits.maxContentChars;
      const refusal =
        String(data.sender_id) !== userId
          ? "sender_id must be the authenticated user"
          : !room
            ? "room is required"
            : typeof content !== "string" || content.trim() === ""
              ? "content cannot be empty"
              : content.length > max
                ? `content is too long (max ${max} characters)`
                : (roomRefusal(session, room) ??
                  // A user may address the desk as "admin", as the deployed history expects.
                  (role === "user" && receiver === "admin"
                    ? null
                    : messagingRefusal(directory, userId, receiver)));
      if (refusal || !room || typeof content !== "string") return refuse(session, refusal ?? "");
      // The deployed backend stores the client's `timestamp` as sent.
      const timestamp = typeof data.timestamp === "string" ? data.timestamp : undefined;
      const message = fieldMessageJson(
        store.addMessage({
          senderId: userId,
          receiverId: receiver,
          text: content,
          appointmentId: null,
          serviceId: null,
          ...(timestamp === undefined ? {} : { timestamp }),
        }),
      );
      toRoom(room, "receive_message", message, session.socket);
      if (role === "user")
        toRoom(ADMIN_DASHBOARD, "new_user_message", {
          user_id: userId,
          room,
          preview: content.length > 50 ? `${content.slice(0, 50)}...` : content,
          timestamp: message.timestamp,
        });
    },

    typing(session, data) {
      const room = text(data.room);
      const user = data.user_id == null ? undefined : String(data.user_id);
      if (!room || !user) return;
      if (user !== session.userId) return refuse(session, "user_id must be the authenticated user");
      const refusal = roomRefusal(session, room);
      if (refusal) return refuse(session, refusal);
      toRoom(
        room,
        "user_typing",
        { user_id: user, is_typing: data.is_typing ?? false, room },
        session.socket,
      );
    },

    mark_read(session, data) {
      const room = text(data.room);
      const user = data.user_id == null ? undefined : String(data.user_id);
      if (user !== session.userId) return refuse(session, "user_id must be the authenticated user");
      if (room) {
        const refusal = roomRefusal(session, room);
        if (refusal) return refuse(session, refusal);
      }
      const timestamp = typeof data.timestamp === "string" ? data.timestamp : null;
      store.markReadBy(user, timestamp ?? isoTime(context.now()));
      if (room) toRoom(room, "messages_read", { room, reader_id: user, timestamp }, session.socket);
    },

    get_online_users(session, data) {
      const room = text(data.room);
      if (!room || roomRefusal(session, room)) return;
      const users = [...(endpoint.io?.of("/").adapter.rooms.get(room) ?? [])].flatMap((sid) => {
        const state = sockets.get(sid);
        return state
          ? [
              {
                socket_id: sid,
                user_type: state.userType ?? "unknown",
                connected_at: state.connectedAt,
                last_activity: state.lastActivity,
              },
            ]
          : [];
      });
      emit(session, "online_users_list", { room, users, count: users.length });
    },

    heartbeat(session) {
      const state = sockets.get(session.socket.id);
      if (state) state.lastActivity = stamp();
      emit(session, "heartbeat_ack", { timestamp: stamp() });
    },

    get_connection_info(session) {
      const state = sockets.get(session.socket.id);
      const { socket } = session;
      emit(
        session,
        "connection_info",
        state
          ? {
              connected_at: state.connectedAt,
              rooms: state.rooms,
              user_agent: socket.handshake.headers["user-agent"] ?? "Unknown",
              ip_address: socket.handshake.address || "Unknown",
              last_activity: state.lastActivity,
              ...(state.userType ? { user_type: state.userType } : {}),
            }
          : { error: "Connection not found" },
      );
    },
  };

  return {
    /** A new socket: remembered, and greeted with `connection_confirmed`. */
    connected(session: Session): void {
      const now = stamp();
      sockets.set(session.socket.id, { rooms: [], connectedAt: now, lastActivity: now });
      emit(session, "connection_confirmed", {
        sid: session.socket.id,
        status: "connected",
        timestamp: stamp(),
      });
      session.socket.on("disconnect", () => {
        const state = sockets.get(session.socket.id);
        sockets.delete(session.socket.id);
        for (const room of state?.rooms ?? [])
          toRoom(room, "user_disconnected", { sid: session.socket.id, room, timestamp: stamp() });
      });
    },

    /**
     * Runs one event. The deployed handlers take `(sid, data)` and call `data.get`: an event
     * without a payload object fails there, unanswered and unacknowledged. Otherwise the
     * acknowledgement, when asked for, carries nothing.
     */
    dispatch(session: Session, event: ClientEvent, payload: unknown, ack: Ack): void {
      if (!payload || typeof payload !== "object" || Array.isArray(payload)) return;
      handlers[event](session, payload as Record<string, unknown>);
      if (ack) gate.run(() => session.socket.connected && (ack as () => void)());
    },
  };
}
