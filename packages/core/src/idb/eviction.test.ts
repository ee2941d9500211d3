import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { defaultTimers } from "../environment.js";
import { type CacheDatabase, openDatabase } from "./database.js";
import { evict } from "./eviction.js";
import { toRecord } from "./records.js";

let db: CacheDatabase;
afterEach(() => db?.close());

async function seeded(conversations: Record<string, { count: number; usedAt: number }>) {
  db = await openDatabase({
    factory: new IDBFactory(),
    name: "eviction",
    timers: defaultTimers,
    blockedTimeoutMs: 1000,
    onVersionChange() {},
    onClose() {},
  });
  const tx = db.transaction(["messages", "conversations", "outbox"], "readwrite");
  for (const [id, { count, usedAt }] of Object.entries(conversations)) {
    void tx.objectStore("conversations").put({
      id,
      conversation: null,
      cursor: null,
      hasMore: true,
      oldestId: "1",
      usedAt,
    });
    for (let i = 1; i <= count; i++) {
      void tx.objectStore("messages").put(
        toRecord({
          clientId: `id:${i}`,
          id: String(i),
          conversationId: id,
          senderId: "x",
          text: `${id} ${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
          status: "sent",
        }),
      );
    }
    void tx.objectStore("outbox").put({
      clientId: `unsent-${id}`,
      outgoing: { clientId: `unsent-${id}`, conversationId: id, text: "unsent" },
      state: "queued",
      attempts: 0,
      queuedAt: 1,
    });
  }
  await tx.done;
}

const ids = async (conversationId: string) =>
  (await db.getAll("messages"))
    .filter((r) => r.c === conversationId)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);

describe("evict", () => {
  it("trims a conversation to its limit, oldest messages first", async () => {
    await seeded({ a: { count: 10, usedAt: 1 } });
    const result = await evict(db, { perConversation: 4, total: 100 }, ["a"]);
    expect(result.trimmed).toBe(6);
    expect(await ids("a")).toEqual([7, 8, 9, 10]);
  });

  it("evicts least recently used conversations first, whole, and never the outbox", async () => {
    await seeded({
      old: { count: 5, usedAt: 1 },
      middle: { count: 5, usedAt: 2 },
      recent: { count: 5, usedAt: 3 },
    });
    const result = await evict(db, { perConversation: 100, total: 10 }, []);
    expect(result.evicted).toEqual(["old"]);
    expect(await ids("old")).toEqual([]);
    expect(await db.get("conversations", "old")).toBeUndefined();
    expect(await ids("middle")).toHaveLength(5);
    expect(await db.count("outbox")).toBe(3);

    await evict(db, { perConversation: 100, total: 4 }, [], "middle");
    expect(await ids("middle")).toHaveLength(5); // in use: kept
    expect(await ids("recent")).toEqual([]);
    expect(await db.count("outbox")).toBe(3);
  });
});
