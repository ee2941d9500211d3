import type { OutgoingMessage } from "./adapter.js";
import type { ParleyError, ParleyErrorCode } from "./errors.js";
import type { Conversation, Message } from "./model.js";
import type { OutboxEntryState } from "./outbox-entry.js";
import type { ChatState } from "./state.js";
import type { User } from "./user-directory.js";

/**
 * A persistent cache behind the client (`createChatClient({ cache })`): the store is filled from
 * it before the network answers, every change is handed to it, and the outbox survives a reload.
 * The client knows nothing of the storage: `@parley/core/idb` is one implementation.
 */
export interface ChatCache {
  /**
   * Starts the cache. It calls `host.hydrate` exactly once (with an empty snapshot when nothing
   * could be read), then `host.leadership` whenever this tab starts or stops transmitting the
   * outbox, and `host.receive` for what other tabs post. It never throws.
   */
  open(host: CacheHost): void;
  /** The store changed. Called on every update, so it must only note the change and return. */
  persist(state: ChatState, previous: ChatState): void;
  /**
   * The outbox changed: `write.put` holds entries to store (new or changed), `write.remove` the
   * client ids of entries that ended. Resolves once the change is durable, or once the cache gave
   * up on it; never rejects. The client waits for it before it puts a message on the wire, so a
   * reload never sends a message that may already be there.
   */
  persistOutbox(write: OutboxWrite): Promise<void>;
  /**
   * The people the client knows by name changed (`users`: all of them), so a reload shows their
   * names from the first frame. @default not kept
   */
  persistUsers?(users: readonly User[]): void;
  /** The app opened a conversation (least recently used conversations are evicted first). */
  touch?(conversationId: string): void;
  /**
   * Cached messages just older than `before`, oldest first, or null when the cache cannot tell
   * what precedes `before` (then the client asks the network).
   */
  older?(conversationId: string, before: Message, limit: number): Promise<CachedPage | null>;
  /**
   * Posts to the other tabs of this user and server, after this tab's pending writes are durable.
   * A cache without it serves one tab, which always transmits.
   */
  post?(message: TabMessage): void;
  /** Deletes everything stored for this user and server (logout). */
  clear(): Promise<void>;
  /** Writes what is pending, hands leadership over and closes. */
  close(): Promise<void>;
}

/** What the client gives a cache in {@link ChatCache.open}. */
export interface CacheHost {
  /** What was stored, applied before any event from the network. */
  hydrate(snapshot: CacheSnapshot): void;
  /**
   * This tab now transmits the outbox (`leading`), with every entry stored by any tab to take
   * over, or stops transmitting and leaves it to the tab that leads.
   */
  leadership(leading: boolean, stored: readonly OutboxRecord[]): void;
  /** A message another tab posted. */
  receive(message: TabMessage): void;
  /** A storage problem (`storage-degraded`): the cache goes on in memory, nothing is lost. */
  report(error: ParleyError): void;
}

/** What a cache read at start. */
export interface CacheSnapshot {
  me: string | null;
  conversations: Conversation[];
  /** The newest messages of the most recently used conversations. */
  threads: CachedThread[];
  outbox: OutboxRecord[];
  /** People known by name in an earlier session (shown until the app or the wire says more). */
  users?: User[];
}

export interface CachedThread {
  conversationId: string;
  /** Oldest first. */
  messages: Message[];
  /** Where the network continues past the oldest of `messages` (null: from the newest page). */
  cursor: string | null;
  hasMore: boolean;
}

/** A page read from the cache; `cursor` and `hasMore` as in {@link CachedThread}. */
export interface CachedPage {
  messages: Message[];
  cursor: string | null;
  hasMore: boolean;
}

/**
 * What one outbox change asks a cache to store: entries to put (new or changed, as snapshots)
 * and the client ids of entries that ended. A change touches a few entries, so storing it costs
 * what changed, not the whole outbox.
 */
export interface OutboxWrite {
  put: OutboxRecord[];
  remove: string[];
}

/** One outbox entry as stored and as handed between tabs. */
export interface OutboxRecord {
  outgoing: OutgoingMessage;
  state: OutboxEntryState;
  attempts: number;
  /** When it was first put on the wire (ms). */
  firstSentAt?: number;
  /** When it was queued (ms): the time its pending message shows. */
  queuedAt: number;
}

/**
 * What tabs say to each other. Every tab tells the others what its user queued, retried or
 * discarded (the leading tab transmits it, the others show it); the leading tab tells every tab
 * what it puts on the wire and how that ended.
 */
export type TabMessage =
  | { type: "enqueue"; entry: OutboxRecord }
  | { type: "retry"; clientId: string }
  | { type: "discard"; clientId: string }
  | { type: "leading" }
  | { type: "sending"; entry: OutboxRecord }
  | { type: "confirmed"; clientId: string; message: Message }
  /** The leader read back stored copies (their server times and order): every tab applies them. */
  | { type: "read-back"; conversationId: string; messages: Message[] }
  | {
      type: "failed";
      clientId: string;
      conversationId: string;
      error: { code: ParleyErrorCode; message: string };
    };
