import type { ChatAdapter } from "./adapter.js";
import type { Auth } from "./auth.js";
import type { BackoffOptions } from "./backoff.js";
import type { ChatCache } from "./cache.js";
import type { Capabilities } from "./capabilities.js";
import type { Environment, Timers } from "./environment.js";
import type { ParleyError } from "./errors.js";
import type { Attachment, ConnectionState, Conversation, Message } from "./model.js";
import type { ChatState, ChatStore } from "./state.js";
import type { TypingOptions } from "./typing.js";
import type { ChatUsers, User, UserResolver } from "./user-directory.js";

// The client's public shape: what `createChatClient` takes and answers (see client.ts).

/** Options for `createChatClient`. */
export interface ChatClientOptions {
  /** The backend's dialect, from its subpath entry, e.g. `@parley/core/adapters/friends-ws`. */
  adapter: ChatAdapter;
  /** The backend's base URL, `http(s)://host:port`. */
  url: string;
  /** A token, or a provider called again when the server refuses the current one. */
  auth: Auth;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** WebSocket constructor for raw WebSocket dialects. @default globalThis.WebSocket */
  WebSocket?: unknown;
  /** Online and visibility signals. @default browser events, inert in Node */
  environment?: Environment;
  /** Timer and clock seams. @default the global timers and Date.now */
  timers?: Timers;
  /** Randomness in [0, 1), for backoff jitter. @default Math.random */
  random?: () => number;
  /**
   * Reconnection backoff: the first attempt after a drop at a random moment within `min` (a crowd
   * comes back spread over it), attempt n between half and all of `min * factor^n`, at most
   * `max`. @default { min: 1000, max: 30000, factor: 2 }
   */
  backoff?: BackoffOptions;
  /**
   * Half-open link detection. `intervalMs`/`timeoutMs`: the dialect's keepalive, where it has one
   * (default 25 s, answered within 10 s). `silenceMs`: without one, how long the link may stay
   * silent before it is re-established (default 60 s, 0 for never). A send left unconfirmed also
   * gets the link checked.
   */
  heartbeat?: { intervalMs?: number; timeoutMs?: number; silenceMs?: number };
  /**
   * How a conversation's history that could not be read (a 5xx, the network) is tried again on
   * its own: up to `maxAttempts` times with `backoff`, then on the next reconnect, open or
   * `loadOlder`. Meanwhile `state.historyStatus` has the conversation and live messages still
   * arrive. @default { maxAttempts: 6, backoff: { min: 2000, max: 60000 } }
   */
  historyRetry?: { maxAttempts?: number; backoff?: BackoffOptions };
  /** Outbox behaviour. */
  outbox?: { maxAttempts?: number; ackTimeoutMs?: number; retryBackoff?: BackoffOptions };
  /** Typing debounce; `expireMs` bounds how long an incoming "typing" lasts without a refresh. */
  typing?: Omit<TypingOptions, "setTimeout" | "clearTimeout" | "now"> & { expireMs?: number };
  /** Longest message text accepted by `send`. @default 4000 */
  maxTextLength?: number;
  /** Messages per history page. @default 50 */
  pageSize?: number;
  /** Generates client ids. @default crypto.randomUUID */
  createId?: () => string;
  /**
   * Uploads a file somewhere the backend's messages can link to (your own storage), for
   * backends that carry attachments by URL. Used instead of the adapter's upload endpoint.
   * @default the adapter's upload, where the dialect has one
   */
  upload?: (
    file: Blob,
    name: string,
    onProgress?: (fraction: number) => void,
  ) => Promise<Attachment>;
  /**
   * A persistent cache (e.g. `createIdbCache` from `@parley/core/idb`): the store is filled from
   * it before the network answers, the outbox survives reloads, and tabs sharing it send each
   * message once. @default none: everything lives in memory
   */
  cache?: ChatCache;
  /**
   * People the app already knows, shown by name from the first frame (`client.users`).
   * @default none
   */
  users?: readonly User[];
  /**
   * Looks up people the backend does not name: called with the ids shown and not yet known,
   * collected over one tick; each id is asked once; a failure is retried later with backoff.
   * @default none: names come from `users` and the backend only
   */
  resolveUsers?: UserResolver;
}

/** Events for apps that prefer callbacks to the store. */
export interface ChatClientEvents extends Record<string, unknown> {
  message: Message;
  connection: ConnectionState;
  error: ParleyError;
}

/** Options of one send. */
export interface SendOptions {
  replyTo?: string;
  attachments?: Attachment[];
  extra?: Record<string, unknown>;
}

/** The Parley client: one backend, one user. */
export interface ChatClient {
  /** The current snapshot; the same object until something changes. */
  getState(): ChatState;
  /** Calls `listener` after every change (never on subscribe); answers the unsubscribe. */
  subscribe(listener: (state: ChatState, previous: ChatState) => void): () => void;
  /** The zustand vanilla store behind `getState`/`subscribe`. */
  readonly store: ChatStore;
  readonly capabilities: Capabilities;
  /** Who is who: names and avatars by user id, from `users`, the backend and `resolveUsers`. */
  readonly users: ChatUsers;
  on<K extends keyof ChatClientEvents>(
    event: K,
    listener: (payload: ChatClientEvents[K]) => void,
  ): () => void;
  connect(): void;
  /** Closes the connection; queued messages stay queued. */
  disconnect(): void;
  /** Replaces the credentials and reconnects (after `unauthorized`, or a new login). */
  setAuth(auth: Auth): void;
  loadConversations(): Promise<Conversation[]>;
  /**
   * The conversation with a person, where the backend starts one by writing to them
   * (`capabilities.createConversation`): answers its id (the person's id on these dialects), and
   * shows a new one at once, empty, until the first message reaches the server. Open it as any
   * other. Throws "unsupported" where the capability is false, or for our own id.
   */
  startConversation(userId: string): string;
  /**
   * Starts live events for a conversation and loads its newest messages when none are loaded.
   * Rejects only when the conversation is not the caller's (forbidden, not found, unauthorized):
   * a history the backend fails to give (a 5xx, the network) is reported to `error` listeners
   * and recorded in `state.historyStatus`, the live feed stays, and the read is tried again.
   */
  openConversation(conversationId: string): Promise<void>;
  closeConversation(conversationId: string): void;
  /**
   * Loads the next older page; resolves with whether more remain. While the conversation's
   * history is unavailable (`state.historyStatus`), tries its newest page again instead.
   */
  loadOlder(conversationId: string): Promise<boolean>;
  /** Shows the message at once as pending and queues it; throws on empty or oversize text. */
  send(conversationId: string, text: string, options?: SendOptions): Message;
  retry(clientId: string): void;
  discard(clientId: string): void;
  markRead(conversationId: string): Promise<void>;
  /** Call on every keystroke. */
  typing(conversationId: string): void;
  stopTyping(conversationId: string): void;
  edit(message: Message, text: string): Promise<Message>;
  delete(message: Message): Promise<void>;
  upload(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<Attachment>;
  setStatus(status: string): void;
  /** Disconnects and releases every timer and listener. */
  destroy(): void;
}
