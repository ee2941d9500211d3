import type { OutboxWrite } from "../cache.js";
import type { IdbCacheStatus } from "./cache-options.js";
import type { OutboxChanges } from "./changes.js";
import type { OutboxJournal } from "./journal.js";
import { Batch, type Writer } from "./writer.js";

export interface OutboxWriterOptions {
  journal: OutboxJournal;
  changes: OutboxChanges;
  writer: () => Writer;
  status: () => IdbCacheStatus;
  leading: () => boolean;
}

/**
 * Stores the outbox's changes: the writes of one task are noted in the journal at once and
 * stored in one IndexedDB write (a burst of sends is one write, not one each). A microtask runs
 * before the page can go away, so the journal still comes first.
 */
export class OutboxWriter {
  /** Journals of tabs that went away, merged at start: dropped once IndexedDB holds them. */
  merged: string[] = [];
  #writes: OutboxWrite[] = [];
  #flush: Promise<void> | null = null;
  readonly #options: OutboxWriterOptions;

  constructor(options: OutboxWriterOptions) {
    this.#options = options;
  }

  /** Resolves once the write is durable, or the cache gave up on it; never rejects. */
  add(write: OutboxWrite): Promise<void> {
    const status = this.#options.status();
    if (status === "memory" || status === "closed") return Promise.resolve();
    this.#writes.push(write);
    this.#flush ??= Promise.resolve().then(() => this.#write());
    return this.#flush;
  }

  #write(): Promise<void> {
    const { journal, changes, status } = this.#options;
    const writes = this.#writes;
    this.#writes = [];
    this.#flush = null;
    if (status() === "memory" || status() === "closed") return Promise.resolve();
    const version = journal.write(writes);
    if (status() !== "open") return Promise.resolve();
    const batch = new Batch();
    for (const write of writes) changes.collect(write, this.#options.leading(), batch);
    const dropping = this.merged;
    this.merged = [];
    return this.#options
      .writer()
      .writeNow(batch)
      .then(() => {
        if (status() !== "open") return;
        journal.settled(version);
        journal.drop(dropping);
      });
  }
}
