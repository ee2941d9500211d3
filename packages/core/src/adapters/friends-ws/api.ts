import type { AdapterContext } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { rest } from "../../http/rest.js";
import { parseHistory, parseIds, type WireHistory } from "./wire.js";

/** The documented maximum of `limit` on the history endpoint. */
export const MAX_PAGE = 100;

/** FastAPI errors: `{"detail": "..."}` or pydantic's `{"detail": [{msg}, ...]}`. */
function detail(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value = (body as { detail?: unknown }).detail;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const first = value[0] as { msg?: unknown } | undefined;
    if (typeof first?.msg === "string") return first.msg;
  }
  return undefined;
}

/** The REST API under `/api/v1/chat` (Bearer token, one refresh on 401). */
export class FriendsApi {
  constructor(
    private readonly context: AdapterContext,
    private readonly base: string,
  ) {}

  private call<T>(path: string, request: Parameters<typeof rest>[2] = {}): Promise<T> {
    return rest<T>(this.context, `${this.base}${path}`, { errorMessage: detail, ...request });
  }

  /** One page, newest first; malformed messages in it are dropped and counted. */
  async history(
    friendId: string,
    skip: number,
    limit: number,
  ): Promise<{ page: WireHistory; dropped: number }> {
    const body = await this.call<unknown>(`/messages/history/${encodeURIComponent(friendId)}`, {
      query: { skip, limit: Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE) },
    });
    const parsed = parseHistory(body);
    if (!parsed) throw new ParleyError("protocol", "The history answer has no messages list");
    return parsed;
  }

  async markRead(messageId: string): Promise<void> {
    await this.call(`/messages/${encodeURIComponent(messageId)}/read`, { method: "PUT" });
  }

  async remove(messageId: string): Promise<void> {
    await this.call(`/messages/${encodeURIComponent(messageId)}`, { method: "DELETE" });
  }

  async onlineFriends(): Promise<string[]> {
    const body = await this.call<{ online_friends?: unknown }>("/friends/online");
    const ids = parseIds(body?.online_friends);
    if (!ids) throw new ParleyError("protocol", "The online friends answer has no list");
    return ids;
  }

  /** Every unread message to me, all friends together (the only count the protocol has). */
  async unreadCount(): Promise<number> {
    const body = await this.call<{ unread_count?: unknown }>("/messages/unread-count");
    if (typeof body?.unread_count !== "number")
      throw new ParleyError("protocol", "The unread count answer has no number");
    return body.unread_count;
  }
}
