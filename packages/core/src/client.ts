import type { Auth } from "./auth.js";
import { type ClientParts, createClientParts } from "./client-parts.js";
import type { ChatClient, ChatClientOptions, SendOptions } from "./client-types.js";
import {
  closeConversation,
  loadOlder,
  markRead,
  openConversation,
  startConversation,
} from "./conversation-actions.js";
import {
  deleteMessage,
  discardMessage,
  editMessage,
  retryMessage,
  sendMessage,
  uploadFile,
} from "./message-actions.js";

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
  const { store, connection, typingSender, session } = parts;
  return {
    // Plain functions, so they can be handed around (`useSyncExternalStore(client.subscribe, ...)`).
    getState: store.getState,
    subscribe: store.subscribe,
    store,
    capabilities: options.adapter.capabilities,
    users: parts.users,
    on: (event, listener) => parts.emitter.on(event, listener),
    connect: () => connection.start(),
    disconnect() {
      typingSender.stopAll();
      connection.stop();
    },
    setAuth(auth: Auth) {
      parts.tokens.set(auth);
      connection.stop();
      connection.start();
    },
    loadConversations: () => parts.list.load(),
    startConversation: (userId) => startConversation(parts, userId),
    openConversation: (id) => openConversation(parts, id),
    closeConversation: (id) => closeConversation(parts, id),
    loadOlder: (id) => loadOlder(parts, id),
    markRead: (id) => markRead(parts, id),
    send: (id, text, sendOptions?: SendOptions) => sendMessage(parts, id, text, sendOptions),
    retry: (clientId) => retryMessage(parts, clientId),
    discard: (clientId) => discardMessage(parts, clientId),
    edit: (message, text) => editMessage(parts, message, text),
    delete: (message) => deleteMessage(parts, message),
    upload: (file, name, onProgress) => uploadFile(parts, file, name, onProgress),
    typing: (id) => typingSender.keystroke(id),
    stopTyping: (id) => typingSender.stop(id),
    setStatus: (status) => session.setStatus?.(status),
    destroy: () => destroyClient(parts),
  };
}

/** Disconnects and releases every timer, listener and the cache. */
function destroyClient(parts: ClientParts): void {
  parts.list.dispose();
  parts.users.dispose();
  parts.retry.dispose();
  parts.typingSender.stopAll();
  parts.typingTracker.clear();
  parts.outbox.dispose();
  parts.connection.stop();
  parts.cache?.close();
  parts.emitter.clear();
}
