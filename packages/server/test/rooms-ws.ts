import type { ParleyServer } from "../src/server.js";
import { WsProbe } from "./ws-probe.js";

/** A parsed JSON body; the assertions, not the types, check its shape. */
type Json = any;

/** What a test gets back from a REST call: status, parsed JSON body (or null) and headers. */
export interface ApiResult<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** Test-side helpers for one rooms-ws server: REST calls and sockets as the seed's examples make them. */
export function roomsClient(server: ParleyServer) {
  const http = server.url("rooms-ws");
  const ws = http.replace(/^http/, "ws");

  return {
    http,
    ws,
    /** The seed's socket URL for a staff (`user`) or `customer` connection. */
    socketUrl: (kind: "user" | "customer", token: string) =>
      `${ws}/api/v1/chat/ws/chat/${kind}?token=${encodeURIComponent(token)}`,

    /** Connects as `userId` and waits for the `connected` frame. */
    async connect(userId: string, kind: "user" | "customer"): Promise<WsProbe> {
      const probe = await WsProbe.open(this.socketUrl(kind, await server.token(userId)));
      await probe.next((f) => f.type === "connected");
      return probe;
    },

    /** Connects, joins `chatId` and waits for the joiner's own `user_joined`. */
    async joined(userId: string, kind: "user" | "customer", chatId: number): Promise<WsProbe> {
      const probe = await this.connect(userId, kind);
      const me = server.directory.user(userId)?.numericId;
      probe.send({ type: "join_chat", chat_id: chatId });
      await probe.next(
        (f) => f.type === "user_joined" && f.chat_id === chatId && f.participant_id === me,
      );
      return probe;
    },

    /**
     * Connects, joins `chatId` and waits for the `pong` of a `ping` sent after the join: the
     * server answers frames in order, so the join is done (the field profile has no join ack).
     */
    async joinedQuietly(userId: string, kind: "user" | "customer", chatId: number) {
      const probe = await this.connect(userId, kind);
      probe.send({ type: "join_chat", chat_id: chatId });
      probe.send({ type: "ping" });
      await probe.next((f) => f.type === "pong" || f.type === "error");
      return probe;
    },

    /**
     * Calls `/api/v1/chat<path>` as `who` (a user id, a raw token via `{ token }`, or null for no
     * token) with a JSON body, a raw string, or FormData.
     */
    async api<T = Json>(
      who: string | { token: string } | null,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<ApiResult<T>> {
      const headers: Record<string, string> = {};
      if (who !== null) {
        const token = typeof who === "string" ? await server.token(who) : who.token;
        headers.authorization = `Bearer ${token}`;
      }
      let payload: RequestInit["body"];
      if (body instanceof FormData || typeof body === "string") payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers["content-type"] = "application/json";
      }
      const response = await fetch(`${http}/api/v1/chat${path}`, {
        method,
        headers,
        body: payload,
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed as T, headers: response.headers };
    },
  };
}

export type RoomsClient = ReturnType<typeof roomsClient>;
