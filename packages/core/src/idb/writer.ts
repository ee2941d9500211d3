import type { Timers } from "../environment.js";
import { compareOrder, conversationRange } from "./records.js";
import type { ConversationRecord, MessageRecord, OutboxRow, StoreName } from "./schema.js";

type Order = { t: number; s: number | string };

/** Messages of one conversation to store. */
export interface ThreadWrite {
  records: MessageRecord[];
  /** The thread's paging; stored only if the thread reaches back to the oldest stored message. */
  paging?: {
    cursor: string | null;
    hasMore: boolean;
    oldestId: string | null;
    oldest: Order | null;
  };
  /**
   * The thread's first and last confirmed messages, when it was not read from the cache: if the
   * stored messages do not overlap it, they are replaced, so the stored ones stay contiguous.
   */
  span?: { oldest: Order; newest: Order };
}

/** Everything one transaction writes; later changes to a key replace earlier ones. */
export class Batch {
  readonly threads = new Map<string, ThreadWrite>();
  readonly conversations = new Map<string, Partial<ConversationRecord>>();
  /** null deletes. */
  readonly outbox = new Map<string, OutboxRow | null>();
  readonly meta = new Map<string, unknown>();

  get empty(): boolean {
    return this.threads.size + this.conversations.size + this.outbox.size + this.meta.size === 0;
  }

  patchConversation(id: string, patch: Partial<ConversationRecord>): void {
    this.conversations.set(id, { ...this.conversations.get(id), ...patch });
  }

  addMessages(conversationId: string, write: ThreadWrite): void {
    const staged = this.threads.get(conversationId);
    if (!staged) this.threads.set(conversationId, write);
    else {
      staged.records.push(...write.records);
      if (write.span) staged.span = write.span;
      if (write.paging) staged.paging = write.paging;
    }
  }
}

export interface WriterOptions {
  /** The open database, or null once the cache went on in memory (writes are dropped). */
  db(): IDBDatabase | null;
  /** How long changes gather before they are written together. */
  delayMs: number;
  timers: Timers;
  /** Stages what changed, just before a write: diffs are computed here, off the hot path. */
  collect(batch: Batch): void;
  /** A write failed; nothing of it was kept (a transaction is all or nothing). */
  onError(error: unknown): void;
  /** After a write that stored messages of these conversations (eviction runs here). */
  afterWrite?(conversationIds: string[]): Promise<void>;
}

/**
 * Gathers changes and writes them in one transaction per batch: after `delayMs`, or at once when
 * asked (outbox changes). Writes run one after another; inside a transaction nothing but
 * IndexedDB requests is awaited.
 */
export class Writer {
  private batch = new Batch();
  private timer: unknown = undefined;
  private tail: Promise<void> = Promise.resolve();
  /** The latest `writeNow`, so `flush` also waits for it. */
  private immediate: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: WriterOptions) {}

  /** Where to stage changes that must not wait for `collect`. */
  get pending(): Batch {
    return this.batch;
  }

  /** Asks for a write: soon (`urgent`) or after the batching delay. */
  request(urgent = false): void {
    if (this.disposed) return;
    if (urgent) {
      void this.flush();
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.delayMs);
  }

  /** Writes everything staged so far; resolves once it is stored (or failed). Never rejects. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.options.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.tail = this.tail.then(() => this.run());
    return Promise.all([this.tail, this.immediate]).then(() => {});
  }

  /**
   * Writes `batch` in a transaction created now, not behind the queued writes: an outbox entry
   * must be durable as early as possible (a reload right after a send). Transactions on the
   * same store still commit in creation order, so successive outbox writes keep their order.
   * Resolves once it and every earlier `writeNow` are stored (or failed); never rejects. An
   * empty batch resolves with the earlier writes: what it would have written is in them.
   */
  writeNow(batch: Batch): Promise<void> {
    const db = this.disposed ? null : this.options.db();
    if (!db) return Promise.resolve();
    if (batch.empty) return this.immediate;
    const done = write(db, batch).catch((error: unknown) => this.options.onError(error));
    this.immediate = this.immediate.then(() => done);
    return this.immediate;
  }

  /** Drops whatever is pending and stops writing. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = new Batch();
  }

  private async run(): Promise<void> {
    if (this.disposed) return;
    this.options.collect(this.batch);
    const batch = this.batch;
    this.batch = new Batch();
    if (batch.empty) return;
    const db = this.options.db();
    if (!db) return;
    try {
      await write(db, batch);
    } catch (error) {
      this.options.onError(error);
      return;
    }
    const touched = [...batch.threads].filter(([, t]) => t.records.length > 0).map(([id]) => id);
    if (touched.length > 0 && this.options.afterWrite) {
      try {
        await this.options.afterWrite(touched);
      } catch (error) {
        this.options.onError(error);
      }
    }
  }
}

/** One readwrite transaction for a batch, with raw requests (no promise per record). */
export function write(db: IDBDatabase, batch: Batch): Promise<void> {
  return new Promise((resolve, reject) => {
    const stores: StoreName[] = [];
    if (batch.threads.size > 0) stores.push("messages");
    if (batch.threads.size + batch.conversations.size > 0) stores.push("conversations");
    if (batch.outbox.size > 0) stores.push("outbox");
    if (batch.meta.size > 0) stores.push("meta");
    const tx = db.transaction(stores, "readwrite");
    let failure: unknown;
    // A request refused at once (a value that cannot be cloned, say) aborts the whole batch.
    const guard = (step: () => void) => {
      try {
        step();
      } catch (error) {
        failure ??= error;
        tx.abort();
      }
    };
    tx.oncomplete = () => resolve();
    tx.onabort = () =>
      reject(failure ?? tx.error ?? new DOMException("Transaction aborted", "AbortError"));
    guard(() => issue(tx, batch, guard));
  });
}

type Guard = (step: () => void) => void;

function issue(tx: IDBTransaction, batch: Batch, guard: Guard): void {
  for (const [conversationId, thread] of batch.threads) {
    writeThread(tx, conversationId, thread, batch.conversations.get(conversationId) ?? {}, guard);
  }
  for (const [id, patch] of batch.conversations) {
    if (!batch.threads.has(id)) patchConversation(tx, id, patch, guard);
  }
  for (const [clientId, row] of batch.outbox) {
    if (row) tx.objectStore("outbox").put(row);
    else tx.objectStore("outbox").delete(clientId);
  }
  for (const [key, value] of batch.meta) tx.objectStore("meta").put({ key, value });
}

/** Read, merge, write: what this tab does not know (another tab's cursor) stays as stored. */
function patchConversation(
  tx: IDBTransaction,
  id: string,
  patch: Partial<ConversationRecord>,
  guard: Guard,
): void {
  const store = tx.objectStore("conversations");
  const read = store.get(id);
  read.onsuccess = () =>
    guard(() => {
      const stored = read.result as ConversationRecord | undefined;
      store.put({
        id,
        conversation: null,
        cursor: null,
        hasMore: true,
        oldestId: null,
        usedAt: 0,
        ...stored,
        ...patch,
      } satisfies ConversationRecord);
    });
}

function writeThread(
  tx: IDBTransaction,
  conversationId: string,
  thread: ThreadWrite,
  patch: Partial<ConversationRecord>,
  guard: Guard,
): void {
  const messages = tx.objectStore("messages");
  const order = messages.index("order");
  const range = conversationRange(conversationId);
  const oldest = order.openCursor(range, "next");
  oldest.onsuccess = () => {
    const first = oldest.result?.value as MessageRecord | undefined;
    const newest = order.openCursor(range, "prev");
    newest.onsuccess = () =>
      guard(() => {
        const last = newest.result?.value as MessageRecord | undefined;
        const { span, paging } = thread;
        const disjoint =
          span !== undefined &&
          first !== undefined &&
          last !== undefined &&
          (compareOrder(span.oldest, last) > 0 || compareOrder(first, span.newest) > 0);
        if (disjoint) messages.delete(range);
        for (const record of thread.records) messages.put(record);
        // The cursor continues past the oldest stored message: only a thread that reaches back
        // that far knows it (a tab that read only the newest page must not overwrite it).
        const reaches =
          paging !== undefined &&
          (disjoint ||
            first === undefined ||
            (paging.oldest !== null && compareOrder(paging.oldest, first) <= 0));
        const { oldest: _, ...fields } = paging ?? { oldest: null };
        patchConversation(tx, conversationId, reaches ? { ...patch, ...fields } : patch, guard);
      });
  };
}
