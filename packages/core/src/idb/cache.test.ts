import "fake-indexeddb/auto";
import { FakeLocks, FakeServer, waitFor } from "@parley/test-kit";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, type ChatClientOptions, createChatClient } from "../client.js";
import type { ParleyError } from "../errors.js";
import { emptyThread, threadMessages } from "../thread.js";
import { cacheName, createIdbCache, type IdbCacheOptions } from "./cache.js";
import { SCHEMA_VERSION } from "./schema.js";

const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function start(
  server: FakeServer,
  cacheOptions: Partial<IdbCacheOptions> & { indexedDB: IDBFactory | null },
  clientOptions: Partial<ChatClientOptions> = {},
) {
  const cache = createIdbCache({
    server: "http://chat.test",
    user: "me",
    writeDelayMs: 5,
    locks: null,
    BroadcastChannel: null,
    ...cacheOptions,
  });
  const client = createChatClient({
    adapter: server.adapter(),
    url: "http://chat.test",
    auth: "token",
    cache,
    backoff: { min: 20, max: 50 },
    outbox: { retryBackoff: { min: 20, max: 50 }, ackTimeoutMs: 200 },
    ...clientOptions,
  });
  const errors: ParleyError[] = [];
  client.on("error", (e) => errors.push(e));
  clients.push(client);
  return { client, cache, errors };
}

const texts = (client: ChatClient, conversationId = "c") =>
  threadMessages(client.getState().threads[conversationId] ?? emptyThread).map((m) => m.text);

async function close(client: ChatClient, cache: { flush(): Promise<void> }) {
  await cache.flush();
  client.destroy();
  await new Promise((r) => setTimeout(r, 10));
}

function seed(server: FakeServer, count: number, conversationId = "c") {
  for (let i = 0; i < count; i++) server.add(conversationId, "friend", `m${i}`);
}

describe("createIdbCache with the client", () => {
  it("names one database per server and user", () => {
    expect(cacheName("http://a.test/", "u1")).toBe(cacheName("http://a.test", "u1"));
    expect(cacheName("http://a.test", "u1")).not.toBe(cacheName("http://a.test", "u2"));
    expect(cacheName("http://a.test", "u1")).not.toBe(cacheName("http://b.test", "u1"));
  });

  it("fills the store from the cache before the network answers, then merges without duplicates", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    seed(server, 60);
    const first = start(server, { indexedDB });
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    await first.client.openConversation("c");
    await first.client.loadOlder("c");
    await waitFor(first.client, () => texts(first.client).length === 60);
    await close(first.client, first.cache);

    // The server does not answer yet; two messages arrived meanwhile.
    let answer = () => {};
    server.gate = new Promise((resolve) => {
      answer = resolve;
    });
    server.add("c", "friend", "new 1");
    server.add("c", "friend", "new 2");
    const second = start(server, { indexedDB });
    second.client.connect();
    await waitFor(second.client, () => texts(second.client).length === 50, 2000, "hydrated");
    expect(second.client.getState().connection.status).toBe("connecting");
    expect(texts(second.client)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 10}`));
    expect(second.client.getState().me).toBe("me");

    answer();
    await waitFor(second.client, () => texts(second.client).at(-1) === "new 2", 2000, "caught up");
    expect(texts(second.client)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `m${i + 10}`),
      "new 1",
      "new 2",
    ]);

    // Older pages come from the cache first, then from the network.
    expect(await second.client.loadOlder("c")).toBe(false);
    await waitFor(second.client, () => texts(second.client).length === 62);
    expect(texts(second.client).slice(0, 3)).toEqual(["m0", "m1", "m2"]);
    expect(new Set(texts(second.client)).size).toBe(62);
  });

  it("keeps the people known by name: a reload shows them before the network, and asks again", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    const resolveUsers = async (ids: readonly string[]) =>
      ids.map((id) => ({ id, name: id === "friend" ? "Fred" : "Other" }));
    const first = start(server, { indexedDB }, { resolveUsers });
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    first.client.users.request(["friend"]);
    await vi.waitFor(() => expect(first.client.users.get("friend")?.name).toBe("Fred"));
    await close(first.client, first.cache);

    // The network never answers and the resolver is slow: Fred is named from the cache.
    server.gate = new Promise(() => {});
    const asked: string[][] = [];
    const second = start(
      server,
      { indexedDB },
      {
        resolveUsers: (ids) => {
          asked.push([...ids]);
          return new Promise(() => {});
        },
      },
    );
    second.client.connect();
    await vi.waitFor(() => expect(second.client.users.get("friend")?.name).toBe("Fred"));
    expect(second.client.getState().connection.status).toBe("connecting");
    expect(second.client.users.list().map((u) => u.name)).toEqual(["Fred"]);
    // A name only the cache kept is still asked of the app, in case it changed.
    second.client.users.request(["friend"]);
    await vi.waitFor(() => expect(asked).toEqual([["friend"]]));
  });

  it("writes what waits for the batching delay when the page is hidden", async () => {
    const handlers = new Map<string, () => void>();
    const page = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
    page.addEventListener = (type: string, fn: () => void) => handlers.set(type, fn);
    page.removeEventListener = (type: string) => handlers.delete(type);
    try {
      const server = new FakeServer();
      const indexedDB = new IDBFactory();
      seed(server, 3);
      const first = start(server, { indexedDB, writeDelayMs: 60_000 });
      first.client.connect();
      await waitFor(first.client, (s) => s.connection.status === "connected");
      await first.client.openConversation("c");
      await waitFor(first.client, () => texts(first.client).length === 3);
      await new Promise((r) => setTimeout(r, 50));
      server.deliver("c", "friend", "live"); // its write waits for the (long) batching delay
      await waitFor(first.client, () => texts(first.client).at(-1) === "live");
      // The page goes away long before the delay is over; an unloading page runs no close().
      handlers.get("pagehide")?.();
      await new Promise((r) => setTimeout(r, 50));

      server.gate = new Promise(() => {}); // the network never answers the second start
      const second = start(server, { indexedDB });
      second.client.connect();
      await waitFor(second.client, () => texts(second.client).length === 4, 2000, "hydrated");
      expect(texts(second.client)).toEqual(["m0", "m1", "m2", "live"]);
    } finally {
      delete page.addEventListener;
      delete page.removeEventListener;
    }
  });

  it("sends a message queued offline exactly once after a reload", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    server.online = false;
    const first = start(server, { indexedDB });
    first.client.connect();
    first.client.send("c", "offline hello");
    await waitFor(first.client, () => texts(first.client).includes("offline hello"));
    await close(first.client, first.cache);

    server.online = true;
    const second = start(server, { indexedDB });
    await waitFor(second.client, () => texts(second.client).includes("offline hello"), 2000);
    expect(second.client.getState().threads.c?.messages[0]?.status).toBe("pending");
    second.client.connect();
    await waitFor(
      second.client,
      (s) => s.threads.c?.messages.every((m) => m.status === "sent"),
      3000,
      "sent",
    );
    expect(server.count("offline hello")).toBe(1);
    expect(texts(second.client)).toEqual(["offline hello"]);
    await second.cache.flush();

    const third = start(server, { indexedDB });
    third.client.connect();
    await waitFor(third.client, (s) => s.connection.status === "connected");
    await new Promise((r) => setTimeout(r, 100));
    expect(server.count("offline hello")).toBe(1);
  });

  it("checks a message that was in flight when the tab closed instead of sending it again", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    server.holdAcks = true;
    const first = start(server, { indexedDB });
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    first.client.send("c", "in flight");
    await vi.waitFor(() => expect(server.count("in flight")).toBe(1));
    await close(first.client, first.cache);

    server.holdAcks = false;
    const second = start(server, { indexedDB });
    second.client.connect();
    await waitFor(
      second.client,
      (s) => s.threads.c?.messages.length === 1 && s.threads.c.messages[0]?.status === "sent",
      3000,
      "confirmed from history",
    );
    expect(server.received.map((o) => o.text)).toEqual(["in flight"]);
  });
});

describe("createIdbCache degraded modes", () => {
  it("works in memory when IndexedDB is missing, and says so", async () => {
    const server = new FakeServer();
    const { client, cache, errors } = start(server, { indexedDB: null });
    client.connect();
    client.send("c", "still works");
    await waitFor(client, (s) => s.threads.c?.messages[0]?.status === "sent");
    expect(cache.status).toBe("memory");
    expect(errors.map((e) => e.code)).toEqual(["storage-degraded"]);
    expect(client.getState().lastError?.code).toBe("storage-degraded");
  });

  it("works in memory when the database cannot be opened", async () => {
    const server = new FakeServer();
    const broken = new IDBFactory();
    broken.open = () => {
      throw new DOMException("The user denied storage", "SecurityError");
    };
    const { client, cache, errors } = start(server, { indexedDB: broken });
    client.connect();
    client.send("c", "still works");
    await waitFor(client, (s) => s.threads.c?.messages[0]?.status === "sent");
    expect(cache.status).toBe("memory");
    expect(errors[0]?.code).toBe("storage-degraded");
    expect(errors[0]?.cause).toMatchObject({ name: "SecurityError" });
  });

  it("goes on in memory when the quota is exceeded, losing nothing it holds", async () => {
    const server = new FakeServer();
    seed(server, 5);
    const indexedDB = new IDBFactory();
    const { client, cache, errors } = start(server, { indexedDB });
    client.connect();
    await waitFor(client, (s) => s.connection.status === "connected");
    await cache.flush();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException("Quota exceeded", "QuotaExceededError");
    };
    try {
      await client.openConversation("c");
      await cache.flush();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(cache.status).toBe("memory");
    expect(errors.map((e) => e.code)).toEqual(["storage-degraded"]);
    expect(errors[0]?.message).toMatch(/quota/);
    expect(texts(client)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    client.send("c", "after quota");
    await waitFor(client, () => server.count("after quota") === 1);
  });

  it("closes its database when a newer version upgrades it, and goes on in memory", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    const { client, cache, errors } = start(server, { indexedDB });
    client.connect();
    await waitFor(client, (s) => s.connection.status === "connected");
    await cache.flush();
    expect(cache.status).toBe("open");

    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(cache.name, SCHEMA_VERSION + 1);
      request.onupgradeneeded = () => request.result.createObjectStore("newer");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("blocked by the old tab"));
    });
    expect(upgraded.version).toBe(SCHEMA_VERSION + 1);
    upgraded.close();
    expect(cache.status).toBe("memory");
    expect(errors[0]?.message).toMatch(/newer version/);
    client.send("c", "after upgrade");
    await waitFor(client, (s) => s.threads.c?.messages[0]?.status === "sent");
  });

  it("wipes everything on clear()", async () => {
    const server = new FakeServer();
    seed(server, 3);
    const indexedDB = new IDBFactory();
    const first = start(server, { indexedDB });
    first.client.connect();
    await waitFor(first.client, (s) => s.connection.status === "connected");
    await first.client.openConversation("c");
    await first.cache.flush();
    first.client.destroy();
    await first.cache.clear();

    server.gate = new Promise(() => {}); // never answers: only the cache could fill the store
    const second = start(server, { indexedDB });
    second.client.connect();
    // Open means read: the cache's snapshot went to the store in the same step.
    await vi.waitFor(() => expect(second.cache.status).toBe("open"));
    expect(second.client.getState().threads).toEqual({});
  });
});

describe("createIdbCache across tabs", () => {
  it("lets only the leading tab transmit; another tab's sends reach it and are sent once", async () => {
    const server = new FakeServer();
    const indexedDB = new IDBFactory();
    const locks = new FakeLocks();
    const shared = { indexedDB, locks, BroadcastChannel: globalThis.BroadcastChannel };
    const a = start(server, shared);
    a.client.connect();
    await waitFor(a.client, (s) => s.connection.status === "connected");
    const b = start(server, shared);
    b.client.connect();
    await waitFor(b.client, (s) => s.connection.status === "connected");

    b.client.send("c", "from b");
    a.client.send("c", "from a");
    await waitFor(
      b.client,
      (s) => s.threads.c?.messages.find((m) => m.text === "from b")?.status === "sent",
      3000,
      "b confirmed",
    );
    await waitFor(a.client, () => texts(a.client).includes("from b"), 3000, "a shows b's");
    expect(server.received.map((o) => o.text).sort()).toEqual(["from a", "from b"]);

    // The leader closes with a message queued offline: the other tab takes over and sends it.
    server.goOffline();
    a.client.send("c", "handed over");
    await waitFor(b.client, () => texts(b.client).includes("handed over"), 3000, "b mirrors");
    await a.cache.flush();
    a.client.destroy();
    await new Promise((r) => setTimeout(r, 30));
    server.goOnline();
    await waitFor(b.client, () => server.count("handed over") === 1, 5000, "sent by b");
    await new Promise((r) => setTimeout(r, 100));
    expect(server.received.map((o) => o.text).filter((t) => t === "handed over")).toHaveLength(1);
  });
});
