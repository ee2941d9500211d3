import { createStore, type StoreApi } from "zustand/vanilla";
import { type Capabilities, noCapabilities } from "./capabilities.js";
import type { ParleyError } from "./errors.js";
import type { ConnectionState, Conversation, Presence } from "./model.js";
import { idRecord } from "./records.js";
import type { Thread } from "./thread.js";

/**
 * Everything a UI renders, in one immutable snapshot. Records keyed by ids from the wire have
 * no prototype: an id such as "constructor" is only ever its own entry.
 */
export interface ChatState {
  connection: ConnectionState;
  /** Our own user id, once the server has said it. */
  me: string | null;
  capabilities: Capabilities;
  conversations: Readonly<Record<string, Conversation>>;
  /** The conversation list has been loaded at least once. */
  conversationsLoaded: boolean;
  threads: Readonly<Record<string, Thread>>;
  presence: Readonly<Record<string, Presence>>;
  /** Conversation id to the ids of users typing there now. */
  typing: Readonly<Record<string, readonly string[]>>;
  /** The last problem worth showing (a refused send, a storage warning). */
  lastError: ParleyError | null;
}

export type ChatStore = StoreApi<ChatState>;

export function createChatStore(capabilities: Capabilities = noCapabilities): ChatStore {
  return createStore<ChatState>()(() => ({
    connection: { status: "idle" },
    me: null,
    capabilities,
    conversations: idRecord(),
    conversationsLoaded: false,
    threads: idRecord(),
    presence: idRecord(),
    typing: idRecord(),
    lastError: null,
  }));
}
