import type { OutboxRecord, OutboxWrite } from "../cache.js";

/** The part of the Web Storage API the journal uses. */
export interface JournalStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A synchronous copy of the outbox entries IndexedDB has not committed yet, kept in
 * `localStorage`: a page that goes away within milliseconds of a send (a reload, a closed tab)
 * would otherwise lose an outbox write IndexedDB had not committed. It holds only what waits
 * for a commit, so its size is that of the writes in flight, not of the outbox. One key per
 * tab, so tabs never overwrite each other's; a journal left behind by a tab that went away is
 * merged at the next start.
 */
export class OutboxJournal {
  readonly #storage: JournalStorage | null;
  readonly #prefix: string;
  readonly #key: string;
  #version = 0;
  /** Entries not yet committed, each with the version that noted it last. */
  readonly #pending = new Map<string, { record: OutboxRecord; version: number }>();

  constructor(storage: JournalStorage | null | undefined, name: string, tabId: string) {
    this.#storage = storage ?? null;
    this.#prefix = `${name}:outbox-journal:`;
    this.#key = `${this.#prefix}${tabId}`;
  }

  /** Notes outbox writes now; answers the version to hand to {@link settled}. */
  write(writes: readonly OutboxWrite[]): number {
    const version = ++this.#version;
    for (const { put, remove } of writes) {
      for (const record of put) this.#pending.set(record.outgoing.clientId, { record, version });
      for (const clientId of remove) this.#pending.delete(clientId);
    }
    this.#save();
    return version;
  }

  /** IndexedDB committed what versions up to `version` noted: only newer notes are kept. */
  settled(version: number): void {
    const before = this.#pending.size;
    for (const [clientId, note] of this.#pending)
      if (note.version <= version) this.#pending.delete(clientId);
    if (this.#pending.size !== before) this.#save();
  }

  #save(): void {
    const records = [...this.#pending.values()].map((note) => note.record);
    this.#attempt(() =>
      records.length === 0
        ? this.#storage?.removeItem(this.#key)
        : this.#storage?.setItem(this.#key, JSON.stringify(records)),
    );
  }

  /** The journals of this cache's other tabs (ones that went away), to merge at start. */
  read(): { keys: string[]; entries: OutboxRecord[] } {
    const keys: string[] = [];
    const entries: OutboxRecord[] = [];
    const storage = this.#storage;
    if (!storage) return { keys, entries };
    this.#attempt(() => {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith(this.#prefix) || key === this.#key) continue;
        keys.push(key);
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
        if (Array.isArray(parsed)) entries.push(...parsed.filter(isRecord));
      }
    });
    return { keys, entries };
  }

  /** Forgets journals whose entries IndexedDB now holds. */
  drop(keys: readonly string[]): void {
    for (const key of keys) this.#attempt(() => this.#storage?.removeItem(key));
  }

  // Storage may be full, disabled or throw on access (privacy modes): the journal is a bonus.
  #attempt(action: () => void): void {
    try {
      action();
    } catch {
      // IndexedDB still has everything it committed.
    }
  }
}

/**
 * The stored outbox with the journals' entries: every entry either knows, by client id; where
 * both have one, the one that went further (more attempts), so an entry that may be on the wire
 * is always checked against history before it is sent again.
 */
export function mergeJournal(
  stored: readonly OutboxRecord[],
  journaled: readonly OutboxRecord[],
): OutboxRecord[] {
  const byId = new Map(stored.map((record) => [record.outgoing.clientId, record]));
  for (const record of journaled) {
    const known = byId.get(record.outgoing.clientId);
    if (!known || record.attempts > known.attempts) byId.set(record.outgoing.clientId, record);
  }
  return [...byId.values()].sort((a, b) => a.queuedAt - b.queuedAt);
}

function isRecord(value: unknown): value is OutboxRecord {
  const record = value as OutboxRecord | null;
  return (
    typeof record === "object" &&
    record !== null &&
    typeof record.outgoing?.clientId === "string" &&
    typeof record.outgoing.conversationId === "string" &&
    typeof record.outgoing.text === "string" &&
    typeof record.attempts === "number" &&
    typeof record.queuedAt === "number" &&
    typeof record.state === "string"
  );
}
