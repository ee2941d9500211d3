import type { ParleyError } from "../../errors.js";
import { type RestContext, type RestRequest, rest } from "../../http/rest.js";
import { items } from "../../transports/wire.js";
import type { SupportRole } from "./desk-roster.js";
import { parseChatUser, parseMessage, type WireChatUser, type WireMessage } from "./wire.js";

/**
 * The REST half of support-socketio: the admin's user list and history. Malformed items are
 * dropped and reported through `report`; an answer that is no list throws "protocol".
 */

type Report = (error: ParleyError) => void;

/**
 * A REST call under the chat API's base: `/chat` as documented, `/api/chat` where the deployed
 * backend serves it (the adapter picks it, see `restBase`).
 */
export type ChatRest = (path: string, request?: RestRequest) => Promise<unknown>;

/** REST under `base.path`, read at each call (a greeting may change it). */
export const chatRest =
  (context: RestContext, base: { path: string }): ChatRest =>
  (path, request) =>
    rest(context, base.path + path, request);

/** `GET /chat/users`: admins only. */
export const userList = async (get: ChatRest, report: Report): Promise<WireChatUser[]> =>
  items(await get("/users"), parseChatUser, "user list", report);

/**
 * A page of history, the `skip` cursor counted back from the newest. History is
 * `GET /chat/history/self` (users) or `GET /chat/history/user/{id}` (admins), one unpaginated
 * array in the seed. The reference server's paging extension (`skip`, `limit`) is always
 * asked for; a backend without it answers more than a page, paged here. `next` is the cursor
 * of the next older page, null at the start.
 */
export async function historyPage(
  get: ChatRest,
  role: SupportRole,
  userId: string,
  cursor: string | null,
  limit: number,
  report: Report,
): Promise<{ messages: WireMessage[]; next: string | null }> {
  const skip = Number(cursor) || 0;
  const size = Math.min(limit, 1000);
  const body = await get(
    role === "admin" ? `/history/user/${encodeURIComponent(userId)}` : "/history/self",
    { query: { skip, limit: size } },
  );
  let page = items(body, parseMessage, "history", report);
  let more = page.length === size;
  if (page.length > size) {
    const end = Math.max(0, page.length - skip);
    page = page.slice(Math.max(0, end - size), end);
    more = end > size;
  }
  return { messages: page, next: more && page.length ? String(skip + page.length) : null };
}
