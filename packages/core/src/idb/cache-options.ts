import type { ChatCache } from "../cache.js";
import type { Timers } from "../environment.js";
import type { Message } from "../model.js";
import type { CacheLimits } from "./eviction.js";
import type { JournalStorage } from "./journal.js";
import type { LockManagerLike } from "./leadership.js";
import type { HydrateLimits } from "./reader.js";
import type { TermsOf } from "./records.js";
import type { StoredQuery } from "./stored-search.js";

/** Options for {@link createIdbCache}. */
export interface IdbCacheOptions {
  /** The backend's base URL, as given to the client: one database per server and user. */
  server: string;
  /** The signed-in user's id. */
  user: string;
  /** How much is kept. @default { perConversation: 5000, total: 25000 } messages */
  limits?: Partial<CacheLimits>;
  /** How much is read at start. @default { conversations: 20, messages: 50 } */
  hydrate?: Partial<HydrateLimits>;
  /** How long store changes gather before one write. @default 100 */
  writeDelayMs?: number;
  /** How long an upgrade waits for older tabs before this tab goes on in memory. @default 3000 */
  blockedTimeoutMs?: number;
  /** @default globalThis.indexedDB; null: memory only */
  indexedDB?: IDBFactory | null;
  /** @default navigator.locks; null: the BroadcastChannel election */
  locks?: LockManagerLike | null;
  /** @default globalThis.BroadcastChannel; null: this tab works alone */
  BroadcastChannel?: typeof BroadcastChannel | null;
  /** @default the global timers */
  timers?: Timers;
  /**
   * Where the outbox is noted synchronously until IndexedDB has committed it, so a send just
   * before the page goes away is never lost. @default globalThis.localStorage; null: none
   */
  localStorage?: JournalStorage | null;
  /**
   * The words a message's text is found by (`indexTerms` from `@parley/core/search`): stored
   * with each message, so `withSearch` also finds what the cache holds and the store does not.
   * @default none: the cache cannot be searched
   */
  terms?: TermsOf;
}

/** `memory`: nothing is read or written any more (degraded, or after `clear`). */
export type IdbCacheStatus = "idle" | "opening" | "open" | "memory" | "closed";

/** The IndexedDB cache: a {@link ChatCache} with a few extras for apps and tests. */
export interface IdbCache extends ChatCache {
  /** The database name, derived from the server and the user. */
  readonly name: string;
  readonly status: IdbCacheStatus;
  /** Whether this tab transmits the outbox for every tab of this user and server. */
  readonly leading: boolean;
  /** Writes everything pending now; resolves once it is stored. */
  flush(): Promise<void>;
  /**
   * Stored messages with, for each of the query's `terms` (folded words), a word that starts
   * with it, newest first, up to `limit`; null when the cache has no `terms` or is not open.
   * Used by `withSearch`.
   */
  searchStored(query: StoredQuery): Promise<Message[] | null>;
}

/** The database name for a server and a user (two accounts or backends never share one). */
export function cacheName(server: string, user: string): string {
  let origin = server.replace(/\/+$/, "");
  try {
    const url = new URL(server);
    origin = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    // Not a URL: the string as given.
  }
  return `parley:${encodeURIComponent(origin)}:${encodeURIComponent(user)}`;
}

/** The platform parts the cache uses: the options' own, else the globals. */
export function resolvePlatform(options: IdbCacheOptions): {
  storage: JournalStorage | null | undefined;
  factory: IDBFactory | null | undefined;
  locks: LockManagerLike | null | undefined;
  Channel: typeof BroadcastChannel | null | undefined;
} {
  const global = globalThis as {
    indexedDB?: IDBFactory;
    navigator?: { locks?: LockManagerLike };
    BroadcastChannel?: typeof BroadcastChannel;
    localStorage?: JournalStorage;
  };
  const storage = () => {
    try {
      return global.localStorage; // a sandboxed page throws on access
    } catch {
      return undefined;
    }
  };
  return {
    storage: options.localStorage === undefined ? storage() : options.localStorage,
    factory: options.indexedDB === undefined ? global.indexedDB : options.indexedDB,
    locks: options.locks === undefined ? global.navigator?.locks : options.locks,
    Channel:
      options.BroadcastChannel === undefined ? global.BroadcastChannel : options.BroadcastChannel,
  };
}
