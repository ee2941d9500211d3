import { unwrap } from "idb";
import type { CachedPage, CacheHost, CacheSnapshot, OutboxRecord, TabMessage } from "../cache.js";
import { defaultTimers } from "../environment.js";
import { ParleyError } from "../errors.js";
import type { Message } from "../model.js";
import type { ChatState } from "../state.js";
import {
  cacheName,
  type IdbCache,
  type IdbCacheOptions,
  type IdbCacheStatus,
  resolvePlatform,
} from "./cache-options.js";
import { OutboxChanges, StateChanges } from "./changes.js";
import { type CacheDatabase, closeQuietly, deleteDatabase, openDatabase } from "./database.js";
import { type CacheLimits, defaultLimits, evict } from "./eviction.js";
import { mergeJournal, OutboxJournal } from "./journal.js";
import {
  type Bus,
  broadcastLeadership,
  type Leadership,
  lockLeadership,
  soleLeadership,
} from "./leadership.js";
import { OutboxWriter } from "./outbox-writer.js";
import { onPageHidden } from "./page-lifecycle.js";
import { type HydrateLimits, readOlder, readOutbox, readSnapshot } from "./reader.js";
import { searchOpened } from "./stored-search.js";
import { broadcastBus, tabId, unwrapTabMessage, wrapTabMessage } from "./tabs.js";
import { backfillLater } from "./words-backfill.js";
import { Writer } from "./writer.js";

export type { IdbCache, IdbCacheOptions, IdbCacheStatus } from "./cache-options.js";
export { cacheName } from "./cache-options.js";

const emptySnapshot = (): CacheSnapshot => ({
  me: null,
  conversations: [],
  threads: [],
  outbox: [],
});

/**
 * A persistent cache in IndexedDB for `createChatClient({ cache })`: conversations, messages in
 * server order, paging cursors, `me`, the people known by name and the outbox, for one user on
 * one server. Writes are batched off the hot path; tabs elect one leader (Web Locks, else
 * BroadcastChannel) that transmits the outbox. When IndexedDB is missing, fails to open, runs out of quota or is taken
 * over by a newer version of the app, the cache reports `storage-degraded` and the client goes
 * on in memory.
 */
export function createIdbCache(options: IdbCacheOptions): IdbCache {
  const name = cacheName(options.server, options.user);
  const timers = options.timers ?? defaultTimers;
  const limits: CacheLimits = { ...defaultLimits, ...options.limits };
  const hydrateLimits: HydrateLimits = { conversations: 20, messages: 50, ...options.hydrate };
  const { factory, locks, Channel, storage } = resolvePlatform(options);
  const journal = new OutboxJournal(storage, name, tabId());

  let status: IdbCacheStatus = "idle";
  let db: CacheDatabase | null = null;
  let host: CacheHost | null = null;
  let bus: (Bus & { close(): void }) | null = null;
  let leadership: Leadership | null = null;
  let leading = false;
  let lastTouched: string | undefined;
  let inbox: TabMessage[] | null = []; // tab messages held until the store is hydrated
  let posts: Promise<void> = Promise.resolve();
  const changes = new StateChanges(timers.now, options.terms);
  let opened!: () => void; // settles `ready` once opening ended either way (searches wait)
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const openDb = () => (status === "open" ? db : null);
  const outboxChanges = new OutboxChanges();
  const outboxWriter = new OutboxWriter({
    journal,
    changes: outboxChanges,
    writer: () => writer,
    status: () => status,
    leading: () => leading,
  });

  const writer = new Writer({
    // Batched writes use the native API: no promise per record.
    db: () => (status === "open" && db ? unwrap(db) : null),
    delayMs: options.writeDelayMs ?? 100,
    timers,
    collect: (batch) => changes.collect(batch),
    onError: (error) => degrade(writeProblem(error), error),
    afterWrite: async (conversations) => {
      if (db && status === "open") await evict(db, limits, conversations, lastTouched);
    },
  });

  // A page that is hidden or unloaded may never reach the batching timer: write what waits now.
  const unwatchPage = onPageHidden(() => {
    if (status === "open") void writer.flush();
  });

  function degrade(message: string, cause?: unknown): void {
    if (status === "memory" || status === "closed") return;
    status = "memory";
    writer.dispose();
    closeQuietly(db);
    db = null;
    host?.report(new ParleyError("storage-degraded", message, { cause }));
  }

  function receive(value: unknown): void {
    const message = unwrapTabMessage(value);
    if (!message || status === "closed") return;
    if (inbox) {
      inbox.push(message);
      return;
    }
    // The sender stored what it announces: mirroring it must not write it again.
    if (message.type === "enqueue" || message.type === "sending") {
      outboxChanges.loaded([message.entry]);
    }
    host?.receive(message);
  }

  function start(snapshot: CacheSnapshot, shared: boolean): void {
    opened();
    if (status === "closed" || !host) return;
    for (const thread of snapshot.threads) changes.loaded(thread.conversationId, thread.messages);
    outboxChanges.loaded(snapshot.outbox);
    // What a page that went away had noted but not committed (a send just before a reload).
    const journaled = status === "open" ? journal.read() : { keys: [], entries: [] };
    outboxWriter.merged = journaled.keys;
    host.hydrate({ ...snapshot, outbox: mergeJournal(snapshot.outbox, journaled.entries) });
    const held = inbox ?? [];
    inbox = null;
    for (const message of held) receive(wrapTabMessage(message));
    if (!shared) {
      // Nothing is shared with other tabs: this tab's outbox is its own, so it transmits it.
      bus?.close();
      bus = null;
    }
    leadership =
      shared && locks
        ? lockLeadership(locks, name)
        : shared && bus
          ? broadcastLeadership({ bus, timers, id: tabId() })
          : soleLeadership();
    leadership.start((now) => {
      if (!now) {
        leading = false;
        host?.leadership(false, []);
        return;
      }
      const stored = db && status === "open" ? readOutbox(db) : Promise.resolve([]);
      stored
        .catch(() => [] as OutboxRecord[])
        .then((entries) => {
          if (status === "closed") return;
          outboxChanges.loaded(entries);
          leading = true;
          host?.leadership(true, entries);
        });
    });
  }

  const cache: IdbCache = {
    name,
    get status() {
      return status;
    },
    get leading() {
      return leading;
    },

    open(cacheHost) {
      if (status !== "idle") return;
      host = cacheHost;
      status = "opening";
      if (!factory) {
        degrade("IndexedDB is not available here: the chat works in memory only");
        start(emptySnapshot(), false);
        return;
      }
      // Listen before reading, so nothing another tab posts after the read is missed.
      if (Channel) {
        bus = broadcastBus(Channel, name);
        bus.listen(receive);
      }
      openDatabase({
        factory,
        name,
        timers,
        blockedTimeoutMs: options.blockedTimeoutMs ?? 3000,
        onVersionChange: () => {
          db = null;
          degrade(
            "A newer version of the app took over the cache: this tab goes on in memory until reloaded",
          );
        },
        onClose: () => {
          db = null;
          degrade("The browser closed the cache: the chat goes on in memory");
        },
      })
        .then(async (opened) => {
          if (status !== "opening") {
            opened.close();
            return;
          }
          db = opened;
          const snapshot = await readSnapshot(opened, hydrateLimits);
          if (status !== "opening") return;
          status = "open";
          start(snapshot, true);
          // Messages stored without words get them in the background (once per database).
          if (options.terms) backfillLater(openDb, options.terms, timers, options.writeDelayMs);
        })
        .catch((error: unknown) => {
          if (status !== "opening") return;
          degrade("Could not open the cache: the chat works in memory only", error);
          start(emptySnapshot(), false);
        });
    },

    persist(state: ChatState, previous: ChatState) {
      if (status === "open" && changes.note(state, previous)) writer.request();
    },

    persistOutbox: (write) => outboxWriter.add(write),

    persistUsers(users) {
      if (status !== "open") return;
      writer.pending.meta.set("users", users);
      writer.request();
    },

    touch(conversationId) {
      lastTouched = conversationId;
      if (status !== "open") return;
      changes.touch(conversationId);
      writer.request();
    },

    async older(conversationId: string, before: Message, limit: number) {
      if (status !== "open" || !db) return null;
      await writer.flush();
      if (!db) return null;
      let page: CachedPage | null;
      try {
        page = await readOlder(db, conversationId, before, limit);
      } catch {
        return null; // the network answers instead
      }
      if (page) changes.loaded(conversationId, page.messages);
      return page;
    },

    post(message) {
      posts = posts
        .then(() => writer.flush())
        .then(() => bus?.post(wrapTabMessage(message)))
        .catch(() => {});
    },

    flush: () => writer.flush(),

    searchStored: (query) =>
      options.terms
        ? searchOpened({ opened: ready, db: openDb, flush: () => writer.flush() }, query)
        : Promise.resolve(null),

    async clear() {
      journal.drop(journal.read().keys);
      writer.dispose();
      const closing = db;
      db = null;
      if (status !== "closed") status = "memory";
      closing?.close();
      if (factory) await deleteDatabase(factory, name);
    },

    async close() {
      if (status === "closed") return;
      unwatchPage();
      await writer.flush();
      await posts;
      status = "closed";
      writer.dispose();
      leadership?.stop();
      bus?.close();
      bus = null;
      db?.close();
      db = null;
    },
  };
  return cache;
}

function writeProblem(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  return name === "QuotaExceededError"
    ? "The storage quota is exhausted: the chat goes on in memory, nothing is lost"
    : "Could not write the cache: the chat goes on in memory, nothing is lost";
}
