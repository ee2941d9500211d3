import { ParleyError } from "../../errors.js";
import type { RestRequest } from "../../http/rest.js";
import { parseHistory, parseIds, type WireHistory } from "./wire.js";

/** The REST API under `/api/v1/chat` (Bearer token, one refresh on 401). */
export type Call = <T>(path: string, request?: RestRequest) => Promise<T>;

/** The documented maximum of `limit` on the history endpoint. */
export const MAX_PAGE = 100;

/** FastAPI errors: `{"detail": "..."}` or pydantic's `{"detail": [{msg}, ...]}`. */
export function detail(body: unknown): string | undefined {
  const value = (body as { detail?: unknown } | null)?.detail;
  const first = Array.isArray(value) ? (value[0] as { msg?: unknown } | null)?.msg : value;
  return typeof first === "string" ? first : undefined;
}

const malformed = (what: string): never => {
  throw new ParleyError("protocol", `The ${what} answer is malformed`);
};

/** One page, newest first; malformed messages in it are dropped and counted. */
export async function history(
  call: Call,
  friendId: string,
  skip: number,
  limit: number,
): Promise<{ page: WireHistory; dropped: number }> {
  const body = await call<unknown>(`/messages/history/${encodeURIComponent(friendId)}`, {
    query: { skip, limit: Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE) },
  });
  return parseHistory(body) ?? malformed("history");
}

export async function onlineFriends(call: Call): Promise<string[]> {
  const body = await call<{ online_friends?: unknown } | undefined>("/friends/online");
  return parseIds(body?.online_friends) ?? malformed("online friends");
}

/** Every unread message to me, all friends together (the only count the protocol has). */
export async function unreadCount(call: Call): Promise<number> {
  const body = await call<{ unread_count?: unknown } | undefined>("/messages/unread-count");
  return typeof body?.unread_count === "number" ? body.unread_count : malformed("unread count");
}
