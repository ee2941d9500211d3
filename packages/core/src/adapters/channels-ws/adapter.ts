import type {
  AdapterContext,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import { type Capabilities, noCapabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { rest, toWebSocketUrl } from "../../http/rest.js";
import type { Conversation, Message } from "../../model.js";
import { ChatMember } from "./member.js";
import type { WireChat, WireMessage, WirePage } from "./wire.js";

/**
 * channels-ws as documented: messages only, over one socket per chat. History and the chat
 * list come from the reference server's extension endpoints when the backend has them.
 */
const documented: Capabilities = noCapabilities; // the seed documents nothing beyond send/receive

/** Options for {@link channelsWs}. */
export interface ChannelsWsOptions {
  /** Try the history and chat-list extension endpoints. @default true */
  extensions?: boolean;
}

/** The channels-ws adapter: patient and professional chat rooms, one WebSocket per chat. */
export function channelsWs(options: ChannelsWsOptions = {}): ChatAdapter {
  return {
    name: "channels-ws",
    capabilities: documented,
    createSession: (context) => new ChannelsSession(context, options.extensions ?? true),
  };
}

class ChannelsSession implements AdapterSession {
  private readonly members = new Map<string, ChatMember>();
  private readonly chats = new Map<string, WireChat>();
  private me: string | null = null;
  private extensions: boolean;
  private connected = false;
  history?: AdapterSession["history"];
  conversations?: AdapterSession["conversations"];

  constructor(
    private readonly context: AdapterContext,
    tryExtensions: boolean,
  ) {
    this.extensions = tryExtensions;
  }

  async connect(): Promise<void> {
    const token = await this.context.token();
    this.me = tokenSubject(token);
    if (this.extensions) await this.loadChats();
    this.connected = true;
    this.context.emit({ type: "ready", userId: this.me ?? "" });
    for (const member of this.members.values()) member.open();
  }

  disconnect(): void {
    this.connected = false;
    for (const member of this.members.values()) member.close();
  }

  /** Opens the chat's socket; resolves once it is open (a refused chat is reported as an error). */
  watch(chatId: string): Promise<void> | undefined {
    let member = this.members.get(chatId);
    if (!member) {
      member = this.createMember(chatId);
      this.members.set(chatId, member);
    }
    if (!this.connected) return undefined;
    if (!member.isOpen) member.open();
    return member.whenOpen().catch(() => {});
  }

  unwatch(chatId: string): void {
    this.members.get(chatId)?.close();
    this.members.delete(chatId);
  }

  async send(outgoing: OutgoingMessage): Promise<Message | null> {
    let member = this.members.get(outgoing.conversationId);
    if (!member) {
      this.watch(outgoing.conversationId);
      member = this.members.get(outgoing.conversationId);
    }
    if (!this.connected || !member) throw new ParleyError("network", "Not connected");
    const stored = await member.send(outgoing.text);
    return this.toMessage(outgoing.conversationId, stored);
  }

  private createMember(chatId: string): ChatMember {
    return new ChatMember({
      chatId,
      url: async () =>
        `${toWebSocketUrl(this.context.url)}/ws/chat/${encodeURIComponent(chatId)}/?token=${encodeURIComponent(await this.context.token())}`,
      WebSocket: this.context.WebSocket,
      timers: this.context.timers,
      random: () => this.context.random(),
      onMessage: (wire) =>
        this.context.emit({ type: "message", message: this.toMessage(chatId, wire) }),
      onError: (error) => this.context.emit({ type: "error", error }),
      onReopen: () => {
        if (this.history) {
          this.history(chatId, null, 50).then(
            (page) => {
              for (const message of page.messages) this.context.emit({ type: "message", message });
            },
            () => {},
          );
        }
      },
      onFatal: (error) => {
        if (error.code === "unauthorized") this.context.emit({ type: "closed", error });
        else this.context.emit({ type: "error", error });
      },
      onState: () => {
        // Every member down at once is a lost connection, which the client reconnects as a whole.
        if (
          this.connected &&
          this.members.size > 0 &&
          [...this.members.values()].every((m) => !m.isOpen)
        ) {
          this.connected = false;
          this.context.emit({
            type: "closed",
            error: new ParleyError("network", "Every chat socket is down"),
          });
        }
      },
    });
  }

  private async loadChats(): Promise<void> {
    let chats: WireChat[];
    try {
      chats = await rest<WireChat[]>(this.context, "/chat/chats/");
    } catch (error) {
      if (
        error instanceof ParleyError &&
        (error.code === "not-found" || error.code === "protocol")
      ) {
        this.extensions = false; // a backend without the extension: messages only
        return;
      }
      throw error;
    }
    for (const chat of chats) this.chats.set(chat.id, chat);
    this.history = (chatId, cursor, limit) => this.fetchHistory(chatId, cursor, limit);
    this.conversations = async () => {
      const fresh = await rest<WireChat[]>(this.context, "/chat/chats/");
      for (const chat of fresh) this.chats.set(chat.id, chat);
      return fresh.map((chat) => this.toConversation(chat));
    };
    this.context.emit({
      type: "capabilities",
      capabilities: { history: true, conversationList: true },
    });
  }

  private async fetchHistory(
    chatId: string,
    cursor: string | null,
    limit: number,
  ): Promise<HistoryPage> {
    const page = cursor === null ? 1 : Number(cursor);
    const body = await rest<WirePage>(
      this.context,
      `/chat/chats/${encodeURIComponent(chatId)}/messages/`,
      {
        query: { page, page_size: limit },
      },
    );
    return {
      messages: body.results.map((m) => this.toMessage(chatId, m)).reverse(),
      cursor: body.next ? String(page + 1) : null,
    };
  }

  /** The sender is whoever holds `sender_type` in the chat (known from the chat list). */
  private toMessage(chatId: string, wire: WireMessage): Message {
    const chat = this.chats.get(chatId);
    const senderId = chat ? chat[wire.sender_type] : wire.sender_type;
    return {
      clientId: `id:${wire.id}`,
      id: wire.id,
      conversationId: chatId,
      senderId,
      text: wire.content,
      createdAt: wire.created_at,
      status: "sent",
      extra: { sender_type: wire.sender_type },
    };
  }

  private toConversation(chat: WireChat): Conversation {
    return {
      id: chat.id,
      kind: "direct",
      participants: [
        { id: chat.patient, role: "patient" },
        { id: chat.professional, role: "professional" },
      ],
      unreadCount: 0,
      ...(chat.last_message ? { lastMessage: this.toMessage(chat.id, chat.last_message) } : {}),
    };
  }
}
