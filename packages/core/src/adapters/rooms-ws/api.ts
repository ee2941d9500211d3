import type { HistoryPage } from "../../adapter.js";
import { codeForStatus, ParleyError } from "../../errors.js";
import { type RestContext, type RestRequest, rest } from "../../http/rest.js";
import type { Attachment, Conversation, Message } from "../../model.js";
import { toAttachment, toConversation, toMessage } from "./normalize.js";
import {
  detailMessage,
  type ParticipantType,
  parseChat,
  parseMessage,
  type WireChat,
  type WirePage,
  type WireUpload,
} from "./wire.js";

const BASE = "/api/v1/chat";

/** A positive integer id from its string form, or an "invalid-input" error. */
export function toId(value: string, what = "id"): number {
  const id = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new ParleyError("invalid-input", `rooms-ws ${what} must be a positive integer: ${value}`);
  return id;
}

/** The REST half of rooms-ws: history, chat lists, edit, delete and upload. */
export class RoomsApi {
  constructor(
    private readonly context: RestContext,
    private readonly participant: ParticipantType,
  ) {}

  private call<T>(path: string, request: RestRequest = {}): Promise<T> {
    return rest<T>(this.context, `${BASE}${path}`, { errorMessage: detailMessage, ...request });
  }

  private message(body: unknown): Message {
    const wire = parseMessage(body);
    if (!wire) throw new ParleyError("protocol", "rooms-ws answered with a malformed message");
    return toMessage(this.context.url, wire);
  }

  /**
   * One history page. The cursor is the next (older) page number; page 1 is the newest and
   * each page lists its messages oldest first. New messages shift pages towards older ones, so
   * a later page may repeat a few messages (merged by id) but never skips any.
   */
  async history(chatId: string, cursor: string | null, limit: number): Promise<HistoryPage> {
    const page = cursor === null ? 1 : toId(cursor, "history cursor");
    const pageSize = Math.min(100, Math.max(1, Math.floor(limit)));
    const body = await this.call<WirePage>(`/chats/${toId(chatId, "chat id")}/messages`, {
      query: { page, page_size: pageSize },
    });
    if (!body || !Array.isArray(body.messages) || typeof body.pages !== "number")
      throw new ParleyError("protocol", "rooms-ws answered with a malformed history page");
    const messages = body.messages.map((m) => this.message(m));
    return {
      messages,
      cursor: messages.length > 0 && page < body.pages ? String(page + 1) : null,
    };
  }

  /** The caller's chats: `GET /chats` for staff, `GET /chats/customer` for customers. */
  async chats(): Promise<WireChat[]> {
    const body = await this.call<unknown>(
      this.participant === "customer" ? "/chats/customer" : "/chats",
    );
    if (!Array.isArray(body))
      throw new ParleyError("protocol", "rooms-ws answered with a malformed chat list");
    return body.map((chat) => {
      const parsed = parseChat(chat);
      if (!parsed) throw new ParleyError("protocol", "rooms-ws answered with a malformed chat");
      return parsed;
    });
  }

  conversation(chat: WireChat): Conversation {
    return toConversation(this.context.url, chat);
  }

  async edit(messageId: string, content: string): Promise<Message> {
    return this.message(
      await this.call(`/messages/${toId(messageId, "message id")}`, {
        method: "PUT",
        body: { content },
      }),
    );
  }

  async delete(messageId: string): Promise<Message> {
    return this.message(
      await this.call(`/messages/${toId(messageId, "message id")}`, { method: "DELETE" }),
    );
  }

  /** `POST /upload`, multipart field `file`; progress is 0 then 1 (fetch reports no upload progress). */
  async upload(file: Blob, name: string, onProgress?: (f: number) => void): Promise<Attachment> {
    onProgress?.(0);
    const url = new URL(`${BASE}/upload`, this.context.url);
    const attempt = async (refresh: boolean): Promise<Response> => {
      const token = await this.context.token({ refresh });
      const form = new FormData();
      form.append("file", file, name);
      try {
        return await this.context.fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, accept: "application/json" },
          body: form,
        });
      } catch (error) {
        throw new ParleyError("network", "Upload failed", { cause: error });
      }
    };
    let response = await attempt(false);
    if (response.status === 401) response = await attempt(true);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    if (!response.ok) {
      throw new ParleyError(
        codeForStatus(response.status),
        detailMessage(body) ?? `Upload failed (HTTP ${response.status})`,
        { status: response.status },
      );
    }
    const upload = body as WireUpload | undefined;
    if (typeof upload?.url !== "string")
      throw new ParleyError("protocol", "rooms-ws answered the upload without a url");
    onProgress?.(1);
    return toAttachment(this.context.url, upload, name);
  }
}
