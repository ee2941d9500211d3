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
 * A page of `GET /chat/chats/{id}/messages/`, newest first as the wire has it; the cursor is
 * the page number (1 is the newest), `next` the next older page's or null at the start.
 */
export async function historyPage(
  context: RestContext,
  chatId: string,
  cursor: string | null,
  limit: number,
): Promise<{ results: WireMessage[]; next: string | null }> {
  const page = cursor === null ? 1 : Number(cursor);
  const body = await rest<WirePage>(
    context,
    `/chat/chats/${encodeURIComponent(chatId)}/messages/`,
    {
      query: { page, page_size: limit },
    },
  );
  return { results: body.results, next: body.next ? String(page + 1) : null };
}
