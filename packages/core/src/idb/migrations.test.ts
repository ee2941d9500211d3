import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { defaultTimers } from "../environment.js";
import { openDatabase } from "./database.js";
import { migrations } from "./migrations.js";
import { SCHEMA_VERSION } from "./schema.js";

/** A database as version 1 of Parley left it (written by hand, as the old code did). */
async function createV1(factory: IDBFactory, name: string, records: { m?: object }[]) {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore("meta", { keyPath: "key" });
    db.createObjectStore("conversations", { keyPath: "id" });
    db.createObjectStore("messages", { keyPath: ["c", "id"] });
    db.createObjectStore("outbox", { keyPath: "clientId" });
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(["meta", "conversations", "messages", "outbox"], "readwrite");
  tx.objectStore("meta").put({ key: "me", value: "me" });
  tx.objectStore("conversations").put({
    id: "c1",
    conversation: { id: "c1", kind: "direct", participants: [], unreadCount: 2 },
    cursor: "page-2",
    hasMore: true,
  });
  for (const [i, record] of records.entries()) {
    tx.objectStore("messages").put({ c: "c1", id: `id-${i}`, ...record });
  }
  tx.objectStore("outbox").put({
    clientId: "k1",
    outgoing: { clientId: "k1", conversationId: "c1", text: "unsent" },
    state: "queued",
    attempts: 0,
  });
  await new Promise((resolve) => {
    tx.oncomplete = resolve;
  });
  db.close();
}

const message = (i: number, id: string) => ({
  m: {
    clientId: `id:${id}`,
    id,
    conversationId: "c1",
    senderId: "friend",
    text: `m${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    status: "sent",
  },
});

const open = (factory: IDBFactory, name: string) =>
  openDatabase({
    factory,
    name,
    timers: defaultTimers,
    blockedTimeoutMs: 1000,
    onVersionChange() {},
    onClose() {},
  });

describe("cache schema migrations", () => {
  it("has one migration per version", () => {
    expect(Object.keys(migrations).map(Number)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
  });

  it("creates the current schema in an empty database", async () => {
    const db = await open(new IDBFactory(), "fresh");
    expect([...db.objectStoreNames].sort()).toEqual([
      "conversations",
      "messages",
      "meta",
      "outbox",
    ]);
    expect(db.version).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("migrates a version 1 database to the current version, keeping every record", async () => {
    const factory = new IDBFactory();
    // Inserted out of order; numeric ids sort as numbers ("10" after "9").
    await createV1(factory, "old", [message(3, "10"), message(1, "9"), message(2, "9b")]);
    const db = await open(factory, "old");
    expect(db.version).toBe(SCHEMA_VERSION);
    const ordered = await db.getAllFromIndex("messages", "order");
    expect(ordered.map((r) => r.m.text)).toEqual(["m1", "m2", "m3"]);
    expect(ordered[2]).toMatchObject({ t: Date.UTC(2026, 0, 1, 0, 0, 3), s: 10 });
    const conversation = await db.get("conversations", "c1");
    expect(conversation).toMatchObject({ usedAt: 0, oldestId: null, cursor: "page-2" });
    expect(await db.getAllFromIndex("conversations", "usedAt")).toHaveLength(1);
    expect(await db.get("outbox", "k1")).toMatchObject({ queuedAt: 0, state: "queued" });
    expect(await db.get("meta", "me")).toEqual({ key: "me", value: "me" });
    // Version 3: the words index exists; messages stored before have no words in it.
    expect(await db.countFromIndex("messages", "words")).toBe(0);
    db.close();
  });

  it("keeps the version 1 database untouched when the migration fails", async () => {
    const factory = new IDBFactory();
    await createV1(factory, "broken", [message(1, "1"), {}]); // a record without its message
    await expect(open(factory, "broken")).rejects.toBeDefined();
    const request = factory.open("broken");
    const raw = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    expect(raw.version).toBe(1);
    const count = await new Promise<number>((resolve) => {
      const r = raw.transaction("messages").objectStore("messages").count();
      r.onsuccess = () => resolve(r.result);
    });
    expect(count).toBe(2);
    expect(raw.transaction("messages").objectStore("messages").indexNames.contains("order")).toBe(
      false,
    );
    raw.close();
  });
});
