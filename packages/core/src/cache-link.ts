import type { CacheSnapshot, ChatCache, OutboxRecord, TabMessage } from "./cache.js";
import type { ParleyError } from "./errors.js";
import type { Message } from "./model.js";
import type { Outbox } from "./outbox.js";
import type { OutboxChange, OutboxEntry } from "./outbox-entry.js";
import { outboxRecord, outboxWrite } from "./outbox-write.js";
import type { ChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";
import type { User, UserDirectory } from "./user-directory.js";

export interface CacheLinkOptions {
  cache: ChatCache;
  outbox: Outbox;
  store: ChatStore;
  /** Applies the cached state ahead of every event queued so far. */
  hydrate(event: Extract<StoreEvent, { type: "hydrate" }>): void;
  dispatch(event: StoreEvent): void;
  report(error: ParleyError): void;
  /** The people the client knows: filled from the cache, kept in it as they change. */
  users?: Pick<UserDirectory, "list" | "subscribe" | "remember">;
  /** Reports a throw while handling another tab's message (the error is built by the caller). */
  reportThrown(cause: unknown): void;
}

/**
 * Ties a client to its {@link ChatCache}: fills the store from it before the network, persists
 * every change of the store and of the outbox (whose changes it follows), and restores the
 * outbox. When tabs share the cache, only the leading tab
 * transmits: the others hand their sends over and mirror what the leader puts on the wire, so
 * whichever tab leads next checks an entry against history before it sends it again.
 */
export class CacheLink {
  /** Whether this tab transmits; a cache that serves one tab always does. */
  leading: boolean;
  /** Resolves once the store holds what the cache had. */
  readonly ready: Promise<void>;
  #markReady = () => {};
  #written: Promise<void> = Promise.resolve();
  /** Confirmed in this session: a stale stored copy must never be sent again. */
  readonly #settled = new Set<string>();
  #unsubscribe = () => {};
  #unwatchUsers = () => {};
  readonly #unfollow: () => void;
  /** Doing what another tab asked: not to be posted back. */
  #echoing = false;

  readonly #options: CacheLinkOptions;

  constructor(options: CacheLinkOptions) {
    this.#options = options;
    this.leading = !options.cache.post;
    this.ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
    this.#unfollow = options.outbox.subscribe((change) => this.#outboxChanged(change));
    // A cache shared by tabs says which one transmits; until it has, none does.
    options.outbox.setLeading(this.leading);
  }

  open(): void {
    this.#options.cache.open({
      hydrate: (snapshot) => this.#hydrate(snapshot),
      leadership: (leading, stored) => this.#setLeading(leading, stored),
      receive: (message) => {
        try {
          this.#receive(message);
        } catch (error) {
          this.#options.reportThrown(error);
        }
      },
      report: (error) => {
        this.#options.dispatch({ type: "problem", error });
        this.#options.report(error);
      },
    });
  }

  /** Waits for the in-flight mark to be durable, then tells the other tabs. */
  async beforeSend(entry: OutboxEntry): Promise<void> {
    await this.#written;
    if (this.leading) this.#post({ type: "sending", entry: outboxRecord(entry) });
  }

  touch(conversationId: string): void {
    this.#options.cache.touch?.(conversationId);
  }

  /**
   * Puts the cached page older than what the store holds into the store; answers whether more
   * remain, or null when the cache has none (then the network is asked).
   */
  async older(conversationId: string, limit: number): Promise<boolean | null> {
    // Imports nothing the core also imports, so an app's bundler keeps this module in one chunk.
    const { threads } = this.#options.store.getState();
    const thread = Object.hasOwn(threads, conversationId) ? threads[conversationId] : undefined;
    const oldest = thread?.messages.find((m) => m.id !== undefined);
    const page = oldest ? await this.#options.cache.older?.(conversationId, oldest, limit) : null;
    if (!page || page.messages.length === 0) return null;
    const { messages, cursor, hasMore } = page;
    this.#options.dispatch({
      type: "history",
      conversationId,
      page: { messages, cursor },
      older: true,
      hasMore,
    });
    return hasMore;
  }

  close(): void {
    this.#unsubscribe();
    this.#unwatchUsers();
    this.#unfollow();
    void this.#options.cache.close();
  }

  #hydrate(snapshot: CacheSnapshot): void {
    const { store, cache } = this.#options;
    this.#options.hydrate({
      type: "hydrate",
      snapshot: {
        me: snapshot.me,
        conversations: snapshot.conversations,
        threads: snapshot.threads,
      },
    });
    // Sends queued before the cache was open are told to the other tabs and stored now.
    for (const entry of this.#options.outbox.list())
      this.#post({ type: "enqueue", entry: outboxRecord(entry) });
    this.#adoptAll(snapshot.outbox);
    this.#unsubscribe = store.subscribe((state, previous) => cache.persist(state, previous));
    const { users } = this.#options;
    if (users) {
      users.remember(snapshot.users ?? []);
      const keep = cache.persistUsers?.bind(cache);
      if (keep)
        this.#unwatchUsers = users.subscribe(() =>
          keep(users.list().filter((u): u is User => !!u.name)),
        );
    }
    this.#markReady();
  }

  #setLeading(leading: boolean, stored: readonly OutboxRecord[]): void {
    if (leading) this.#adoptAll(stored);
    this.leading = leading;
    this.#options.outbox.setLeading(leading);
    if (leading) this.#post({ type: "leading" });
  }

  #receive(message: TabMessage): void {
    const { outbox } = this.#options;
    switch (message.type) {
      case "enqueue":
        this.#adopt(message.entry);
        break;
      case "retry":
      case "discard":
        this.#echoing = true;
        try {
          if (message.type === "retry") outbox.retry(message.clientId);
          else outbox.discard(message.clientId);
        } finally {
          this.#echoing = false;
        }
        break;
      case "leading":
        // A new leader: hand it again what it may have missed while no tab led.
        for (const entry of outbox.list()) {
          if (entry.state !== "failed") this.#post({ type: "enqueue", entry: outboxRecord(entry) });
        }
        break;
      // What a leader did holds in every tab (two leaders may overlap without Web Locks).
      case "sending":
        this.#adopt(message.entry);
        break;
      case "read-back":
        this.#options.dispatch(message);
        break;
      case "confirmed":
        this.#settled.add(message.clientId);
        if (outbox.get(message.clientId)) outbox.settle(message.clientId, message.message);
        else
          this.#options.dispatch({
            type: "confirmed",
            clientId: message.clientId,
            message: message.message,
          });
        break;
      case "failed":
        outbox.fail(message.clientId, message.error);
        break;
    }
  }

  /** Takes an entry over from the cache or another tab; the outbox shows it as pending. */
  #adopt(record: OutboxRecord): void {
    const { outgoing } = record;
    if (this.#settled.has(outgoing.clientId)) return;
    // Anything that may have been put on the wire is checked against history before a resend.
    const attempted = record.attempts > 0 && record.state !== "failed";
    this.#options.outbox.enqueue(outgoing, {
      state: attempted ? "inflight" : record.state === "failed" ? "failed" : "queued",
      attempts: record.attempts,
      queuedAt: record.queuedAt,
      ...(record.firstSentAt === undefined ? {} : { firstSentAt: record.firstSentAt }),
    });
  }

  /** Persists every outbox change, and tells the other tabs what this tab's user or wire did. */
  #outboxChanged(change: OutboxChange): void {
    const { cache, outbox } = this.#options;
    this.#written = cache.persistOutbox(outboxWrite(change, (id) => outbox.get(id)));
    switch (change.type) {
      case "queued":
        if (!change.adopted) this.#post({ type: "enqueue", entry: outboxRecord(change.entry) });
        break;
      case "confirmed":
        this.#settled.add(change.clientId);
        if (this.leading)
          this.#post({ type: "confirmed", clientId: change.clientId, message: change.message });
        break;
      case "failed":
        if (this.leading)
          this.#post({
            type: "failed",
            clientId: change.clientId,
            conversationId: change.conversationId,
            error: { code: change.error.code, message: change.error.message },
          });
        break;
      case "retried":
      case "discarded":
        if (!this.#echoing)
          this.#post({
            type: change.type === "retried" ? "retry" : "discard",
            clientId: change.clientId,
          });
        break;
    }
  }

  /**
   * Takes stored entries over, then stores the whole outbox once: sends queued before the cache
   * was open, and entries only a journal held, are stored now (the cache skips what it has).
   */
  #adoptAll(records: readonly OutboxRecord[]): void {
    const { cache, outbox } = this.#options;
    for (const record of records) this.#adopt(record);
    this.#written = cache.persistOutbox({ put: outbox.list().map(outboxRecord), remove: [] });
  }

  /**
   * What the leader's adapter read back about its own sends (their stored times and order):
   * the other tabs got those sends confirmed from here, so they take the correction too.
   */
  readBack(conversationId: string, messages: Message[]): void {
    if (this.leading) this.#post({ type: "read-back", conversationId, messages });
  }

  #post(message: TabMessage): void {
    this.#options.cache.post?.(message);
  }
}
