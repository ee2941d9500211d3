import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { unwrap } from "idb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultTimers } from "../environment.js";
import type { Message } from "../model.js";
import { type CacheDatabase, openDatabase } from "./database.js";
import { toRecord } from "./records.js";
import { Batch, Writer } from "./writer.js";

let db: CacheDatabase;
afterEach(() => db?.close());

async function setup(collect: (batch: Batch) => void = () => {}) {
  db = await openDatabase({
    factory: new IDBFactory(),
    name: "writer",
    timers: defaultTimers,
    blockedTimeoutMs: 1000,
    onVersionChange() {},
    onClose() {},
  });
  const raw = unwrap(db);
  const transactions = vi.spyOn(raw, "transaction");
  const errors: unknown[] = [];
  const writer = new Writer({
    db: () => raw,
    delayMs: 20,
    timers: defaultTimers,
    collect,
    onError: (error) => errors.push(error),
  });
  return { writer, transactions, errors };
}

const message = (i: number, conversationId = "c"): Message & { id: string } => ({
  clientId: `id:${i}`,
  id: String(i),
  conversationId,
  senderId: "friend",
  text: `m${i}`,
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  status: "sent",
});

const row = (clientId: string) => ({
  clientId,
  outgoing: { clientId, conversationId: "c", text: clientId },
  state: "queued" as const,
  attempts: 0,
  queuedAt: 1,
});

describe("Writer", () => {
  it("gathers many requests into one transaction after the delay", async () => {
    let next = 0;
    const { writer, transactions } = await setup((batch) => {
      for (; next < 100; next++) batch.addMessages("c", { records: [toRecord(message(next))] });
    });
    for (let i = 0; i < 50; i++) writer.request();
    expect(transactions).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 60));
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await db.count("messages")).toBe(100);
  });

  it("writes outbox changes at once when asked, and flush waits until they are stored", async () => {
    const { writer } = await setup();
    writer.pending.outbox.set("k1", row("k1"));
    await writer.flush();
    expect(await db.get("outbox", "k1")).toMatchObject({ state: "queued" });
    writer.pending.outbox.set("k1", null);
    await writer.flush();
    expect(await db.get("outbox", "k1")).toBeUndefined();
  });

  it("starts an outbox write at once, even while a batch waits, and keeps successive ones in order", async () => {
    const { writer, transactions } = await setup((batch) => {
      batch.addMessages("c", { records: [toRecord(message(1))] });
    });
    writer.request(); // a batch of messages waits for its delay
    const put = new Batch();
    put.outbox.set("k1", row("k1"));
    const first = writer.writeNow(put);
    expect(transactions).toHaveBeenCalledTimes(1); // created during the call, not after the batch
    expect(transactions.mock.calls[0]?.[0]).toEqual(["outbox"]);
    const remove = new Batch();
    remove.outbox.set("k1", null);
    const second = writer.writeNow(remove);
    await Promise.all([first, second]);
    expect(await db.get("outbox", "k1")).toBeUndefined();
    await writer.flush();
    expect(await db.count("messages")).toBe(1);
  });

  it("keeps nothing of a batch that fails, and reports it", async () => {
    const { writer, errors } = await setup();
    writer.pending.outbox.set("k1", row("k1"));
    writer.pending.outbox.set("k2", { ...row("k2"), outgoing: { bad: () => {} } as never });
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(await db.count("outbox")).toBe(0);
  });

  it("replaces stored messages that a new thread does not overlap, so they stay contiguous", async () => {
    const { writer } = await setup();
    writer.pending.addMessages("c", { records: [1, 2, 3].map((i) => toRecord(message(i))) });
    await writer.flush();
    // Overlapping: kept and extended.
    writer.pending.addMessages("c", {
      records: [3, 4].map((i) => toRecord(message(i))),
      span: {
        oldest: { t: Date.parse(message(3).createdAt), s: 3 },
        newest: { t: Date.parse(message(4).createdAt), s: 4 },
      },
    });
    await writer.flush();
    expect((await db.getAll("messages")).map((r) => r.id)).toEqual(["1", "2", "3", "4"]);
    // Far newer, with a gap: the old ones go.
    writer.pending.addMessages("c", {
      records: [10, 11].map((i) => toRecord(message(i))),
      span: {
        oldest: { t: Date.parse(message(10).createdAt), s: 10 },
        newest: { t: Date.parse(message(11).createdAt), s: 11 },
      },
    });
    await writer.flush();
    expect((await db.getAll("messages")).map((r) => r.id)).toEqual(["10", "11"]);
  });

  it("stores a cursor only from a thread that reaches back to the oldest stored message", async () => {
    const { writer } = await setup();
    const paging = (cursor: string, oldest: number) => ({
      cursor,
      hasMore: true,
      oldestId: String(oldest),
      oldest: { t: Date.parse(message(oldest).createdAt), s: oldest },
    });
    writer.pending.addMessages("c", {
      records: [1, 2, 3].map((i) => toRecord(message(i))),
      paging: paging("deep", 1),
    });
    await writer.flush();
    writer.pending.addMessages("c", { records: [], paging: paging("shallow", 3) });
    await writer.flush();
    expect(await db.get("conversations", "c")).toMatchObject({ cursor: "deep", oldestId: "1" });
  });
});
