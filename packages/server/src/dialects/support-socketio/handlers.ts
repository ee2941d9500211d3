import type { z } from "zod";
import type { DialectContext } from "../../dialect.js";
import type { ParleySocket, SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";
import type { Ack, Outbox } from "./outbox.js";
import type { Presence } from "./presence.js";
import {
  ADMINS_ROOM,
  joinRefusal,
  messagingRefusal,
  ownRoom,
  roleOf,
  type SupportRole,
} from "./roles.js";
import {
  markReadPayload,
  payloadError,
  roomPayload,
  sendMessagePayload,
  typingPayload,
} from "./schemas.js";
import { messageJson } from "./serialize.js";
import { isoTime, type SupportStore } from "./store.js";

/** The events a client may emit, besides Socket.IO's own `connect` / `disconnect`. */
export const CLIENT_EVENTS = [
  "join_room",
  "leave_room",
  "send_message",
  "typing",
  "mark_read",
  "get_online_users",
  "heartbeat",
  "get_connection_info",
] as const;

export type ClientEvent = (typeof CLIENT_EVENTS)[number];

/** One authenticated socket. */
export interface Session {
  socket: ParleySocket;
  userId: string;
  role: SupportRole;
  connectedAt: number;
}

export interface HandlerDeps {
  context: DialectContext;
  store: SupportStore;
  outbox: Outbox;
  presence: Presence;
  endpoint: SocketIoEndpoint;
}

type Handler = (session: Session, payload: unknown, ack: Ack) => void;

/** The handler of every client event. Refusals answer `{detail}`; nothing here throws on input. */
export function supportHandlers(deps: HandlerDeps): Record<ClientEvent, Handler> {
  const { context, store, outbox, presence, endpoint } = deps;
  const { directory } = context;

  /** Parses `payload`, or answers the error and returns null. */
  function parse<S extends z.ZodType>(
    event: ClientEvent,
    schema: S,
    { socket }: Session,
    payload: unknown,
    ack: Ack,
  ): z.infer<S> | null {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    outbox.error(socket, ack, payloadError(event, parsed.error));
    return null;
  }

  return {
    join_room(session, payload, ack) {
      const body = parse("join_room", roomPayload, session, payload, ack);
      if (!body) return;
      const refusal = joinRefusal(directory, session.userId, body.user_id);
      if (refusal) return outbox.error(session.socket, ack, refusal);
      session.socket.join(body.user_id);
      outbox.reply(session.socket, ack, "room_joined", {
        room: body.user_id,
        user_id: body.user_id,
      });
    },

    leave_room(session, payload, ack) {
      const body = parse("leave_room", roomPayload, session, payload, ack);
      if (!body) return;
      session.socket.leave(body.user_id);
      outbox.reply(session.socket, ack, "room_left", { room: body.user_id, user_id: body.user_id });
    },

    send_message(session, payload, ack) {
      const body = parse("send_message", sendMessagePayload, session, payload, ack);
      if (!body) return;
      const { socket, userId } = session;
      if (body.message_text.trim() === "") {
        return outbox.error(socket, ack, "message_text cannot be empty");
      }
      const max = context.limits.maxContentChars;
      if (body.message_text.length > max) {
        return outbox.error(socket, ack, `message_text is too long (max ${max} characters)`);
      }
      const refusal = messagingRefusal(directory, userId, body.receiver_id);
      if (refusal) return outbox.error(socket, ack, refusal);
      const message = messageJson(
        store.addMessage({
          senderId: userId,
          receiverId: body.receiver_id,
          text: body.message_text,
          appointmentId: body.appointment_id ?? null,
          serviceId: body.service_id ?? null,
        }),
      );
      // The receiver, the sender's other sockets, and every admin (the desk's shared inbox).
      outbox.broadcast([body.receiver_id, userId, ADMINS_ROOM], "receive_message", message, [
        socket.id,
      ]);
      outbox.reply(socket, ack, "message_sent", message);
    },

    typing(session, payload, ack) {
      const body = parse("typing", typingPayload, session, payload, ack);
      if (!body) return;
      const { socket, userId, role } = session;
      const refusal = messagingRefusal(directory, userId, body.receiver_id);
      if (refusal) return outbox.error(socket, ack, refusal);
      const out = { sender_id: userId, receiver_id: body.receiver_id, is_typing: body.is_typing };
      const rooms = role === "user" ? [body.receiver_id, ADMINS_ROOM] : [body.receiver_id];
      outbox.broadcast(rooms, "user_typing", out, [ownRoom(userId)]);
      // Typing is frequent: only an ack confirms it, never an event.
      if (ack) outbox.ack(socket, ack, out);
    },

    mark_read(session, payload, ack) {
      const body = parse("mark_read", markReadPayload, session, payload, ack);
      if (!body) return;
      const { socket, userId, role } = session;
      if (!directory.user(body.sender_id)) return outbox.error(socket, ack, "User not found");
      const readAt = isoTime(context.now());
      // An admin reads for the whole desk: every unread message the user sent to any admin.
      const shared = role === "admin" && roleOf(directory, body.sender_id) !== "admin";
      const count = store.markRead(body.sender_id, shared ? null : userId, readAt);
      const out = { reader_id: userId, sender_id: body.sender_id, count, read_at: readAt };
      if (count > 0) {
        const rooms = [body.sender_id, userId, ...(role === "admin" ? [ADMINS_ROOM] : [])];
        outbox.broadcast(rooms, "messages_read", out, [socket.id]);
      }
      outbox.reply(socket, ack, "messages_read", out);
    },

    get_online_users(session, _payload, ack) {
      const online = presence.online();
      // Users see the admins they may write to; admins see everyone.
      const visible =
        session.role === "admin"
          ? online
          : online.filter((id) => roleOf(directory, id) === "admin");
      outbox.reply(session.socket, ack, "online_users", { online_users: visible });
    },

    heartbeat(session, _payload, ack) {
      outbox.reply(session.socket, ack, "heartbeat_response", {
        status: "alive",
        timestamp: isoTime(context.now()),
      });
    },

    get_connection_info(session, _payload, ack) {
      const { socket } = session;
      outbox.reply(socket, ack, "connection_info", {
        sid: socket.id,
        user_id: session.userId,
        role: session.role,
        rooms: [...socket.rooms].filter(
          (room) => room !== socket.id && room !== ownRoom(session.userId),
        ),
        connected_at: isoTime(session.connectedAt),
        active_connections: endpoint.size,
      });
    },
  };
}
