import type { HistoryPage } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { type RestContext, type RestRequest, rest } from "../../http/rest.js";
import { withUploadProgress } from "../../http/upload-progress.js";
import type { Attachment, Message } from "../../model.js";
import { toAttachment, toMessage } from "./convert.js";
import {
  detailMessage,
  type ParticipantType,
  parseChat,
  parseMessage,
  type WireChat,
  type WirePage,
  type WireUpload,
} from "./wire.js";

/** The REST half of rooms-ws: history, chat lists, edit, delete and upload. */

/** A positive integer id from its string form, or an "invalid-input" error. */
export function toId(value: string, what = "id"): number {
  const id = /^\d+$/.test(value) ? Number(value) : 0;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new ParleyError("invalid-input", `rooms-ws ${what} must be a positive integer: ${value}`);
  return id;
}

const malformed = (what: string): never => {
  throw new ParleyError("protocol", `rooms-ws answered with a malformed ${what}`);
};

const call = <T>(context: RestContext, path: string, request?: RestRequest) =>
  rest<T>(context, `/api/v1/chat${path}`, { errorMessage: detailMessage, ...request });

const message = (context: RestContext, body: unknown): Message =>
  toMessage(context.url, parseMessage(body) ?? malformed("message"));

/**
 * One history page. The cursor is the next (older) page number; page 1 is the newest. The seed's
 * pages list their messages oldest first and end at `pages`; a deployed backend lists them
 * newest first and says `has_more`: both are read, and the page is put oldest first. New
 * messages shift pages towards older ones, so a later page may repeat a few messages (merged by
 * id) but never skips any.
 */
export async function history(
  context: RestContext,
  chatId: string,
  cursor: string | null,
  limit: number,
): Promise<HistoryPage> {
  const page = cursor === null ? 1 : toId(cursor, "history cursor");
  const body = await call<WirePage | undefined>(
    context,
    `/chats/${toId(chatId, "chat id")}/messages`,
    {
      query: { page, page_size: Math.min(100, Math.max(1, Math.floor(limit))) },
    },
  );
  const more = typeof body?.pages === "number" ? page < body.pages : body?.has_more;
  if (!Array.isArray(body?.messages) || typeof more !== "boolean") malformed("history page");
  const messages = (body as WirePage).messages
    .map((m) => message(context, m))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || Number(a.id) - Number(b.id));
  return { messages, cursor: messages.length > 0 && more ? String(page + 1) : null };
}

/** The caller's chats: `GET /chats` for staff, `GET /chats/customer` for customers. */
export async function chats(
  context: RestContext,
  participant: ParticipantType,
): Promise<WireChat[]> {
  const body = await call<unknown>(
    context,
    participant === "customer" ? "/chats/customer" : "/chats",
  );
  return Array.isArray(body)
    ? body.map((chat) => parseChat(chat) ?? malformed("chat"))
    : malformed("chat list");
}

/**
 * `PUT /messages/{id}` with the new text, or `DELETE` it. The seed answers both with the
 * message; a deployed backend answers a delete with `{"message": "..."}`. Any 2xx is success;
 * answers the message when the body is one.
 */
export async function changeMessage(
  context: RestContext,
  messageId: string,
  content?: string,
): Promise<Message | undefined> {
  const body = await call(context, `/messages/${toId(messageId, "message id")}`, {
    method: content === undefined ? "DELETE" : "PUT",
    body: content === undefined ? undefined : { content },
  });
  const wire = parseMessage(body);
  return wire ? toMessage(context.url, wire) : undefined;
}

/**
 * `POST /upload`, multipart field `file`. Progress starts at 0, follows the bytes sent where the
 * platform reports them (a browser without an injected fetch) and is 1 once the server answered.
 */
export async function upload(
  context: RestContext,
  file: Blob,
  name: string,
  onProgress?: (fraction: number) => void,
): Promise<Attachment> {
  onProgress?.(0);
  const form = new FormData();
  form.append("file", file, name);
  const body = await call<WireUpload | undefined>(
    withUploadProgress(context, onProgress),
    "/upload",
    {
      method: "POST",
      body: form,
    },
  );
  if (typeof body?.url !== "string") malformed("upload answer (no url)");
  onProgress?.(1);
  return toAttachment(context.url, body as WireUpload, name);
}
