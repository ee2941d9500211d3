import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "./adapter.js";
import { Backoff } from "./backoff.js";
import type { ClientParts } from "./client-parts.js";
import type { Timers } from "./environment.js";
import { ParleyError } from "./errors.js";
import { receive } from "./inbound.js";
import type { Message } from "./model.js";
import { Outbox } from "./outbox.js";
import type { OutboxChange } from "./outbox-entry.js";
import { reduce } from "./reducer.js";
import { createChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";

const message = (id: string, senderId: string, text = `m${id}`): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId,
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  status: "sent",
});

/** Stand-ins for the parts `receive` talks to; each records what it was asked. */
function setup(match: (m: Message) => string | null = () => null) {
  const store = createChatStore();
  const log = {
    dispatched: [] as StoreEvent[],
    reported: [] as ParleyError[],
    lost: [] as ParleyError[],
    offline: 0,
    activity: 0,
    matched: [] as Message[],
    met: [] as string[],
    signals: [] as Array<[string, string, boolean]>,
  };
  const parts = {
    store,
    connection: {
      lost: (error: ParleyError) => log.lost.push(error),
      activity: () => {
        log.activity += 1;
      },
    },
    outbox: {
      offline: () => {
        log.offline += 1;
      },
      match: (m: Message) => {
        log.matched.push(m);
        return match(m);
      },
    },
    events: { dispatch: (event: StoreEvent) => log.dispatched.push(event) },
    typingTracker: {
      signal: (conversationId: string, userId: string, typing: boolean) =>
        log.signals.push([conversationId, userId, typing]),
    },
    list: { meet: (conversationId: string) => log.met.push(conversationId) },
    report: (error: ParleyError) => log.reported.push(error),
  } as unknown as ClientParts;
  return { parts, store, log };
}

describe("receive", () => {
  it("sends `closed` to the outbox and the connection manager, not to the store", () => {
    const { parts, log } = setup();
    const error = new ParleyError("network", "socket closed");
    receive(parts, { type: "closed", error });
    expect(log.offline).toBe(1);
    expect(log.lost).toEqual([error]);
    expect(log.lost[0]).toBe(error);
    expect(log.dispatched).toEqual([]);
    // A closing link is not a sign of life.
    expect(log.activity).toBe(0);
  });

  it("sends `typing` to the tracker only", () => {
    const { parts, log } = setup();
    receive(parts, { type: "typing", conversationId: "c", userId: "bob", typing: true });
    expect(log.signals).toEqual([["c", "bob", true]]);
    expect(log.dispatched).toEqual([]);
    expect(log.activity).toBe(1);
  });

  it("reports `error` and does not dispatch it", () => {
    const { parts, log } = setup();
    const error = new ParleyError("protocol", "bad frame");
    receive(parts, { type: "error", error });
    expect(log.reported).toEqual([error]);
    expect(log.dispatched).toEqual([]);
    expect(log.lost).toEqual([]);
  });

  it("dispatches other events unchanged", () => {
    const { parts, log } = setup();
    const events: AdapterEvent[] = [
      { type: "ready", userId: "me" },
      { type: "status", conversationId: "c", messageIds: ["1"], status: "read" },
      { type: "presence", userId: "bob", presence: { online: true } },
    ];
    for (const event of events) receive(parts, event);
    expect(log.dispatched).toEqual(events);
    expect(log.activity).toBe(3);
  });

  it("matches our own message through the outbox and dispatches it with the entry's clientId", () => {
    const { parts, log } = setup((m) => (m.text === "hello" ? "L1" : null));
    const echo = message("s1", "me", "hello");
    receive(parts, { type: "message", message: echo });
    expect(log.matched).toEqual([echo]);
    expect(log.dispatched).toEqual([{ type: "message", message: { ...echo, clientId: "L1" } }]);
    expect(log.met).toEqual(["c"]);
  });

  it("dispatches a message the outbox does not claim as it came", () => {
    const { parts, log } = setup();
    const other = message("s2", "bob");
    receive(parts, { type: "message", message: other });
    expect(log.dispatched).toEqual([{ type: "message", message: other }]);
  });

  it("does not offer the outbox a message whose server id the thread already holds", () => {
    const { parts, store, log } = setup(() => "L9");
    const stored = message("s1", "me", "hello");
    store.setState(reduce(store.getState(), [{ type: "message", message: stored }]), true);

    const again = { ...stored, status: "delivered" as const };
    receive(parts, { type: "message", message: again });
    expect(log.matched).toEqual([]);
    expect(log.dispatched).toEqual([{ type: "message", message: again }]);

    // A new server id in the same thread is still offered.
    const fresh = message("s2", "me", "hello");
    receive(parts, { type: "message", message: fresh });
    expect(log.matched).toEqual([fresh]);
  });

  it("confirms a real outbox entry from its echo, once", async () => {
    const timers: Timers = {
      setTimeout: () => 0,
      clearTimeout: () => {},
      now: () => Date.UTC(2026, 0, 1),
    };
    const wire: string[] = [];
    const outbox = new Outbox({
      send: (o) => {
        wire.push(o.clientId);
        return Promise.resolve(null);
      },
      me: () => "me",
      timers,
      backoff: () => new Backoff({ min: 1000, random: () => 0.5 }),
    });
    const changes: OutboxChange[] = [];
    outbox.subscribe((change) => changes.push(change));
    outbox.enqueue({ clientId: "L1", conversationId: "c", text: "hello" });
    outbox.online();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(wire).toEqual(["L1"]);

    const { parts, log } = setup();
    const withOutbox = { ...parts, outbox } as ClientParts;
    const echo = message("s1", "me", "hello");
    receive(withOutbox, { type: "message", message: echo });
    receive(withOutbox, { type: "message", message: { ...echo } });
    expect(log.dispatched).toEqual([
      { type: "message", message: { ...echo, clientId: "L1" } },
      { type: "message", message: echo },
    ]);
    expect(changes.filter((c) => c.type === "confirmed")).toEqual([
      { type: "confirmed", clientId: "L1", conversationId: "c", message: echo },
    ]);
    expect(outbox.get("L1")).toBeUndefined();
  });
});
