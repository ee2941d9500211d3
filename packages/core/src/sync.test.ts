import { deferred, manualTimers } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import type { AdapterSession, HistoryPage } from "./adapter.js";
import { Backoff } from "./backoff.js";
import { ConversationList } from "./conversation-list.js";
import { ParleyError } from "./errors.js";
import { HistoryReader } from "./history-reader.js";
import { HistoryRetry } from "./history-retry.js";
import type { Conversation, Message } from "./model.js";
import { reduce } from "./reducer.js";
import { type ChatStore, createChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";
import { Sync } from "./sync.js";

/** Lets settled promises' continuations run (a few chained awaits deep). */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const msg = (id: string, conversationId = "c"): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId,
  senderId: "bob",
  text: `m${id}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id.replace(/\D/g, "")) || 0)).toISOString(),
  status: "sent",
});
const ids = (messages: readonly Message[]) => messages.map((m) => m.id);

/** Puts messages in the store's thread of a conversation, as a history page would. */
function seed(store: ChatStore, conversationId: string, messages: Message[]): void {
  const page = { messages, cursor: "seeded" };
  const event: StoreEvent = { type: "history", conversationId, page, older: false };
  store.setState(reduce(store.getState(), [event]), true);
}

interface Backend {
  history?: (conversationId: string, cursor: string | null) => Promise<HistoryPage>;
  conversations?: () => Promise<Conversation[]>;
  watch?: (conversationId: string) => void | Promise<void>;
}

function setup(backend: Backend) {
  const store = createChatStore();
  const clock = manualTimers();
  const historyReads: Array<[string, string | null]> = [];
  const watches: string[] = [];
  let listReads = 0;
  const { history, conversations, watch } = backend;
  const session: AdapterSession = {
    connect: () => Promise.resolve(),
    disconnect: () => {},
    send: () => Promise.resolve(null),
    ...(history && {
      history: (conversationId: string, cursor: string | null) => {
        historyReads.push([conversationId, cursor]);
        return history(conversationId, cursor);
      },
    }),
    ...(conversations && {
      conversations: () => {
        listReads += 1;
        return conversations();
      },
    }),
    ...(watch && {
      watch: (conversationId: string) => {
        watches.push(conversationId);
        return watch(conversationId);
      },
    }),
  };
  const dispatched: StoreEvent[] = [];
  const reported: ParleyError[] = [];
  const dispatch = (event: StoreEvent) => dispatched.push(event);
  const report = (error: ParleyError) => reported.push(error);
  const reader = new HistoryReader(session, "test-dialect", dispatch, 3);
  const list = new ConversationList({
    session,
    adapterName: "test-dialect",
    store,
    dispatch,
    report,
    timers: clock.timers,
  });
  const retry: HistoryRetry = new HistoryRetry({
    read: (conversationId) => sync.catchUp(conversationId),
    watched: (conversationId) => sync.watched.has(conversationId),
    store,
    dispatch,
    timers: clock.timers,
    backoff: () => new Backoff({ min: 1000, max: 8000, random: () => 0.5 }),
    maxAttempts: 3,
  });
  const sync: Sync = new Sync({
    session,
    store,
    history: reader,
    retry,
    list,
    dispatch,
    report,
    timers: clock.timers,
  });
  const resets = () =>
    dispatched.flatMap((e) => (e.type === "reset" ? [{ ...e, messages: ids(e.messages) }] : []));
  return {
    store,
    clock,
    sync,
    list,
    dispatched,
    reported,
    historyReads,
    watches,
    resets,
    listReads: () => listReads,
  };
}

/** A history where the page before cursor `pN` is page N+1, each holding three new ids. */
function endlessHistory(conversationId: string, cursor: string | null): Promise<HistoryPage> {
  const n = cursor === null ? 0 : Number(cursor.slice(1));
  const first = 1000 - 3 * (n + 1);
  const messages = [first, first + 1, first + 2].map((i) => msg(String(i), conversationId));
  return Promise.resolve({ messages, cursor: `p${n + 1}` });
}

describe("Sync.watchLive", () => {
  it("resolves when the session's watch resolves, and stops its timer", async () => {
    const live = deferred<void>();
    const { sync, clock, watches } = setup({ watch: () => live.promise });
    let resolved = false;
    const waiting = sync.watchLive("c").then(() => {
      resolved = true;
    });
    expect(watches).toEqual(["c"]);
    await flushMicrotasks();
    expect(resolved).toBe(false);
    expect(clock.pending()).toBe(1);

    live.resolve();
    await waiting;
    expect(resolved).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it("resolves after 5000 ms when the watch never does", async () => {
    const { sync, clock } = setup({ watch: () => new Promise<void>(() => {}) });
    let resolved = false;
    void sync.watchLive("c").then(() => {
      resolved = true;
    });
    clock.advance(4999);
    await flushMicrotasks();
    expect(resolved).toBe(false);
    clock.advance(1);
    await flushMicrotasks();
    expect(resolved).toBe(true);
  });

  it("resolves when the watch fails, and at once when it answers nothing", async () => {
    const failing = setup({ watch: () => Promise.reject(new Error("no room")) });
    await failing.sync.watchLive("c");
    expect(failing.clock.pending()).toBe(0);

    const plain = setup({ watch: () => {} });
    await plain.sync.watchLive("c");
    expect(plain.watches).toEqual(["c"]);
    expect(plain.clock.pending()).toBe(0);

    const none = setup({});
    await none.sync.watchLive("c");
    expect(none.clock.pending()).toBe(0);
  });
});

describe("Sync.catchUp", () => {
  it("reads newest pages until one overlaps the known messages, and stops there", async () => {
    const pages: Record<string, HistoryPage> = {
      newest: { messages: [msg("8"), msg("9"), msg("10")], cursor: "p1" },
      p1: { messages: [msg("5"), msg("6"), msg("7")], cursor: "p2" },
      p2: { messages: [msg("2"), msg("3"), msg("4")], cursor: "p3" },
      p3: { messages: [msg("0"), msg("1")], cursor: null },
    };
    const history = (_: string, cursor: string | null) =>
      Promise.resolve(pages[cursor ?? "newest"] ?? { messages: [], cursor: null });
    const { sync, store, historyReads, dispatched, resets } = setup({ history });
    seed(store, "c", [msg("1"), msg("2"), msg("3")]);

    await sync.catchUp("c");
    expect(historyReads).toEqual([
      ["c", null],
      ["c", "p1"],
      ["c", "p2"],
    ]);
    // The newest page merges as the newest; the ones behind it are older pages.
    expect(dispatched.map((e) => (e.type === "history" ? e.older : e.type))).toEqual([
      false,
      true,
      true,
    ]);
    expect(resets()).toEqual([]);
  });

  it("dispatches `reset` with the fetched messages when ten pages bring no overlap", async () => {
    const { sync, store, historyReads, resets } = setup({ history: endlessHistory });
    seed(store, "c", [msg("1"), msg("2")]);

    await sync.catchUp("c");
    expect(historyReads).toHaveLength(10);
    expect(historyReads.map(([, cursor]) => cursor)).toEqual([
      null,
      "p1",
      "p2",
      "p3",
      "p4",
      "p5",
      "p6",
      "p7",
      "p8",
      "p9",
    ]);
    // Oldest first: the tenth page's messages lead, the newest page's close.
    const expected = Array.from({ length: 30 }, (_, i) => String(970 + i));
    expect(resets()).toEqual([
      { type: "reset", conversationId: "c", messages: expected, cursor: "p10" },
    ]);
  });

  it("reads just one page when nothing was known", async () => {
    const { sync, historyReads, resets, dispatched } = setup({ history: endlessHistory });
    await sync.catchUp("c");
    expect(historyReads).toEqual([["c", null]]);
    expect(dispatched.map((e) => e.type)).toEqual(["history"]);
    expect(resets()).toEqual([]);
  });

  it("stops without a reset at the start of history", async () => {
    const history = () => Promise.resolve({ messages: [msg("7"), msg("8")], cursor: null });
    const { sync, store, historyReads, resets } = setup({ history });
    seed(store, "c", [msg("1")]);
    await sync.catchUp("c");
    expect(historyReads).toEqual([["c", null]]);
    expect(resets()).toEqual([]);
  });
});

describe("Sync.afterConnect", () => {
  it("reads the list again only once the app wanted it", async () => {
    const { sync, list, listReads } = setup({ conversations: () => Promise.resolve([]) });
    await sync.afterConnect();
    expect(listReads()).toBe(0);

    await list.load();
    expect(listReads()).toBe(1);
    await sync.afterConnect();
    expect(listReads()).toBe(2);
  });

  it("catches up a watched conversation only after its watch resolved", async () => {
    const live = deferred<void>();
    const { sync, store, historyReads, watches } = setup({
      history: (conversationId) =>
        Promise.resolve({ messages: [msg("1", conversationId)], cursor: null }),
      watch: () => live.promise,
    });
    seed(store, "loaded", [msg("1", "loaded")]);
    sync.watched.add("open");

    let done = false;
    const connecting = sync.afterConnect().then(() => {
      done = true;
    });
    await flushMicrotasks();
    // A conversation that is only loaded is caught up at once; the open one waits for its feed.
    expect(watches).toEqual(["open"]);
    expect(historyReads).toEqual([["loaded", null]]);
    expect(done).toBe(false);

    live.resolve();
    await connecting;
    expect(historyReads).toEqual([
      ["loaded", null],
      ["open", null],
    ]);
  });

  it("catches up a watched conversation after 5000 ms when its watch never resolves", async () => {
    const { sync, clock, historyReads } = setup({
      history: () => Promise.resolve({ messages: [], cursor: null }),
      watch: () => new Promise<void>(() => {}),
    });
    sync.watched.add("open");
    const connecting = sync.afterConnect();
    clock.advance(4999);
    await flushMicrotasks();
    expect(historyReads).toEqual([]);
    clock.advance(1);
    await connecting;
    expect(historyReads).toEqual([["open", null]]);
  });

  it("watches again without history when the dialect has none", async () => {
    const { sync, watches, reported } = setup({ watch: () => Promise.resolve() });
    sync.watched.add("open");
    await sync.afterConnect();
    expect(watches).toEqual(["open"]);
    expect(reported).toEqual([]);
  });

  it("reports a watch that throws and still catches up every watched conversation", async () => {
    const { sync, store, historyReads, reported } = setup({
      watch: (conversationId) => {
        if (conversationId === "a") throw new ParleyError("network", "watch broke");
      },
      history: (conversationId) =>
        Promise.resolve({ messages: [msg("9", conversationId)], cursor: null }),
    });
    seed(store, "a", [msg("1", "a")]);
    seed(store, "b", [msg("1", "b")]);
    sync.watched.add("a");
    sync.watched.add("b");
    await expect(sync.afterConnect()).resolves.toBeUndefined();
    expect(historyReads.map(([id]) => id).sort()).toEqual(["a", "b"]);
    expect(reported.map((e) => e.message)).toEqual(["watch broke"]);
  });

  it("reports a failed job and still runs the others", async () => {
    let listFails = false;
    const { sync, list, store, historyReads, reported, dispatched } = setup({
      conversations: () =>
        listFails ? Promise.reject(new ParleyError("server", "list broke")) : Promise.resolve([]),
      history: (conversationId) =>
        conversationId === "a"
          ? Promise.reject(new Error("history broke"))
          : Promise.resolve({ messages: [msg("9", conversationId)], cursor: null }),
    });
    await list.load();
    listFails = true;
    seed(store, "a", [msg("1", "a")]);
    seed(store, "b", [msg("1", "b")]);

    await expect(sync.afterConnect()).resolves.toBeUndefined();
    expect(historyReads).toEqual([
      ["a", null],
      ["b", null],
    ]);
    expect(
      dispatched.flatMap((e) =>
        e.type === "history" ? [[e.conversationId, ids(e.page.messages)]] : [],
      ),
    ).toEqual([["b", ["9"]]]);
    expect(reported.map((e) => [e.code, e.message]).sort()).toEqual([
      ["network", "Error: history broke"],
      ["server", "list broke"],
    ]);
  });
});
