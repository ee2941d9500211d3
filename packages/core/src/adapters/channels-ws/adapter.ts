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
import { type RestContext, toWebSocketUrl } from "../../http/rest.js";
import type { Message } from "../../model.js";
import { chatList, historyPage } from "./rest.js";
import { ChatSocket } from "./socket.js";
import {
  type SenderType,
  toConversation,
  toMessage,
  type WireChat,
  type WireMessage,
} from "./wire.js";

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
  /** Per chat, the `sender_type` our own echoes carry there (learnt from our first echo). */
  readonly #roles = new Map<string, SenderType>();
  /** Per chat whose role is not known yet, the texts we sent there (see `#learnRole`). */
  readonly #unechoed = new Map<string, Set<string>>();
  #me: string | null = null;
  #extensions: boolean;
  /** Whether the backend is known to have history (the list extension, or a page read). */
  #historyKnown = false;
  #connected = false;
  history?: AdapterSession["history"];
  conversations?: AdapterSession["conversations"];

  readonly #context: AdapterContext;

  constructor(context: AdapterContext, tryExtensions: boolean) {
    this.#context = context;
    this.#extensions = tryExtensions;
  }

  async connect(): Promise<void> {
    const token = await this.#socketToken();
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
    const chatId = outgoing.conversationId;
    if (!this.#chats.has(chatId) && !this.#roles.has(chatId)) {
      const texts = this.#unechoed.get(chatId) ?? new Set<string>();
      this.#unechoed.set(chatId, texts.add(outgoing.text));
    }
    const stored = await socket.send(outgoing.text);
    return this.#toMessage(outgoing.conversationId, stored);
  }

  #createSocket(chatId: string): ChatSocket {
    return new ChatSocket({
      chatId,
      url: async () =>
        `${toWebSocketUrl(this.#context.url)}/ws/chat/${encodeURIComponent(chatId)}/?token=${encodeURIComponent(await this.#socketToken())}`,
      WebSocket: this.#context.WebSocket,
      timers: this.#context.timers,
      random: () => this.#context.random(),
      onMessage: (wire, own) => {
        if (own) {
          this.#roles.set(chatId, wire.sender_type);
          this.#unechoed.delete(chatId);
        }
        this.#context.emit({ type: "message", message: this.#toMessage(chatId, wire) });
      },
      checkRefusal: (everOpened) => this.#checkRefusal(everOpened),
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
        // A chat refused for good (not a member, no such chat) is not a lost link.
        const live = [...this.#sockets.values()].filter((m) => !m.refused);
        if (this.#connected && live.length > 0 && live.every((m) => !m.isOpen)) {
          this.#connected = false;
          this.#context.emit({
            type: "closed",
            error: new ParleyError("network", "Every chat socket is down"),
          });
        }
      },
    });
  }

  /**
   * The token of the chat sockets: the one the client refreshes after a refusal. Channels has
   * one token for everything; the socket's is the one connecting depends on.
   */
  #socketToken(): Promise<string> {
    return this.#context.token({ purpose: "socket" });
  }

  /** A REST context on the socket's token; `refresh` lets a 401 ask for a new one once. */
  #asSocket(refresh: boolean): RestContext {
    return {
      url: this.#context.url,
      fetch: this.#context.fetch,
      token: (options) =>
        this.#context.token({ purpose: "socket", refresh: refresh && !!options?.refresh }),
    };
  }

  async #loadChats(): Promise<void> {
    let chats: WireChat[] | null = null;
    try {
      // With the socket's token, not refreshed here: a refused token ends this connect as
      // `unauthorized`, and the client's one refresh after it is the socket token's.
      chats = await chatList(this.#asSocket(false));
    } catch (error) {
      // A backend without the list extension: no list. History may still be there (the deployed
      // backend pages a chat's messages without listing chats): tried on first use.
      if (
        !(error instanceof ParleyError && (error.code === "not-found" || error.code === "protocol"))
      )
        throw error;
    }
    this.history ??= (chatId, cursor, limit) => this.#fetchHistory(chatId, cursor, limit);
    if (!chats) return;
    this.#historyKnown = true;
    for (const chat of chats) this.#chats.set(chat.id, chat);
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

  /**
   * A history page. Without the chat list, the first answer tells whether the backend has
   * history at all: a page reports the capability; "not-found" before any page, for a chat we
   * are in, withdraws history ("unsupported": a backend with neither extension, messages only;
   * sends whose echo was lost become `unconfirmed`, never resent without proof).
   */
  async #fetchHistory(chatId: string, cursor: string | null, limit: number): Promise<HistoryPage> {
    let page: Awaited<ReturnType<typeof historyPage>>;
    try {
      page = await historyPage(this.#context, chatId, cursor, limit);
    } catch (error) {
      // "not-found" for a chat whose socket is open (so we are a member): no history endpoint.
      const missing =
        !this.#historyKnown &&
        error instanceof ParleyError &&
        error.code === "not-found" &&
        this.#sockets.get(chatId)?.isOpen;
      if (!missing) throw error;
      this.history = undefined;
      this.#context.emit({ type: "capabilities", capabilities: { history: false } });
      throw new ParleyError("unsupported", "This backend has no history", { cause: error });
    }
    if (!this.#historyKnown) {
      this.#historyKnown = true;
      this.#context.emit({ type: "capabilities", capabilities: { history: true } });
    }
    this.#learnRole(chatId, page.results);
    return { messages: page.results.map((m) => this.#toMessage(chatId, m)), cursor: page.next };
  }

  /**
   * Our role in a chat from history, when no echo told it yet (the first send's echo was lost
   * with the link): a stored message with the text of one of our sends is ours, as an echo
   * would be. Without this, the outbox's history check saw our stored message under the role's
   * name, took it for the other person's and sent ours again.
   */
  #learnRole(chatId: string, messages: readonly WireMessage[]): void {
    const texts = this.#unechoed.get(chatId);
    const ours = texts && messages.findLast((m) => texts.has(m.content));
    if (!ours || this.#roles.has(chatId)) return;
    this.#roles.set(chatId, ours.sender_type);
    this.#unechoed.delete(chatId);
  }

  /**
   * Why an attempt ended before opening with no close code, as a browser sees a backend that
   * refuses at the HTTP upgrade (Django Channels answers 403 when `connect()` closes before
   * accepting: a bad token, no such chat, not a member). An authenticated GET tells: 401/403
   * (after the one refresh REST does) is the token. Any other HTTP answer means the server is up
   * and took the token, so a socket that never opened was refused for the chat itself
   * ("forbidden"). A socket that was open before (a restart under way), or a token the check
   * had to refresh, is given another attempt (null: the link retries with backoff).
   */
  async #checkRefusal(everOpened: boolean): Promise<ParleyError | null> {
    const before = await this.#socketToken();
    try {
      await chatList(this.#asSocket(true));
    } catch (error) {
      const status = error instanceof ParleyError ? error.status : undefined;
      if (status === 401 || status === 403)
        return new ParleyError("unauthorized", "The chat socket refused the token", { status });
      if (status === undefined || status >= 500) return null;
    }
    // A token refreshed by the check (the old one had expired) may be all the socket needed.
    if (everOpened || (await this.#socketToken()) !== before) return null;
    return new ParleyError(
      "forbidden",
      "The chat socket was refused: no such chat, or not a member",
    );
  }

  /**
   * A message of the chat, its sender named from the chat list or, without it, from the role
   * our own echoes carry in this chat (see {@link toMessage}).
   */
  #toMessage(chatId: string, wire: WireMessage): Message {
    return toMessage(chatId, wire, this.#chats.get(chatId), this.#me, this.#roles.get(chatId));
  }
}
