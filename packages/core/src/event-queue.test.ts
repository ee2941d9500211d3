import { describe, expect, it } from "vitest";
import type { ChatClientEvents } from "./client-types.js";
import { Emitter } from "./emitter.js";
import { EventQueue } from "./event-queue.js";
import type { ConnectionState, Message } from "./model.js";
import { own } from "./records.js";
import { type ChatStore, createChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";

const msg = (id: string, senderId = "bob"): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId,
  text: `m${id}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id))).toISOString(),
  status: "sent",
});
const connection = (state: ConnectionState): StoreEvent => ({ type: "connection", state });

/** The queue flushes in a microtask: one turn of the microtask queue runs it. */
const flushMicrotasks = () => Promise.resolve();

function setup(held = false) {
  const store = createChatStore();
  const emitter = new Emitter<ChatClientEvents>();
  let updates = 0;
  store.subscribe(() => {
    updates += 1;
  });
  /** What reached the emitter, with how many store updates had happened by then. */
  const emitted: Array<[string, string, number]> = [];
  /** Whether the store held each emitted message when it was emitted. */
  const inStore: boolean[] = [];
  emitter.on("message", (m) => {
    emitted.push(["message", m.text, updates]);
    inStore.push(holds(store, m));
  });
  emitter.on("connection", (s) => emitted.push(["connection", s.status, updates]));
  const queue = new EventQueue(store, emitter, held);
  return { store, queue, emitted, inStore, updates: () => updates };
}

function holds(store: ChatStore, message: Message): boolean {
  const thread = own(store.getState().threads, message.conversationId);
  return thread?.messages.some((m) => m.id === message.id) ?? false;
}

describe("EventQueue", () => {
  it("applies a burst dispatched in one task as one store update", async () => {
    const { store, queue, updates } = setup();
    const before = store.getState();
    queue.dispatch({ type: "ready", userId: "me" });
    queue.dispatch(connection({ status: "connected" }));
    for (const id of ["1", "2", "3"]) queue.dispatch({ type: "message", message: msg(id) });
    // Nothing happens synchronously.
    expect(updates()).toBe(0);
    expect(store.getState()).toBe(before);

    await flushMicrotasks();
    expect(updates()).toBe(1);
    const state = store.getState();
    expect(state.me).toBe("me");
    expect(state.connection).toEqual({ status: "connected" });
    expect(own(state.threads, "c")?.messages.map((m) => m.id)).toEqual(["1", "2", "3"]);

    // The next burst is the next update.
    queue.dispatch({ type: "message", message: msg("4") });
    queue.dispatch({ type: "message", message: msg("5") });
    await flushMicrotasks();
    expect(updates()).toBe(2);
  });

  it("emits message and connection events in dispatch order, after the state holds them", async () => {
    const { queue, emitted, inStore } = setup();
    queue.dispatch(connection({ status: "connecting" }));
    queue.dispatch({ type: "message", message: msg("1") });
    queue.dispatch(connection({ status: "connected" }));
    queue.dispatch({ type: "message", message: msg("2") });
    queue.dispatch({ type: "ready", userId: "me" });
    expect(emitted).toEqual([]);

    await flushMicrotasks();
    // Every listener ran after the batch's one store update, with its messages in the store.
    expect(emitted).toEqual([
      ["connection", "connecting", 1],
      ["message", "m1", 1],
      ["connection", "connected", 1],
      ["message", "m2", 1],
    ]);
    expect(inStore).toEqual([true, true]);
  });

  it("does not notify the store's subscribers when a batch changes nothing", async () => {
    const { store, queue, updates } = setup();
    const before = store.getState();
    queue.dispatch({ type: "typing-state", conversationId: "c", userId: "bob", typing: false });
    await flushMicrotasks();
    expect(updates()).toBe(0);
    expect(store.getState()).toBe(before);
  });

  it("applies nothing while held", async () => {
    const { store, queue, updates, emitted } = setup(true);
    const before = store.getState();
    queue.dispatch({ type: "message", message: msg("1") });
    queue.dispatch(connection({ status: "connected" }));
    await flushMicrotasks();
    queue.dispatch({ type: "message", message: msg("2") });
    await flushMicrotasks();
    await flushMicrotasks();

    expect(updates()).toBe(0);
    expect(store.getState()).toBe(before);
    expect(emitted).toEqual([]);
  });

  it("release(first) applies first before everything queued earlier, in one update", async () => {
    const { store, queue, updates, emitted } = setup(true);
    queue.dispatch(connection({ status: "connected" }));
    queue.dispatch({ type: "message", message: msg("2") });
    await flushMicrotasks();
    expect(updates()).toBe(0);

    queue.release(connection({ status: "connecting" }));
    await flushMicrotasks();
    expect(updates()).toBe(1);
    // Applied after `first`, the queued state is the one that stays.
    expect(store.getState().connection).toEqual({ status: "connected" });
    expect(emitted).toEqual([
      ["connection", "connecting", 1],
      ["connection", "connected", 1],
      ["message", "m2", 1],
    ]);

    // Released: later dispatches flow again.
    queue.dispatch({ type: "message", message: msg("3") });
    await flushMicrotasks();
    expect(updates()).toBe(2);
    expect(own(store.getState().threads, "c")?.messages.map((m) => m.id)).toEqual(["2", "3"]);
  });

  it("release(hydrate) lets the network's messages merge into what the cache had", async () => {
    const { store, queue } = setup(true);
    queue.dispatch({ type: "message", message: msg("3") });
    queue.release({
      type: "hydrate",
      snapshot: {
        me: "me",
        conversations: [],
        threads: [
          { conversationId: "c", messages: [msg("1"), msg("2")], cursor: "older", hasMore: true },
        ],
      },
    });
    await flushMicrotasks();
    const state = store.getState();
    expect(state.me).toBe("me");
    const thread = own(state.threads, "c");
    expect(thread?.messages.map((m) => m.id)).toEqual(["1", "2", "3"]);
    // The cache's paging position survives the network's newer message.
    expect(thread?.cursor).toBe("older");
  });
});
