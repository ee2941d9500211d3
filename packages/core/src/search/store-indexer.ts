import type { Timers } from "../environment.js";
import type { Message } from "../model.js";
import type { ChatState } from "../state.js";
import { unseenConfirmed } from "../thread.js";
import type { MessageIndex } from "./message-index.js";

/** The part of a client the indexer follows. */
export interface StateSource {
  getState(): ChatState;
  subscribe(listener: (state: ChatState, previous: ChatState) => void): () => void;
}

export interface IndexerOptions {
  timers: Pick<Timers, "setTimeout" | "clearTimeout">;
  /** Messages indexed per task before the indexer yields. @default 500 */
  batchSize?: number;
  /** How long store changes gather before a task indexes them. @default 50 */
  delayMs?: number;
}

/**
 * Keeps a {@link MessageIndex} up to date with the store, off the hot path: a store update only
 * notes which threads changed; a task later reads what changed in them (the chunks of each
 * thread not seen before, so the work follows the change, not the thread) and indexes it in
 * batches, yielding between batches. `flush` finishes the work at once, before a query.
 */
export class StoreIndexer {
  private readonly threads = new Set<string>();
  private queue: Message[] = [];
  /** How much of `queue` is indexed. */
  private head = 0;
  private readonly seen = new WeakSet<object>();
  private timer: unknown = undefined;
  private unsubscribe: (() => void) | null = null;
  private readonly batchSize: number;
  private readonly delayMs: number;

  constructor(
    private readonly index: MessageIndex,
    private readonly source: StateSource,
    private readonly options: IndexerOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.delayMs = options.delayMs ?? 50;
  }

  /** Indexes what the store holds now (in tasks), then follows its changes. */
  start(): void {
    if (this.unsubscribe) return;
    for (const id of Object.keys(this.source.getState().threads)) this.threads.add(id);
    this.unsubscribe = this.source.subscribe((state, previous) => this.note(state, previous));
    this.schedule();
  }

  /** Whether indexing work is waiting. */
  get pending(): boolean {
    return this.threads.size > 0 || this.head < this.queue.length;
  }

  /** Indexes everything waiting, now. */
  flush(): void {
    this.cancel();
    this.collect();
    this.index.putAll(this.queue, this.head, this.queue.length);
    this.queue = [];
    this.head = 0;
  }

  dispose(): void {
    this.cancel();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.threads.clear();
    this.queue = [];
    this.head = 0;
  }

  private note(state: ChatState, previous: ChatState): void {
    if (state.threads === previous.threads) return;
    for (const id of Object.keys(state.threads)) {
      if (state.threads[id] !== previous.threads[id]) this.threads.add(id);
    }
    if (this.threads.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || !this.pending) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      this.step();
    }, this.delayMs);
  }

  /** One task: what changed is read, one batch indexed; the rest waits for the next task. */
  private step(): void {
    this.collect();
    const end = Math.min(this.queue.length, this.head + this.batchSize);
    this.index.putAll(this.queue, this.head, end);
    this.head = end;
    if (end === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      // Yield at once: the next batch runs after whatever else waits.
      this.timer = this.options.timers.setTimeout(() => {
        this.timer = undefined;
        this.step();
      }, 0);
    }
  }

  private collect(): void {
    const { threads } = this.source.getState();
    for (const id of this.threads) {
      const thread = threads[id];
      if (thread)
        for (const message of unseenConfirmed(thread, this.seen)) this.queue.push(message);
    }
    this.threads.clear();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
