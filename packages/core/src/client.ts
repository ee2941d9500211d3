import { createClientParts } from "./client-parts.js";
import type { ChatClient, ChatClientOptions } from "./client-types.js";
import * as conversations from "./conversation-actions.js";
import * as messages from "./message-actions.js";

export type {
  ChatClient,
  ChatClientEvents,
  ChatClientOptions,
  SendOptions,
} from "./client-types.js";

/**
 * Creates a client for one backend; call `connect()` to go online. It only wires the parts
 * together: each public method is a named function in message-actions.ts or
 * conversation-actions.ts, and ARCHITECTURE.md follows a message through them.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const parts = createClientParts(options);
  const {
    store,
    emitter,
    connection,
    tokens,
    typingSender,
    typingTracker,
    session,
    outbox,
    list,
    link,
  } = parts;
  const client: ChatClient = {
    getState: store.getState,
    subscribe: store.subscribe,
    store,
    capabilities: options.adapter.capabilities,
    on: (event, listener) => emitter.on(event, listener),
    connect: () => connection.start(),
    disconnect: () => {
      typingSender.stopAll();
      connection.stop();
    },
    setAuth(auth) {
      tokens.set(auth);
      connection.stop();
      connection.start();
    },
    loadConversations: () => list.load(),
    openConversation: (id) => conversations.openConversation(parts, id),
    closeConversation: (id) => conversations.closeConversation(parts, id),
    loadOlder: (id) => conversations.loadOlder(parts, id),
    markRead: (id) => conversations.markRead(parts, id),
    send: (id, text, sendOptions) => messages.send(parts, id, text, sendOptions),
    retry: (clientId) => messages.retry(parts, clientId),
    discard: (clientId) => messages.discard(parts, clientId),
    edit: (message, text) => messages.edit(parts, message, text),
    delete: (message) => messages.deleteMessage(parts, message),
    upload: (file, name, onProgress) => messages.upload(parts, file, name, onProgress),
    typing: (id) => typingSender.keystroke(id),
    stopTyping: (id) => typingSender.stop(id),
    setStatus: (status) => session.setStatus?.(status),
    destroy() {
      list.dispose();
      typingSender.stopAll();
      typingTracker.clear();
      outbox.dispose();
      connection.stop();
      link?.close();
      emitter.clear();
    },
  };
  // Opened once the app could subscribe: a cache may report a problem at once.
  if (link) queueMicrotask(() => link.open());
  return client;
}
