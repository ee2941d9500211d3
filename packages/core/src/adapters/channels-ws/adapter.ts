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
import { toWebSocketUrl } from "../../http/rest.js";
import type { Message } from "../../model.js";
import { chatList, historyPage } from "./rest.js";
import { ChatSocket } from "./socket.js";
import { toConversation, toMessage, type WireChat, type WireMessage } from "./wire.js";

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
  /** One socket per watched chat, by chat id. */
  readonly #sockets = new Map<string, ChatSocket>();
  readonly #chats = new Map<string, WireChat>();
  #me: string | null = null;
  #extensions: boolean;
  #connected = false;
  history?: AdapterSession["history"];
  conversations?: AdapterSession["conversations"];

  readonly #context: AdapterContext;

  constructor(context: AdapterContext, tryExtensions: boolean) {
    this.#context = context;
    this.#extensions = tryExtensions;
  }

  async connect(): Promise<void> {
    const token = await this.#context.token();
    this.#me = tokenSubject(token);
    if (this.#extensions) await this.#loadChats();
    this.#connected = true;
    this.#context.emit({ type: "ready", userId: this.#me ?? "" });
    for (const socket of this.#sockets.values()) socket.open();
  }

  disconnect(): void {
    this.#connected = false;
    for (const socket of this.#sockets.values()) socket.close();
  }

  /** Opens the chat's socket; resolves once it is open (a refused chat is reported as an error). */
  watch(chatId: string): Promise<void> | undefined {
    let socket = this.#sockets.get(chatId);
    if (!socket) {
      socket = this.#createSocket(chatId);
      this.#sockets.set(chatId, socket);
    }
    if (!this.#connected) return undefined;
    if (!socket.isOpen) socket.open();
    return socket.whenOpen().catch(() => {});
  }

  unwatch(chatId: string): void {
    this.#sockets.get(chatId)?.close();
    this.#sockets.delete(chatId);
  }

  async send(outgoing: OutgoingMessage): Promise<Message | null> {
    let socket = this.#sockets.get(outgoing.conversationId);
    if (!socket) {
      this.watch(outgoing.conversationId);
      socket = this.#sockets.get(outgoing.conversationId);
    }
    if (!this.#connected || !socket) throw new ParleyError("network", "Not connected");
    const stored = await socket.send(outgoing.text);
    return this.#toMessage(outgoing.conversationId, stored);
  }

  #createSocket(chatId: string): ChatSocket {
    return new ChatSocket({
      chatId,
      url: async () =>
        `${toWebSocketUrl(this.#context.url)}/ws/chat/${encodeURIComponent(chatId)}/?token=${encodeURIComponent(await this.#context.token())}`,
      WebSocket: this.#context.WebSocket,
      timers: this.#context.timers,
      random: () => this.#context.random(),
      onMessage: (wire) =>
        this.#context.emit({ type: "message", message: this.#toMessage(chatId, wire) }),
      onError: (error) => this.#context.emit({ type: "error", error }),
      onReopen: () => {
        if (this.history) {
          this.history(chatId, null, 50).then(
            (page) => {
              for (const message of page.messages) this.#context.emit({ type: "message", message });
            },
            () => {},
          );
        }
      },
      onFatal: (error) => {
        if (error.code === "unauthorized") this.#context.emit({ type: "closed", error });
        else this.#context.emit({ type: "error", error });
      },
      onState: () => {
        // Every chat socket down at once is a lost connection: the client reconnects it whole.
        if (
          this.#connected &&
          this.#sockets.size > 0 &&
          [...this.#sockets.values()].every((m) => !m.isOpen)
        ) {
          this.#connected = false;
          this.#context.emit({
            type: "closed",
            error: new ParleyError("network", "Every chat socket is down"),
          });
        }
      },
    });
  }

  async #loadChats(): Promise<void> {
    let chats: WireChat[];
    try {
      chats = await chatList(this.#context);
    } catch (error) {
      if (
        error instanceof ParleyError &&
        (error.code === "not-found" || error.code === "protocol")
      ) {
        this.#extensions = false; // a backend without the extension: messages only
        return;
      }
      throw error;
    }
    for (const chat of chats) this.#chats.set(chat.id, chat);
    this.history = (chatId, cursor, limit) => this.#fetchHistory(chatId, cursor, limit);
    this.conversations = async () => {
      const fresh = await chatList(this.#context);
      for (const chat of fresh) this.#chats.set(chat.id, chat);
      return fresh.map((chat) => toConversation(chat, (id, wire) => this.#toMessage(id, wire)));
    };
    this.#context.emit({
      type: "capabilities",
      capabilities: { history: true, conversationList: true },
    });
  }

  async #fetchHistory(chatId: string, cursor: string | null, limit: number): Promise<HistoryPage> {
    const page = await historyPage(this.#context, chatId, cursor, limit);
    return {
      messages: page.results.map((m) => this.#toMessage(chatId, m)).reverse(),
      cursor: page.next,
    };
  }

  /** A message of the chat, its sender named from the chat list (see {@link toMessage}). */
  #toMessage(chatId: string, wire: WireMessage): Message {
    return toMessage(chatId, wire, this.#chats.get(chatId));
  }
}
