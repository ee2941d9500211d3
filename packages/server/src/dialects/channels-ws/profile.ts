import { EventEmitter } from "node:events";
import type { Server as HttpServer } from "node:http";
import { bearerToken } from "../../auth/jwt.js";
import type { ServerProfile } from "../../dialect.js";
import type { WsRoute } from "../../realtime/ws-endpoint.js";
import type { SenderType } from "./store.js";

/**
 * Where channels-ws follows its deployed backend (the `field` profile) rather than the seed's
 * text: every choice of the profile in one place. Each one names the upstream file it comes from
 * (prince-cloud/bridgecare-backend); `docs/channels-ws.md` lists them.
 */
export interface ChannelsProfile {
  /**
   * `chat/consumers.py` `connect()` calls `close()` before `accept()` for an anonymous user (a
   * bad token, `chat/middleware.py`), an unknown chat or a non-member: Daphne answers the
   * upgrade with HTTP 403, so a browser sees only a 1006 close. The seed profile completes the
   * upgrade and closes with 4401/4403/4404 (after a "Chat not found" frame).
   */
  refuseAtUpgrade: boolean;
  /**
   * `GET /chat/chats/`, the chat list. An extension of ours in the seed profile; the field
   * profile serves none (upstream's `ChatViewSet` lists chats whose `patient`/`professional` are
   * profile ids, not user ids: not modelled), so a client sees a backend without the list.
   */
  chatList: boolean;
  /**
   * `GET /chat/chats/{id}/messages/`: our extension, newest first (seed); or as `chat/views.py`
   * `ChatViewSet.messages` has it (field): `order_by("created_at")`, oldest first, items of
   * `MessageListSerializer` (`is_read` besides the frame's fields), in DRF's page envelope.
   */
  oldestFirst: boolean;
  /**
   * `created_at` as written: the seed shows `...00.123456Z`; `consumers.py` sends Python's
   * `datetime.isoformat()` of an aware UTC time, `...00.123456+00:00`, without the fraction
   * when it is zero.
   */
  timestamp(stored: string): string;
  /** The error frame for a `role` that names none of the three roles. */
  invalidRole(role: unknown): string;
  /** The error frame for a role (as sent) the user does not hold in this chat. */
  wrongRole(role: string): string;
  /** The error frame for a `content` that is present but not a string. */
  contentNotText(content: unknown): string | null;
}

const seed: ChannelsProfile = {
  refuseAtUpgrade: false,
  chatList: true,
  oldestFirst: false,
  timestamp: (stored) => stored,
  invalidRole: () => "Invalid role",
  wrongRole: (role) => `You cannot send as ${role} in this chat`,
  contentNotText: () => null,
};

/** Python's type name of a JSON value, as an `AttributeError` would name it. */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return "dict";
}

const field: ChannelsProfile = {
  refuseAtUpgrade: true,
  chatList: false,
  oldestFirst: true,
  timestamp: (stored) => stored.replace(/\.0{6}Z$/, "Z").replace(/Z$/, "+00:00"),
  // `create_message` raises GeneralException; `receive` answers any exception so prefixed.
  invalidRole: (role) =>
    `Error sending message: Invalid role '${String(role)}'. Must be 'patient' or 'professional'`,
  wrongRole: (role) => {
    const as: SenderType = role === "patient" ? "patient" : "professional";
    return `Error sending message: Cannot send message as ${as}: you are not the ${as} in this chat`;
  },
  // `data.get("content", "").strip()` on a non-string raises AttributeError.
  contentNotText: (content) =>
    `Error sending message: '${pythonType(content)}' object has no attribute 'strip'`,
};

export function channelsProfile(name: ServerProfile): ChannelsProfile {
  return name === "field" ? field : seed;
}

/**
 * Attaches the WebSocket endpoint behind a gate that refuses, with HTTP 403 before any upgrade,
 * every request to `route` that its admission would refuse (the field profile's Daphne
 * behaviour). Everything else goes on to the endpoint unchanged.
 */
export function attachRefusingAtUpgrade(
  server: HttpServer,
  route: WsRoute<unknown>,
  attach: (server: HttpServer) => void,
): void {
  const relay = new EventEmitter();
  attach(relay as unknown as HttpServer);
  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const params = route.match(url.pathname);
    if (!params) {
      relay.emit("upgrade", request, socket, head);
      return;
    }
    const token = url.searchParams.get("token") || bearerToken(request.headers.authorization);
    route.admit({ url, params, token, headers: request.headers }).then(
      (admission) => {
        if (admission.ok) relay.emit("upgrade", request, socket, head);
        else socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      },
      () => socket.destroy(),
    );
  });
}
