import "fake-indexeddb/auto";
import { FakeServer, waitFor } from "@parley/test-kit";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { createChatClient } from "../client.js";
import { defaultTimers } from "../environment.js";
import type { Message } from "../model.js";
import { termsOf } from "../search/tokenize.js";
import { type SearchableClient, withSearch } from "../search/with-search.js";
import { createIdbCache, type IdbCache } from "./cache.js";
import { type CacheDatabase, openDatabase } from "./database.js";
import { evict } from "./eviction.js";
import { toRecord } from "./records.js";
import { searchStored } from "./stored-search.js";

const terms = (text: string) => termsOf(text);

const message = (conversationId: string, i: number, text: string): Message & { id: string } => ({
  clientId: `id:${i}`,
  id: String(i),
  conversationId,
  senderId: "x",
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  status: "sent",
});

describe("searchStored", () => {
  let db: CacheDatabase;
  afterEach(() => db?.close());

  async function seeded(messages: (Message & { id: string })[]) {
    db = await openDatabase({
      factory: new IDBFactory(),
      name: "search",
      timers: defaultTimers,
      blockedTimeoutMs: 1000,
      onVersionChange() {},
      onClose() {},
    });
    const tx = db.transaction(["messages", "conversations"], "readwrite");
    for (const m of messages) void tx.objectStore("messages").put(toRecord(m, terms));
    for (const c of new Set(messages.map((m) => m.conversationId))) {
      void tx.objectStore("conversations").put({
        id: c,
        conversation: null,
        cursor: null,
        hasMore: false,
        oldestId: null,
        usedAt: c === "old" ? 1 : 2,
      });
    }
    await tx.done;
  }

  const texts = async (query: string, conversationId?: string) =>
    (
      await searchStored(db, {
        terms: termsOf(query),
        ...(conversationId !== undefined && { conversationId }),
        limit: 100,
      })
    )
      .map((m) => m.text)
      .sort();

  it("finds stored messages by every word's prefix, in one conversation or all", async () => {
    await seeded([
      message("a", 1, "Déjà vu again"),
      message("a", 2, "again and again"),
      message("b", 3, "vu from b"),
      message("b", 4, "東京都に住む"),
      { ...message("b", 5, "deja deleted"), deleted: true },
    ]);
    expect(await texts("deja")).toEqual(["Déjà vu again"]);
    expect(await texts("ag")).toEqual(["Déjà vu again", "again and again"]);
    expect(await texts("vu ag")).toEqual(["Déjà vu again"]);
    expect(await texts("vu", "b")).toEqual(["vu from b"]);
    expect(await texts("京都")).toEqual(["東京都に住む"]);
    expect(await texts("nothing")).toEqual([]);
  });

  it("pages many matches newest first without reading them all, few ones too", async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      message(i % 2 ? "a" : "b", i, `common ${i % 7 === 0 ? "seventh" : "other"}`),
    );
    await seeded(many);
    // Up to 100 matches of the rarest term are read and checked; past that, messages are walked.
    const ids = async (query: string, limit: number, conversationId?: string) => {
      const seen: string[] = [];
      let after: { t: number; key: string } | null = null;
      for (;;) {
        const page = await searchStored(
          db,
          {
            terms: termsOf(query),
            ...(conversationId !== undefined && { conversationId }),
            after,
            limit,
          },
          100,
        );
        seen.push(...page.map((m) => m.id as string));
        const last = page.at(-1);
        if (page.length < limit || !last) return seen;
        after = { t: Date.parse(last.createdAt), key: `${last.conversationId}\u0000${last.id}` };
      }
    };
    const expected = (test: (i: number) => boolean) =>
      many
        .map((_, i) => 499 - i)
        .filter(test)
        .map(String);
    // 500 matches: the time index (or a conversation's order) is walked.
    expect(await ids("common", 30)).toEqual(expected(() => true));
    expect(await ids("common", 30, "a")).toEqual(expected((i) => i % 2 === 1));
    // 72 matches: read and sorted; with a common word too, the rare one's are read.
    expect(await ids("seventh", 10)).toEqual(expected((i) => i % 7 === 0));
    expect(await ids("common seventh", 10, "b")).toEqual(expected((i) => i % 14 === 0));
    expect(await ids("nowhere common", 10)).toEqual([]);
  });

  it("loses what eviction removes", async () => {
    await seeded([message("old", 1, "needle old"), message("new", 2, "needle new")]);
    expect(await texts("needle")).toEqual(["needle new", "needle old"]);
    await evict(db, { perConversation: 10, total: 1 }, []);
    expect(await texts("needle")).toEqual(["needle new"]);
  });
});

describe("withSearch over an IndexedDB cache", () => {
  const clients: SearchableClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  function start(server: FakeServer, indexedDB: IDBFactory, withWords = true) {
    const cache: IdbCache = createIdbCache({
      server: "http://chat.test",
      user: "me",
      writeDelayMs: 5,
      locks: null,
      BroadcastChannel: null,
      indexedDB,
      ...(withWords && { terms }),
      hydrate: { messages: 10 },
    });
    const client = withSearch(
      createChatClient({
        adapter: server.adapter(),
        url: "http://chat.test",
        auth: "token",
        cache,
      }),
      { cache, segmenter: null },
    );
    clients.push(client);
    return { client, cache };
  }

  it("finds cached history after a restart without the network, beyond what the store holds", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    for (let i = 0; i < 60; i++)
      server.add("c", "friend", i === 5 ? "the hidden treasure" : `filler ${i}`);
    const first = start(server, indexedDB);
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    await first.client.openConversation("c");
    await first.client.loadOlder("c");
    await waitFor(first.client, (s) => (s.threads.c?.messages.length ?? 0) === 60);
    await first.cache.flush();
    first.client.destroy();
    await new Promise((r) => setTimeout(r, 10));

    // The server never answers now: only the cache can.
    server.gate = new Promise(() => {});
    const second = start(server, indexedDB);
    // Asked before the cache has opened: the search waits for it.
    const early = second.client.search("treasure");
    second.client.connect();
    expect((await early).hits.map((h) => h.message.text)).toEqual(["the hidden treasure"]);
    await waitFor(second.client, (s) => (s.threads.c?.messages.length ?? 0) === 10);
    const result = await second.client.search("treasure");
    expect(result.hits.map((h) => h.message.text)).toEqual(["the hidden treasure"]);
    expect(result.hits[0]?.ranges).toEqual([{ start: 11, end: 19 }]);
    // Not in the store: the cache found it.
    expect(
      second.client.getState().threads.c?.messages.some((m) => m.text.includes("treasure")),
    ).toBe(false);
    const fillers = await second.client.search("filler", { limit: 25 });
    expect(fillers.hits).toHaveLength(25);
    const rest = await second.client.search("filler", { limit: 100, cursor: fillers.cursor });
    expect(rest.hits).toHaveLength(34);
    expect(rest.cursor).toBeNull();
  });

  it("gives messages stored without words their words in the background", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    for (let i = 0; i < 30; i++)
      server.add("c", "friend", i === 3 ? "a lost needle" : `filler ${i}`);
    // An app without search stored them.
    const first = start(server, indexedDB, false);
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    await first.client.openConversation("c");
    await waitFor(first.client, (s) => (s.threads.c?.messages.length ?? 0) === 30);
    await first.cache.flush();
    first.client.destroy();
    await new Promise((r) => setTimeout(r, 10));

    server.gate = new Promise(() => {});
    const second = start(server, indexedDB);
    second.client.connect();
    await waitFor(second.client, (s) => (s.threads.c?.messages.length ?? 0) === 10);
    let texts: string[] = [];
    for (let i = 0; i < 200 && texts.length === 0; i++) {
      texts = (await second.client.search("needle")).hits.map((h) => h.message.text);
      if (texts.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(texts).toEqual(["a lost needle"]);
  });
});
