import type {
  AdapterContext,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "../../adapter.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import type { Attachment, Conversation, Message } from "../../model.js";
import { RoomsApi, toId } from "./api.js";
import { mediaPath, messageTypeOf, toMessage } from "./normalize.js";
import { RoomsSocket } from "./socket.js";
import type { ParticipantType, WireMessage } from "./wire.js";

/** rooms-ws as its seed documents it (PROTOCOLS.md). */
const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "message",
  deliveryStatus: false,
  presence: true,
  userStatus: false,
  attachments: "upload",
  edit: true,
  delete: true,
  replies: true,
  groups: true,
  // The seed creates chats over REST, but a session has no method to start a conversation.
  createConversation: false,
};

/** Options for {@link roomsWs}. */
export interface RoomsWsOptions {
  /**
   * Which side of the desk the account is on: staff and admins are `user`
   * (`/api/v1/chat/ws/chat/user`, `GET /chats`), customers `customer` (`.../customer`,
   * `GET /chats/customer`). @default "user"
   */
  participant?: ParticipantType;
  /** How long a frame may wait for its answer (echo, join, pong). @default 10000 */
  replyTimeoutMs?: number;
}

/**
 * The rooms-ws adapter: staff/customer chats with any number of participants over one raw
 * WebSocket, joined per chat with `join_chat`, plus a FastAPI-style REST API.
 *
 * Ids: every integer id becomes its decimal string. `conversationId` is the chat id
 * (`chat_id`); `userId`/`senderId` is the `participant_id` (`sender_id`, `reader_id`), unique
 * across staff and customers. Message edits and deletes arrive live through the server's
 * `message_updated`/`message_deleted` extension frames; presence is the chats' `user_joined`/
 * `user_left` (and `is_online` of the chat list).
 */
export function roomsWs(options: RoomsWsOptions = {}): ChatAdapter {
  return {
    name: "rooms-ws",
    capabilities: documented,
    createSession: (context) => new RoomsSession(context, options),
  };
}

class RoomsSession implements AdapterSession {
  private readonly api: RoomsApi;
  private readonly socket: RoomsSocket;
  /** Chats the client watches: joined again on every new link. */
  private readonly watched = new Set<string>();
  /** Joins sent on the current link. */
  private joins = new Map<number, Promise<void>>();

  constructor(
    private readonly context: AdapterContext,
    options: RoomsWsOptions,
  ) {
    const participant = options.participant ?? "user";
    this.api = new RoomsApi(context, participant);
    this.socket = new RoomsSocket({
      context,
      participant,
      timeoutMs: options.replyTimeoutMs ?? 10_000,
      onClosed: (error) => {
        this.joins = new Map();
        context.emit({ type: "closed", error });
      },
    });
  }

  private get me(): string | null {
    return this.socket.me;
  }

  async connect(): Promise<void> {
    this.joins = new Map();
    const link = await this.socket.open();
    // Join the watched chats before `ready`, so the client's catch-up history comes after it.
    await Promise.all([...this.watched].map((id) => this.join(id)));
    if (!this.socket.isCurrent(link) || this.me === null)
      throw new ParleyError("network", "rooms-ws closed while joining");
    this.context.emit({ type: "ready", userId: this.me });
  }

  disconnect(): void {
    this.joins = new Map();
    this.socket.close();
  }

  /** Sends `join_chat` once per link; resolves on the joiner's own `user_joined`, never rejects. */
  private join(conversationId: string): Promise<void> {
    let chatId: number;
    try {
      chatId = toId(conversationId, "chat id");
    } catch (error) {
      this.context.emit({ type: "error", error: error as ParleyError });
      return Promise.resolve();
    }
    const known = this.joins.get(chatId);
    if (known) return known;
    let answer: Promise<void>;
    try {
      answer = this.socket.request(
        { type: "join_chat", chat_id: chatId },
        { kind: "join", chatId },
      );
    } catch {
      return Promise.resolve(); // not connected: joined on the next connect
    }
    const joined = answer.then(
      () => {
        this.socket.members.add(chatId);
      },
      (error: ParleyError) => {
        if (this.joins.get(chatId) === joined) this.joins.delete(chatId);
        if (error.code !== "network") this.context.emit({ type: "error", error });
      },
    );
    this.joins.set(chatId, joined);
    return joined;
  }

  watch(conversationId: string): void {
    this.watched.add(conversationId);
    if (this.socket.isOpen) void this.join(conversationId);
  }

  unwatch(conversationId: string): void {
    this.watched.delete(conversationId);
    const chatId = Number(conversationId);
    if (!this.joins.delete(chatId) || !this.socket.isOpen) return;
    this.socket
      .request({ type: "leave_chat", chat_id: chatId }, { kind: "leave", chatId })
      .catch(() => {});
  }

  async send(outgoing: OutgoingMessage): Promise<Message | null> {
    const chatId = toId(outgoing.conversationId, "chat id");
    const attachments = outgoing.attachments ?? [];
    if (attachments.length > 1)
      throw new ParleyError("invalid-input", "rooms-ws carries one attachment per message");
    const attachment = attachments[0];
    const media = attachment ? mediaPath(this.context.url, attachment.url) : null;
    const requested = outgoing.extra?.message_type;
    const frame = {
      type: "send_message",
      chat_id: chatId,
      ...(outgoing.text !== "" ? { content: outgoing.text } : {}),
      message_type: attachment
        ? typeof requested === "string"
          ? requested
          : messageTypeOf(attachment)
        : "text",
      ...(media !== null ? { media_url: media } : {}),
      ...(outgoing.replyTo ? { reply_to_id: toId(outgoing.replyTo, "reply id") } : {}),
    };
    const wire = await this.socket.request<WireMessage>(frame, {
      kind: "send",
      chatId,
      content: outgoing.text,
      media,
    });
    return toMessage(this.context.url, wire);
  }

  history(conversationId: string, cursor: string | null, limit: number): Promise<HistoryPage> {
    return this.api.history(conversationId, cursor, limit);
  }

  /** The chat list; it also tells who is online (`is_online`), reported as presence. */
  async conversations(): Promise<Conversation[]> {
    const chats = await this.api.chats();
    const online = new Map<string, boolean>();
    for (const chat of chats) {
      this.socket.members.add(chat.id);
      for (const p of chat.participants ?? [])
        if (typeof p.is_online === "boolean") online.set(String(p.participant_id), p.is_online);
    }
    for (const [userId, isOnline] of online)
      if (userId !== this.me)
        this.context.emit({ type: "presence", userId, presence: { online: isOnline } });
    return chats.map((chat) => this.api.conversation(chat));
  }

  /**
   * `read_message` for the newest message from someone else (the server marks every earlier
   * one read too). Without `upTo`, the newest page tells which message that is.
   */
  async markRead(conversationId: string, upTo?: Message): Promise<void> {
    const chatId = toId(conversationId, "chat id");
    let target = upTo?.id !== undefined && upTo.senderId !== this.me ? upTo : undefined;
    if (!target) {
      const page = await this.api.history(conversationId, null, 50);
      target = page.messages.filter((m) => m.senderId !== this.me).at(-1);
    }
    if (target?.id === undefined) return;
    const messageId = toId(target.id, "message id");
    this.socket.notify(
      { type: "read_message", chat_id: chatId, message_id: messageId },
      { kind: "read", chatId },
    );
  }

  typing(conversationId: string, typing: boolean): void {
    if (!this.socket.isOpen) return;
    const chatId = Number(conversationId);
    if (!Number.isSafeInteger(chatId) || chatId <= 0) return;
    this.socket.notify(
      { type: "typing", chat_id: chatId, is_typing: typing },
      { kind: "typing", chatId },
    );
  }

  edit(message: Message, text: string): Promise<Message> {
    if (message.id === undefined)
      return Promise.reject(new ParleyError("invalid-input", "The message is not sent yet"));
    return this.api.edit(message.id, text);
  }

  async delete(message: Message): Promise<void> {
    if (message.id === undefined)
      throw new ParleyError("invalid-input", "The message is not sent yet");
    await this.api.delete(message.id);
  }

  upload(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<Attachment> {
    return this.api.upload(file, name, onProgress);
  }

  /** `ping`, answered by `pong`. */
  async ping(): Promise<void> {
    await this.socket.request({ type: "ping" }, { kind: "ping" });
  }
}
