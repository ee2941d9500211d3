import type { CacheSnapshot, ChatCache, OutboxRecord, TabMessage } from "./cache.js";
import { ParleyError } from "./errors.js";
import type { StoreEvent } from "./ingest.js";
import type { Message } from "./model.js";
import type { Outbox, OutboxEntry } from "./outbox.js";
import type { ChatStore } from "./state.js";

export interface CacheLinkOptions {
  cache: ChatCache;
  outbox: Outbox;
  store: ChatStore;
  /** Applies the cached state ahead of every event queued so far. */
  hydrate(event: Extract<StoreEvent, { type: "hydrate" }>): void;
  dispatch(event: StoreEvent): void;
  report(error: ParleyError): void;
  /** This tab starts or stops transmitting the outbox. */
  leadership(leading: boolean): void;
  /** Does what another tab's user asked, as if asked here. */
  retry(clientId: string): void;
  discard(clientId: string): void;
}

/**
 * Ties a client to its {@link ChatCache}: fills the store from it before the network, hands it
 * every change, and restores the outbox. When tabs share the cache, only the leading tab
 * transmits: the others hand their sends over and mirror what the leader puts on the wire, so
 * whichever tab leads next checks an entry against history before it sends it again.
 */
export class CacheLink {
  /** Whether this tab transmits; a cache that serves one tab always does. */
  leading: boolean;
  /** Resolves once the store holds what the cache had. */
  readonly ready: Promise<void>;
  private markReady = () => {};
  private me: string | null = null;
  private written: Promise<void> = Promise.resolve();
  /** Confirmed in this session: a stale stored copy must never be sent again. */
  private readonly settled = new Set<string>();
  private unsubscribe = () => {};
  /** Doing what another tab asked: not to be posted back. */
  private echoing = false;

  constructor(private readonly options: CacheLinkOptions) {
    this.leading = !options.cache.post;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  open(): void {
    this.options.cache.open({
      hydrate: (snapshot) => this.hydrate(snapshot),
      leadership: (leading, stored) => this.setLeading(leading, stored),
      receive: (message) => {
        try {
          this.receive(message);
        } catch (error) {
          this.options.report(
            new ParleyError("protocol", "Could not handle another tab's message", { cause: error }),
          );
        }
      },
      report: (error) => {
        this.options.dispatch({ type: "problem", error });
        this.options.report(error);
      },
    });
  }

  /** The outbox changed: stored at once, and awaited before anything goes on the wire. */
  outboxChanged(): void {
    this.written = this.options.cache.persistOutbox(this.options.outbox.list().map(toRecord));
  }

  /** Waits for the in-flight mark to be durable, then tells the other tabs. */
  async beforeSend(entry: OutboxEntry): Promise<void> {
    await this.written;
    if (this.leading) this.post({ type: "sending", entry: toRecord(entry) });
  }

  confirmed(clientId: string, message: Message): void {
    this.settled.add(clientId);
    if (this.leading) this.post({ type: "confirmed", clientId, message });
  }

  failed(clientId: string, error: ParleyError): void {
    const entry = this.options.outbox.get(clientId);
    if (!this.leading || !entry) return;
    this.post({
      type: "failed",
      clientId,
      conversationId: entry.outgoing.conversationId,
      error: { code: error.code, message: error.message },
    });
  }

  /**
   * A send, retry or discard is told to every tab: the leading one transmits, the others show
   * it and are ready to take over.
   */
  queued(clientId: string): void {
    const entry = this.options.outbox.get(clientId);
    if (entry) this.post({ type: "enqueue", entry: toRecord(entry) });
  }

  retried(clientId: string): void {
    if (!this.echoing) this.post({ type: "retry", clientId });
  }

  discarded(clientId: string): void {
    if (!this.echoing) this.post({ type: "discard", clientId });
  }

  touch(conversationId: string): void {
    this.options.cache.touch?.(conversationId);
  }

  /**
   * Puts the cached page older than what the store holds into the store; answers whether more
   * remain, or null when the cache has none (then the network is asked).
   */
  async older(conversationId: string, limit: number): Promise<boolean | null> {
    const thread = this.options.store.getState().threads[conversationId];
    const oldest = thread?.messages.find((m) => m.id !== undefined);
    const page = oldest ? await this.options.cache.older?.(conversationId, oldest, limit) : null;
    if (!page || page.messages.length === 0) return null;
    const { messages, cursor, hasMore } = page;
    this.options.dispatch({
      type: "history",
      conversationId,
      page: { messages, cursor },
      older: true,
      hasMore,
    });
    return hasMore;
  }

  close(): void {
    this.unsubscribe();
    void this.options.cache.close();
  }

  private hydrate(snapshot: CacheSnapshot): void {
    const { store, cache } = this.options;
    this.me = snapshot.me;
    this.options.hydrate({
      type: "hydrate",
      snapshot: {
        me: snapshot.me,
        conversations: snapshot.conversations,
        threads: snapshot.threads,
      },
    });
    for (const record of snapshot.outbox) this.adopt(record);
    this.unsubscribe = store.subscribe((state, previous) => cache.persist(state, previous));
    this.markReady();
  }

  private setLeading(leading: boolean, stored: readonly OutboxRecord[]): void {
    if (leading) for (const record of stored) this.adopt(record);
    this.leading = leading;
    this.options.leadership(leading);
    if (leading) this.post({ type: "leading" });
  }

  private receive(message: TabMessage): void {
    const { outbox } = this.options;
    switch (message.type) {
      case "enqueue":
        this.adopt(message.entry);
        break;
      case "retry":
      case "discard":
        this.echoing = true;
        try {
          this.options[message.type](message.clientId);
        } finally {
          this.echoing = false;
        }
        break;
      case "leading":
        // A new leader: hand it again what it may have missed while no tab led.
        for (const entry of outbox.list()) {
          if (entry.state !== "failed") this.post({ type: "enqueue", entry: toRecord(entry) });
        }
        break;
      // What a leader did holds in every tab (two leaders may overlap without Web Locks).
      case "sending":
        this.adopt(message.entry);
        break;
      case "confirmed":
        this.settled.add(message.clientId);
        if (outbox.get(message.clientId)) outbox.settle(message.clientId, message.message);
        else
          this.options.dispatch({
            type: "confirmed",
            clientId: message.clientId,
            message: message.message,
          });
        break;
      case "failed":
        outbox.fail(message.clientId, new ParleyError(message.error.code, message.error.message));
        break;
    }
  }

  /** Takes an entry over from the cache or another tab, showing its message as pending. */
  private adopt(record: OutboxRecord): void {
    const { outbox } = this.options;
    const { outgoing } = record;
    if (this.settled.has(outgoing.clientId)) return;
    const known = outbox.get(outgoing.clientId) !== undefined;
    // Anything that may have been put on the wire is checked against history before a resend.
    const attempted = record.attempts > 0 && record.state !== "failed";
    outbox.enqueue(outgoing, {
      state: attempted ? "inflight" : record.state === "failed" ? "failed" : "queued",
      attempts: record.attempts,
      queuedAt: record.queuedAt,
      ...(record.firstSentAt === undefined ? {} : { firstSentAt: record.firstSentAt }),
    });
    if (known) return;
    this.options.dispatch({
      type: "local",
      message: {
        clientId: outgoing.clientId,
        conversationId: outgoing.conversationId,
        senderId: this.options.store.getState().me ?? this.me ?? "",
        text: outgoing.text,
        createdAt: new Date(record.queuedAt).toISOString(),
        status: record.state === "failed" ? "failed" : "pending",
        ...(outgoing.replyTo ? { replyTo: outgoing.replyTo } : {}),
        ...(outgoing.attachments ? { attachments: outgoing.attachments } : {}),
        ...(outgoing.extra ? { extra: outgoing.extra } : {}),
      },
    });
  }

  private post(message: TabMessage): void {
    this.options.cache.post?.(message);
  }
}

/** A snapshot of an entry: the outbox mutates its entries in place. */
function toRecord(entry: OutboxEntry): OutboxRecord {
  return {
    outgoing: entry.outgoing,
    state: entry.state,
    attempts: entry.attempts,
    queuedAt: entry.queuedAt,
    ...(entry.firstSentAt === undefined ? {} : { firstSentAt: entry.firstSentAt }),
  };
}
