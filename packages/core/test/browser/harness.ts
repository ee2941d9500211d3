// The page side of the browser tests and the cold-start benchmark: bundled by esbuild and loaded
// by `harness-server.ts`. Tests drive it through `window.parley` with Playwright.

import type { ChatAdapter } from "../../src/adapter.js";
import { friendsWs } from "../../src/adapters/friends-ws/index.js";
import { roomsWs } from "../../src/adapters/rooms-ws/index.js";
import { noCapabilities } from "../../src/capabilities.js";
import { type ChatClient, createChatClient } from "../../src/client.js";
import type { ParleyError } from "../../src/errors.js";
import { cacheName, createIdbCache, type IdbCache } from "../../src/idb/cache.js";
import { openDatabase } from "../../src/idb/database.js";
import { toRecord } from "../../src/idb/records.js";
import type { Message } from "../../src/model.js";
import type { SearchOptions } from "../../src/search/local-search.js";
import { MessageIndex } from "../../src/search/message-index.js";
import { defaultSegmenter, termsOf } from "../../src/search/tokenize.js";
import { indexTerms, type SearchableClient, withSearch } from "../../src/search/with-search.js";

export interface StartOptions {
  user: string;
  token: string;
  /** Opened once connected. */
  conversation?: string;
}

let client: ChatClient | null = null;
let searchable: SearchableClient | null = null;
let cache: IdbCache | null = null;
const errors: Array<{ code: string; message: string }> = [];

const messagesOf = (conversationId: string): readonly Message[] =>
  client?.getState().threads[conversationId]?.messages ?? [];

const api = {
  cacheName: (user: string) => cacheName(location.origin, user),

  start(options: StartOptions): void {
    cache = createIdbCache({
      server: location.origin,
      user: options.user,
      writeDelayMs: 20,
      terms: indexTerms,
    });
    client = createChatClient({
      adapter: friendsWs(),
      url: location.origin,
      auth: options.token,
      cache,
      backoff: { min: 100, max: 500 },
      outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 100, max: 500 } },
    });
    client.on("error", (e: ParleyError) => errors.push({ code: e.code, message: e.message }));
    searchable = withSearch(client, { cache });
    client.connect();
    const { conversation } = options;
    if (conversation) {
      const unsubscribe = client.subscribe((state) => {
        if (state.connection.status !== "connected") return;
        unsubscribe();
        void client?.openConversation(conversation);
      });
    }
  },

  texts: (conversationId: string) => messagesOf(conversationId).map((m) => m.text),
  statuses: (conversationId: string) =>
    messagesOf(conversationId).map((m) => `${m.text}:${m.status}`),
  dump: (conversationId: string) =>
    messagesOf(conversationId).map((m) => `${m.text}|${m.createdAt}|${m.id}|${m.status}`),
  connection: () => client?.getState().connection.status ?? "none",
  errors: () => errors,
  cacheStatus: () => cache?.status ?? "none",
  leading: () => cache?.leading ?? false,
  send: (conversationId: string, text: string) => client?.send(conversationId, text).clientId,
  loadOlder: (conversationId: string) => client?.loadOlder(conversationId),
  flush: () => cache?.flush(),
  /** The texts `client.search` finds, newest first, and whether more pages follow. */
  async search(query: string, options: SearchOptions = {}) {
    const result = await searchable?.search(query, options);
    return { texts: result?.hits.map((h) => h.message.text) ?? [], more: !!result?.cursor };
  },
  /** Whether the store holds a message with this text (not only the cache). */
  holds: (conversationId: string, text: string) =>
    messagesOf(conversationId).some((m) => m.text === text),
  destroy: () => (searchable ?? client)?.destroy(),

  /** Uploads `bytes` to a rooms-ws backend at `url`, recording every progress report. */
  async upload(url: string, token: string, bytes: number, type = "image/png") {
    const uploader = createChatClient({ adapter: roomsWs(), url, auth: token });
    const progress: number[] = [];
    try {
      const file = new Blob([new Uint8Array(bytes)], { type });
      const attachment = await uploader.upload(file, "big.png", (f) => progress.push(f));
      return { progress, url: attachment.url, size: attachment.size };
    } catch (error) {
      const { code, status, message } = error as ParleyError;
      return { progress, error: { code, status, message } };
    } finally {
      uploader.destroy();
    }
  },

  /** A newer version of the app: opens the cache database one version up. */
  upgrade(name: string, version: number, timeoutMs = 3000): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name, version);
      const timer = setTimeout(() => reject(new Error("the upgrade stayed blocked")), timeoutMs);
      request.onupgradeneeded = () => request.result.createObjectStore(`added-in-v${version}`);
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        const got = db.version;
        db.close();
        resolve(got);
      };
      request.onerror = () => reject(request.error);
    });
  },

  /**
   * Stores `count` messages of one conversation directly, as a long session would have; with
   * `words`, with the words search finds them by (and texts that differ: `word<i>`).
   */
  async seed(user: string, conversationId: string, count: number, words = false): Promise<void> {
    const db = await openDatabase({
      factory: indexedDB,
      name: cacheName(location.origin, user),
      blockedTimeoutMs: 3000,
      timers: {
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (t) => clearTimeout(t as number),
        now: () => Date.now(),
      },
      onVersionChange() {},
      onClose() {},
    });
    const start = Date.now() - count * 1000;
    const terms = words ? indexTerms : undefined;
    const tx = db.transaction(["messages", "conversations"], "readwrite");
    for (let i = 0; i < count; i++) {
      const id = String(i + 1);
      void tx.objectStore("messages").put(
        toRecord(
          {
            clientId: `id:${id}`,
            id,
            conversationId,
            senderId: i % 2 ? user : "friend",
            text: `Message number ${i}: the quick brown fox jumps over the lazy dog${words ? ` word${i}` : ""}.`,
            createdAt: new Date(start + i * 1000).toISOString(),
            status: "read",
          },
          terms,
        ),
      );
    }
    void tx.objectStore("conversations").put({
      id: conversationId,
      conversation: { id: conversationId, kind: "direct", participants: [], unreadCount: 0 },
      cursor: null,
      hasMore: false,
      oldestId: "1",
      usedAt: Date.now(),
    });
    await tx.done;
    db.close();
  },

  /** Bytes the origin stores, as the browser estimates them. */
  usage: async () => (await navigator.storage.estimate()).usage ?? 0,

  /**
   * The search benchmark: from creating the client (offline, over a cache of `user`) to the
   * first page of `query`'s results.
   */
  async searchColdStart(user: string, query: string): Promise<{ ms: number; hits: number }> {
    const offline: ChatAdapter = {
      name: "offline",
      capabilities: noCapabilities,
      createSession: () => ({
        connect: () => new Promise<void>(() => {}),
        disconnect() {},
        send: () => new Promise(() => {}),
      }),
    };
    const t0 = performance.now();
    cache = createIdbCache({
      server: location.origin,
      user,
      limits: { perConversation: 200_000, total: 200_000 },
      terms: indexTerms,
    });
    client = createChatClient({ adapter: offline, url: location.origin, auth: "x", cache });
    searchable = withSearch(client, { cache });
    client.connect();
    const result = await searchable.search(query);
    return { ms: performance.now() - t0, hits: result.hits.length };
  },

  /** Time to the first page of `query` over `count` messages indexed in memory here. */
  async searchMemory(count: number, query: string): Promise<{ indexMs: number; ms: number }> {
    const index = new MessageIndex(defaultSegmenter());
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      index.put({
        clientId: `id:${i}`,
        id: String(i),
        conversationId: `c${i % 100}`,
        senderId: "friend",
        text: `Message number ${i}: the quick brown fox jumps over the lazy dog word${i}.`,
        createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        status: "read",
      });
    }
    const t1 = performance.now();
    index.query({ terms: termsOf(query), limit: 20 });
    return { indexMs: t1 - t0, ms: performance.now() - t1 };
  },

  /**
   * The cold-start benchmark: from creating the client to the last 50 messages of the cached
   * conversation being in the store (the network never answers).
   */
  coldStart(user: string, conversationId: string): Promise<number> {
    const offline: ChatAdapter = {
      name: "offline",
      capabilities: noCapabilities,
      createSession: () => ({
        connect: () => new Promise<void>(() => {}),
        disconnect() {},
        send: () => new Promise(() => {}),
      }),
    };
    return new Promise((resolve) => {
      const t0 = performance.now();
      cache = createIdbCache({
        server: location.origin,
        user,
        limits: { perConversation: 20_000, total: 100_000 },
      });
      client = createChatClient({ adapter: offline, url: location.origin, auth: "x", cache });
      const unsubscribe = client.subscribe((state) => {
        if ((state.threads[conversationId]?.messages.length ?? 0) >= 50) {
          unsubscribe();
          resolve(performance.now() - t0);
        }
      });
      client.connect();
    });
  },
};

declare global {
  interface Window {
    parley: typeof api;
  }
}
window.parley = api;
