import type { ChatCache } from "./cache.js";
import type { CacheLink, CacheLinkOptions } from "./cache-link.js";
import { ParleyError } from "./errors.js";
import type { Message } from "./model.js";
import type { Outbox } from "./outbox.js";
import type { OutboxEntry } from "./outbox-entry.js";

/**
 * The client's side of a persistent cache. The link itself (cache-link.ts) is loaded on demand,
 * so an app that passes no cache never downloads it; until it has loaded, the outbox does not
 * transmit and `ready` waits.
 */
export interface CacheConnection {
  /** Resolves once the store holds what the cache had. */
  readonly ready: Promise<void>;
  touch(conversationId: string): void;
  /** The cached page older than what the store holds; see {@link CacheLink.older}. */
  older(conversationId: string, limit: number): Promise<boolean | null>;
  beforeSend(entry: OutboxEntry): Promise<void>;
  /** Tells the other tabs what the adapter read back (see {@link CacheLink.readBack}). */
  readBack(conversationId: string, messages: Message[]): void;
  close(): void;
}

/** Loads the cache link and opens the cache (after the app could subscribe to its reports). */
export function connectCache(
  cache: ChatCache,
  options: Omit<CacheLinkOptions, "cache" | "reportThrown">,
  report: (error: ParleyError) => void,
): CacheConnection {
  const outbox: Outbox = options.outbox;
  // No tab transmits until the cache has said which one does.
  outbox.setLeading(false);
  let closed = false;
  // Until the link has loaded, the outbox is noted at once (the cache journals it), so a send
  // just before the page goes away survives even this early.
  // (Whole, as the few milliseconds until the link has loaded hold few sends.)
  const early = outbox.subscribe(
    () => void cache.persistOutbox({ put: outbox.list().map((e) => ({ ...e })), remove: [] }),
  );
  const loading: Promise<CacheLink | null> = import("./cache-link.js").then(({ CacheLink }) => {
    early();
    if (closed) return null;
    const link = new CacheLink({
      cache,
      ...options,
      reportThrown: (cause) =>
        report(new ParleyError("protocol", "Could not handle another tab's message", { cause })),
    });
    link.open();
    return link;
  });
  const ready = loading.then(
    (link) => link?.ready,
    (cause: unknown) => {
      // Without the cache this tab goes on alone, in memory.
      const error = new ParleyError("storage-degraded", "Could not load the cache", { cause });
      options.hydrate({ type: "hydrate", snapshot: { me: null, conversations: [], threads: [] } });
      options.dispatch({ type: "problem", error });
      report(error);
      outbox.setLeading(true);
    },
  );
  return {
    ready,
    touch: (conversationId) => cache.touch?.(conversationId),
    older: async (conversationId, limit) =>
      (await loading.catch(() => null))?.older(conversationId, limit) ?? null,
    beforeSend: async (entry) => (await loading.catch(() => null))?.beforeSend(entry),
    readBack: (conversationId, messages) =>
      void loading.then(
        (link) => link?.readBack(conversationId, messages),
        () => {},
      ),
    close() {
      closed = true;
      loading.then(
        (link) => (link ? link.close() : void cache.close()),
        () => void cache.close(),
      );
    },
  };
}
