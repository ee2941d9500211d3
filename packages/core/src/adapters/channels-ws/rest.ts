import { type RestContext, rest } from "../../http/rest.js";
import type { WireChat, WireMessage, WirePage } from "./wire.js";

/**
 * The REST half of channels-ws: the reference server's extension endpoints (the seed documents
 * none). A backend without them answers "not-found" or "protocol".
 */

/** `GET /chat/chats/`: the chats the user is in. */
export const chatList = (context: RestContext): Promise<WireChat[]> =>
  rest<WireChat[]>(context, "/chat/chats/");

/**
 * A page of `GET /chat/chats/{id}/messages/`, oldest first, and the cursor of the page before
 * it (null at the start). Two orders are met: the reference server's extension pages newest
 * first (page 1 is the latest); the deployed backend's own action (bridgecare's `ChatViewSet
 * .messages`) pages oldest first, so its latest messages are on its last page. The order is
 * read from the first page's timestamps; the cursor carries it: `"<page>"` for newest-first
 * pages, `"a<page>"` for oldest-first ones.
 */
export async function historyPage(
  context: RestContext,
  chatId: string,
  cursor: string | null,
  limit: number,
): Promise<{ results: WireMessage[]; next: string | null }> {
  const get = (page: number) =>
    rest<WirePage>(context, `/chat/chats/${encodeURIComponent(chatId)}/messages/`, {
      query: { page, page_size: limit },
    });
  if (cursor?.startsWith("a")) {
    const page = Number(cursor.slice(1));
    return { results: (await get(page)).results, next: page > 1 ? `a${page - 1}` : null };
  }
  const page = cursor === null ? 1 : Number(cursor);
  const body = await get(page);
  const { results } = body;
  const first = results[0];
  const last = results[results.length - 1];
  const oldestFirst =
    cursor === null &&
    !!first &&
    !!last &&
    Date.parse(first.created_at) < Date.parse(last.created_at);
  if (!oldestFirst)
    return { results: [...results].reverse(), next: body.next ? String(page + 1) : null };
  // The page size the backend used (it may ignore `page_size`), and so its last page.
  const pages = Math.ceil(body.count / results.length);
  const newest = pages > 1 ? (await get(pages)).results : results;
  return { results: newest, next: pages > 1 ? `a${pages - 1}` : null };
}
