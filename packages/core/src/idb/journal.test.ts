import { describe, expect, it } from "vitest";
import type { OutboxRecord, OutboxWrite } from "../cache.js";
import { type JournalStorage, mergeJournal, OutboxJournal } from "./journal.js";

function memoryStorage(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const record = (id: string, attempts = 0, queuedAt = 1): OutboxRecord => ({
  outgoing: { clientId: id, conversationId: "c", text: id },
  state: attempts > 0 ? "inflight" : "queued",
  attempts,
  queuedAt,
});

const put = (...records: OutboxRecord[]): OutboxWrite => ({ put: records, remove: [] });

describe("OutboxJournal", () => {
  it("holds only what IndexedDB has not committed: a committed entry leaves, an ended one too", () => {
    const storage = memoryStorage();
    const tab = new OutboxJournal(storage, "db", "a");
    const other = new OutboxJournal(storage, "db", "b");
    const burst = tab.write([put(...Array.from({ length: 100 }, (_, i) => record(`q${i}`)))]);
    tab.settled(burst);
    expect(storage.map.size).toBe(0);
    // One more send and one that ended: only the new one waits for its commit.
    tab.write([put(record("new")), { put: [], remove: ["q5"] }]);
    expect(other.read().entries).toEqual([record("new")]);
    tab.write([{ put: [], remove: ["new"] }]);
    expect(other.read().entries).toEqual([]);
  });

  it("keeps the outbox until IndexedDB committed the newest version, one key per tab", () => {
    const storage = memoryStorage();
    const tabA = new OutboxJournal(storage, "db", "a");
    const tabB = new OutboxJournal(storage, "db", "b");
    const first = tabA.write([put(record("1"))]);
    const second = tabA.write([put(record("1", 1)), put(record("2"))]);
    tabB.write([put(record("3"))]);
    tabA.settled(first); // an older write committed: the newer notes are still only here
    expect(tabB.read().entries).toEqual([record("1", 1), record("2")]);
    tabA.settled(second);
    expect(tabB.read()).toEqual({ keys: [], entries: [] });
    // A tab reads only the others' journals: its own is its own to settle.
    expect(tabA.read()).toEqual({ keys: ["db:outbox-journal:b"], entries: [record("3")] });
    tabA.drop(tabA.read().keys);
    expect(storage.map.size).toBe(0);
  });

  it("ignores other caches' keys and anything that is not an outbox record", () => {
    const storage = memoryStorage();
    storage.setItem("other:outbox-journal:x", JSON.stringify([record("9")]));
    storage.setItem("db:outbox-journal:y", JSON.stringify([{ outgoing: "no" }, record("4")]));
    storage.setItem("db:outbox-journal:z", "{not json");
    expect(new OutboxJournal(storage, "db", "a").read().entries).toEqual([record("4")]);
  });

  it("goes on without storage, and when storage throws", () => {
    const throwing: JournalStorage = {
      length: 0,
      key: () => null,
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {},
    };
    expect(() => new OutboxJournal(throwing, "db", "a").write([put(record("1"))])).not.toThrow();
    expect(new OutboxJournal(null, "db", "a").read()).toEqual({ keys: [], entries: [] });
  });
});

describe("mergeJournal", () => {
  it("adds what only the journal has and keeps the copy that went further, in queue order", () => {
    const stored = [record("1", 0, 1), record("2", 1, 2)];
    const journaled = [record("1", 1, 1), record("2", 0, 2), record("3", 0, 3)];
    expect(mergeJournal(stored, journaled)).toEqual([
      record("1", 1, 1),
      record("2", 1, 2),
      record("3", 0, 3),
    ]);
  });
});
