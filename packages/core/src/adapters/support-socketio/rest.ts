import type { ParleyError } from "../../errors.js";
import { type RestContext, rest } from "../../http/rest.js";
import { items } from "../../transports/wire.js";
import type { SupportRole } from "./desk-roster.js";
import { parseChatUser, parseMessage, type WireChatUser, type WireMessage } from "./wire.js";

/**
 * The REST half of support-socketio: the admin's user list and history. Malformed items are
 * dropped and reported through `report`; an answer that is no list throws "protocol".
 */

type Report = (error: ParleyError) => void;

/** `GET /chat/users`: admins only, a user gets 403. */
export const userList = async (context: RestContext, report: Report): Promise<WireChatUser[]> =>
  items(await rest(context, "/chat/users"), parseChatUser, "user list", report);

/**
 * A page of history, the `skip` cursor counted back from the newest. History is
 * `GET /chat/history/self` (users) or `GET /chat/history/user/{id}` (admins), one unpaginated
 * array in the seed. The reference server's paging extension (`skip`, `limit`) is always
 * asked for; a backend without it answers more than a page, paged here. `next` is the cursor
 * of the next older page, null at the start.
 */
export async function historyPage(
  context: RestContext,
  role: SupportRole,
  userId: string,
  cursor: string | null,
  limit: number,
  report: Report,
): Promise<{ messages: WireMessage[]; next: string | null }> {
  const skip = Number(cursor) || 0;
  const size = Math.min(limit, 1000);
  const body = await rest(
    context,
    role === "admin" ? `/chat/history/user/${encodeURIComponent(userId)}` : "/chat/history/self",
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
