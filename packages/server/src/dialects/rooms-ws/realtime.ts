import type { z } from "zod";
import type { TokenService } from "../../auth/jwt.js";
import type { Directory } from "../../fixtures/directory.js";
import { HttpError } from "../../http/http-error.js";
import { CloseCode } from "../../limits.js";
import type { WsRoute } from "../../realtime/ws-endpoint.js";
import type { ChatService } from "./chat-service.js";
import type { Hub, RoomsConnection, RoomsSession } from "./hub.js";
import { authenticate, type ParticipantType } from "./participants.js";
import type { FrameType, Schemas } from "./schemas.js";

/** The seed's two socket URLs: staff/admin on `/user`, customers on `/customer`. */
export const WS_PATHS: Readonly<Record<ParticipantType, string>> = {
  user: "/api/v1/chat/ws/chat/user",
  customer: "/api/v1/chat/ws/chat/customer",
};

export interface RealtimeDeps {
  service: ChatService;
  hub: Hub;
  directory: Directory;
  tokens: TokenService;
  schemas: Schemas;
  now(): number;
  log(line: string): void;
}

function error(connection: RoomsConnection, message: string): void {
  connection.send({ type: "error", error: message });
}

/** One socket route; `type` is the participant type the endpoint admits. */
export function roomsRoute(type: ParticipantType, deps: RealtimeDeps): WsRoute<RoomsSession> {
  const { hub, log } = deps;
  const path = WS_PATHS[type];
  return {
    match: (pathname) => (pathname === path || pathname === `${path}/` ? {} : null),

    async admit({ token }) {
      const result = await authenticate(deps.tokens, deps.directory, token);
      if (!result.ok) {
        const { failure } = result;
        return failure.kind === "token"
          ? { ok: false, code: CloseCode.unauthorized, reason: failure.message }
          : { ok: false, code: CloseCode.forbidden, reason: "Not permitted to use chat" };
      }
      if (result.participant.type !== type) {
        return { ok: false, code: CloseCode.forbidden, reason: "Wrong endpoint for this account" };
      }
      return { ok: true, session: { participant: result.participant, rooms: new Set<number>() } };
    },

    onOpen(connection) {
      hub.add(connection);
      const { participant } = connection.session;
      connection.send({
        type: "connected",
        participant_type: participant.type,
        participant_id: participant.id,
      });
    },

    onFrame(connection, frame) {
      try {
        handleFrame(connection, frame, deps);
      } catch (failure) {
        // Domain refusals (unknown chat, not a member, bad reply target...) become error frames.
        if (failure instanceof HttpError) error(connection, failure.message);
        else throw failure;
      }
    },

    onInvalidJson: (connection) => error(connection, "Invalid JSON"),
    onRateLimited: (connection) => error(connection, "Rate limit exceeded"),
    onFault(connection, failure) {
      log(`socket fault: ${failure instanceof Error ? failure.message : String(failure)}`);
      error(connection, "Internal server error");
    },

    onClose(connection) {
      const participantId = connection.session.participant.id;
      for (const chatId of hub.remove(connection)) {
        hub.toRoom(chatId, { type: "user_left", chat_id: chatId, participant_id: participantId });
      }
    },
  };
}

function handleFrame(connection: RoomsConnection, frame: unknown, deps: RealtimeDeps): void {
  const { schemas } = deps;
  const envelope = schemas.envelope.safeParse(frame);
  if (!envelope.success) {
    error(connection, "Invalid message format: expected an object with a string 'type'");
    return;
  }
  const type = envelope.data.type;
  if (!Object.hasOwn(schemas.frames, type)) {
    error(connection, `Unknown message type: ${type}`);
    return;
  }
  const parsed = schemas.frames[type as FrameType].safeParse(frame);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    error(connection, `Invalid ${type}: ${where}${issue?.message ?? "invalid"}`);
    return;
  }
  const handler = frameHandlers[type as FrameType] as FrameHandler<unknown>;
  handler(connection, parsed.data, deps);
}

type FrameHandler<D> = (connection: RoomsConnection, data: D, deps: RealtimeDeps) => void;

/** What each inbound frame does, once its schema has accepted it. */
const frameHandlers: { [K in FrameType]: FrameHandler<z.infer<Schemas["frames"][K]>> } = {
  join_chat(connection, { chat_id }, { service, hub }) {
    const me = connection.session.participant;
    service.memberChat(chat_id, me);
    const present = hub.join(chat_id, connection);
    hub.toRoom(chat_id, { type: "user_joined", chat_id, participant_id: me.id });
    // Presence (Extension): the joiner also learns who is already in the chat.
    for (const other of present) {
      connection.send({ type: "user_joined", chat_id, participant_id: other });
    }
  },

  leave_chat(connection, { chat_id }, { hub }) {
    const left = { type: "user_left", chat_id, participant_id: connection.session.participant.id };
    if (hub.inRoom(chat_id, connection) && !hub.leave(chat_id, connection))
      hub.toRoom(chat_id, left);
    connection.send(left); // the leaver's acknowledgement
  },

  send_message(connection, data, { service }) {
    service.send(data.chat_id, connection.session.participant, data, connection);
  },

  typing(connection, { chat_id, is_typing }, { service, hub }) {
    const me = connection.session.participant;
    service.memberChat(chat_id, me);
    hub.toRoom(chat_id, { type: "typing", chat_id, participant_id: me.id, is_typing }, connection);
  },

  read_message(connection, { chat_id, message_id }, { service }) {
    service.markRead(chat_id, message_id, connection.session.participant);
  },

  ping(connection, _data, { now }) {
    connection.send({ type: "pong", timestamp: new Date(now()).toISOString() });
  },
};
