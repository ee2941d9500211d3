import type { ParleyError } from "../../errors.js";
import { type RestContext, rest } from "../../http/rest.js";
import { items } from "../../transports/wire.js";
import {
  parseConversation,
  parseMessage,
  parseStatus,
  unwrap,
  type WireConversation,
  type WireMessage,
  type WireStatus,
} from "./wire.js";

/**
 * The REST half of care-socketio: `{success, data}` answers (see {@link unwrap}) whose malformed
 * items are dropped and reported through `report`, a malformed list throwing "protocol".
 */

type Report = (error: ParleyError) => void;

const conversationPath = (userId: string) => `/chat/conversations/${encodeURIComponent(userId)}`;

/** `GET /chat/conversations`: one entry per care partner. */
export async function conversationList(
  context: RestContext,
  report: Report,
): Promise<WireConversation[]> {
  const body = await rest(context, "/chat/conversations");
  return items(unwrap(body), parseConversation, "conversation list", report);
}

/**
 * A page of `GET /chat/conversations/:otherUserId`, `limit` (at most 100) messages from `skip`;
 * `next` is the `skip` of the next page, null once a page came back short.
 */
export async function history(
  context: RestContext,
  userId: string,
  cursor: string | null,
  limit: number,
  report: Report,
): Promise<{ messages: WireMessage[]; next: string | null }> {
  const skip = Number(cursor) || 0;
  const size = Math.min(limit, 100);
  const body = await rest(context, conversationPath(userId), { query: { limit: size, skip } });
  const data = unwrap(body);
  const messages = items(data, parseMessage, "history", report);
  return { messages, next: (data as unknown[]).length >= size ? String(skip + size) : null };
}

/** `PUT /chat/conversations/:otherUserId/read`: the REST route of `mark_read`. */
export async function markConversationRead(context: RestContext, userId: string): Promise<void> {
  await rest(context, `${conversationPath(userId)}/read`, { method: "PUT" });
}

/** `POST /chat/online-status` for `userIds` (the server takes at most 200 per call). */
export async function onlineStatus(
  context: RestContext,
  userIds: string[],
  report: Report,
): Promise<WireStatus[]> {
  const body = await rest(context, "/chat/online-status", { method: "POST", body: { userIds } });
  return items(unwrap(body), parseStatus, "online status", report);
}
