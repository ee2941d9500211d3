import type { z } from "zod";
import type { TokenService } from "../../auth/jwt.js";
import type { Directory } from "../../fixtures/directory.js";
import { HttpError } from "../../http/http-error.js";
import { CloseCode } from "../../limits.js";
import type { WsRoute } from "../../realtime/ws-endpoint.js";
import type { ChatService } from "./chat-service.js";
import type { Hub, RoomsConnection, RoomsSession } from "./hub.js";
import { authenticate, type Participant, type ParticipantType } from "./participants.js";
import type { RoomsProfile } from "./profile.js";
import type { FrameType, Schemas } from "./schemas.js";

/** Field: upstream's refusal of `join_chat` (`chat_websocket.py`), "in" where the seed's is "of". */
export const NOT_IN_CHAT = "You are not a participant in this chat";

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
  profile: RoomsProfile;
  now(): number;
  log(line: string): void;
}

function error(connection: RoomsConnection, message: string): void {
  connection.send({ type: "error", error: message });
}

/**
 * A frame about a participant: its wire id, and (field, as `chat_manager.py` sends them) its
 * type and a timestamp.
 */
function about(
  { profile, now }: RealtimeDeps,
  participant: Participant,
  frame: Record<string, unknown>,
) {
  const field = profile.upstreamShapes;
  return {
    ...frame,
    ...(field && { participant_type: participant.type }),
    participant_id: profile.wireId(participant.id),
    ...(field && { timestamp: profile.time(now()) }),
  };
}

/** One socket route; `type` is the participant type the endpoint admits. */
export function roomsRoute(type: ParticipantType, deps: RealtimeDeps): WsRoute<RoomsSession> {
  const { hub, log } = deps;
  const path = WS_PATHS[type];
  return {
    match: (pathname) => (pathname === path || pathname === `${path}/` ? {} : null),

    async admit({ token }) {
      // Field: the customer socket reads the token's `sub` as a phone number.
      const byPhone = type === "customer" ? deps.profile.customerByPhone : undefined;
      const result = await authenticate(deps.tokens, deps.directory, token, byPhone);
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
      connection.send(
        about(deps, participant, { type: "connected", participant_type: participant.type }),
      );
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
      const { participant } = connection.session;
      for (const chatId of hub.remove(connection)) {
        hub.toRoom(chatId, about(deps, participant, { type: "user_left", chat_id: chatId }));
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
  join_chat(connection, { chat_id }, deps) {
    const { service, hub, profile } = deps;
    const me = connection.session.participant;
    if (!profile.joinAcks) {
      // Field (`handle_join_chat`): one refusal for an unknown chat and a non-member alike, and
      // `user_joined` for the others only.
      if (!service.isMember(chat_id, me)) throw new HttpError(403, NOT_IN_CHAT);
      hub.join(chat_id, connection);
      hub.toRoom(chat_id, about(deps, me, { type: "user_joined", chat_id }), connection);
      return;
    }
    service.memberChat(chat_id, me);
    const present = hub.join(chat_id, connection);
    hub.toRoom(chat_id, about(deps, me, { type: "user_joined", chat_id }));
    // Presence (Extension): the joiner also learns who is already in the chat.
    for (const other of present) {
      connection.send({ type: "user_joined", chat_id, participant_id: profile.wireId(other) });
    }
  },

  leave_chat(connection, { chat_id }, deps) {
    const { hub, profile } = deps;
    const left = about(deps, connection.session.participant, { type: "user_left", chat_id });
    if (hub.inRoom(chat_id, connection) && !hub.leave(chat_id, connection))
      hub.toRoom(chat_id, left);
    if (profile.joinAcks) connection.send(left); // the leaver's acknowledgement (seed)
  },

  send_message(connection, data, { service }) {
    service.send(data.chat_id, connection.session.participant, data, connection);
  },

  typing(connection, { chat_id, is_typing }, deps) {
    const me = connection.session.participant;
    deps.service.memberChat(chat_id, me);
    deps.hub.toRoom(chat_id, about(deps, me, { type: "typing", chat_id, is_typing }), connection);
  },

  read_message(connection, { chat_id, message_id }, { service }) {
    service.markRead(chat_id, message_id, connection.session.participant);
  },

  ping(connection, _data, { now, profile }) {
    connection.send({ type: "pong", timestamp: profile.time(now()) });
  },
};
