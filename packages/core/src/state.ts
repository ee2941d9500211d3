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
  /**
   * Conversations whose history could not be read just now, by id; absent: nothing wrong. The
   * live feed goes on meanwhile, and the entry goes once a newest page is read.
   */
  historyStatus: Readonly<Record<string, HistoryStatus>>;
}

/**
 * Why a conversation's history is missing right now: reading its newest messages failed with an
 * error worth trying again (a 5xx, the network, a timeout). Messages still arrive live. The
 * client reads again by itself with backoff a few times (`retryAt`), and again on every
 * reconnect, on `loadOlder` and on `openConversation`. What a backend will keep refusing is not
 * a status but a capability (`capabilities.history` false) or the caller's error.
 */
export interface HistoryStatus {
  /** Why the last read failed. */
  readonly error: ParleyError;
  /** Reads that failed in a row. */
  readonly failures: number;
  /**
   * When the client reads again by itself (`timers.now()`, ms), or null when it has stopped
   * trying on its own (the conversation is closed, or the tries ran out).
   */
  readonly retryAt: number | null;
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
    historyStatus: idRecord(),
  }));
}
