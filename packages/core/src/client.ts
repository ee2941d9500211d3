import type { Auth } from "./auth.js";
import { type ClientParts, createClientParts } from "./client-parts.js";
import type {
  ChatClient,
  ChatClientEvents,
  ChatClientOptions,
  SendOptions,
} from "./client-types.js";
import {
  closeConversation,
  loadOlder,
  markRead,
  openConversation,
} from "./conversation-actions.js";
import {
  deleteMessage,
  discardMessage,
  editMessage,
  retryMessage,
  sendMessage,
  uploadFile,
} from "./message-actions.js";
import type { Attachment, Conversation, Message } from "./model.js";

export type {
  ChatClient,
  ChatClientEvents,
  ChatClientOptions,
  SendOptions,
} from "./client-types.js";

/**
 * Creates a client for one backend; call `connect()` to go online. The parts are wired in
 * client-parts.ts; each public method hands its work to a named function (message-actions.ts,
 * conversation-actions.ts). ARCHITECTURE.md follows a message through them.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const parts = createClientParts(options);
  const client = new ParleyClient(parts);
  // Opened once the app could subscribe: a cache may report a problem at once.
  const { link } = parts;
  if (link) queueMicrotask(() => link.open());
  return client;
}

/** The client's public face over its wired parts. */
class ParleyClient implements ChatClient {
  readonly #parts: ClientParts;
  // Bound, so they can be handed around (`useSyncExternalStore(client.subscribe, ...)`).
  readonly getState: ChatClient["getState"];
  readonly subscribe: ChatClient["subscribe"];
  readonly store: ChatClient["store"];
  readonly capabilities: ChatClient["capabilities"];

  constructor(parts: ClientParts) {
    this.#parts = parts;
    this.store = parts.store;
    this.getState = parts.store.getState;
    this.subscribe = parts.store.subscribe;
    this.capabilities = parts.options.adapter.capabilities;
  }

  on<K extends keyof ChatClientEvents>(
    event: K,
    listener: (payload: ChatClientEvents[K]) => void,
  ): () => void {
    return this.#parts.emitter.on(event, listener);
  }

  connect(): void {
    this.#parts.connection.start();
  }

  disconnect(): void {
    this.#parts.typingSender.stopAll();
    this.#parts.connection.stop();
  }

  setAuth(auth: Auth): void {
    this.#parts.tokens.set(auth);
    this.#parts.connection.stop();
    this.#parts.connection.start();
  }

  loadConversations(): Promise<Conversation[]> {
    return this.#parts.list.load();
  }

  openConversation(conversationId: string): Promise<void> {
    return openConversation(this.#parts, conversationId);
  }

  closeConversation(conversationId: string): void {
    closeConversation(this.#parts, conversationId);
  }

  loadOlder(conversationId: string): Promise<boolean> {
    return loadOlder(this.#parts, conversationId);
  }

  markRead(conversationId: string): Promise<void> {
    return markRead(this.#parts, conversationId);
  }

  send(conversationId: string, text: string, options?: SendOptions): Message {
    return sendMessage(this.#parts, conversationId, text, options);
  }

  retry(clientId: string): void {
    retryMessage(this.#parts, clientId);
  }

  discard(clientId: string): void {
    discardMessage(this.#parts, clientId);
  }

  edit(message: Message, text: string): Promise<Message> {
    return editMessage(this.#parts, message, text);
  }

  delete(message: Message): Promise<void> {
    return deleteMessage(this.#parts, message);
  }

  upload(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<Attachment> {
    return uploadFile(this.#parts, file, name, onProgress);
  }

  typing(conversationId: string): void {
    this.#parts.typingSender.keystroke(conversationId);
  }

  stopTyping(conversationId: string): void {
    this.#parts.typingSender.stop(conversationId);
  }

  setStatus(status: string): void {
    this.#parts.session.setStatus?.(status);
  }

  destroy(): void {
    const { list, typingSender, typingTracker, outbox, connection, link, emitter } = this.#parts;
    list.dispose();
    typingSender.stopAll();
    typingTracker.clear();
    outbox.dispose();
    connection.stop();
    link?.close();
    emitter.clear();
  }
}
