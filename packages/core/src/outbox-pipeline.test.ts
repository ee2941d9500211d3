// The outbox with a send window: several sends of a conversation on the wire at once, in order,
// and every failure inside a window handled per message (no loss, no second copy without proof).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OutgoingMessage } from "./adapter.js";
import { Backoff } from "./backoff.js";
import { ParleyError } from "./errors.js";
import type { Message } from "./model.js";
import { Outbox } from "./outbox.js";
import type { OutboxOptions } from "./outbox-entry.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) }));
afterEach(() => vi.useRealTimers());

const out = (n: number, conversationId = "c"): OutgoingMessage => ({
  clientId: `L${n}`,
  conversationId,
  text: `text ${n}`,
});
let serverSeq = 0;
const serverCopy = (o: OutgoingMessage): Message => ({
  clientId: `id:${++serverSeq}`,
  id: String(serverSeq),
  conversationId: o.conversationId,
  senderId: "me",
  text: o.text,
  createdAt: new Date().toISOString(),
  status: "sent",
});

interface Pending {
  outgoing: OutgoingMessage;
  resolve(message: Message | null): void;
  reject(error: unknown): void;
}

/** An outbox whose sends wait until the test answers them (`answer`, `refuse`). */
function setup(window: number, overrides: Partial<OutboxOptions> = {}) {
  const wire: string[] = [];
  const pending: Pending[] = [];
  const confirmed: string[] = [];
  const failed: string[] = [];
  const outbox = new Outbox({
    send: (outgoing) =>
      new Promise<Message | null>((resolve, reject) => {
        wire.push(outgoing.clientId);
        pending.push({ outgoing, resolve, reject });
      }),
    sendWindow: () => window,
    me: () => "me",
    timers: {
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as never),
      now: () => Date.now(),
    },
    backoff: () => new Backoff({ min: 1000, random: () => 0.5 }),
    ackTimeoutMs: 5000,
    ...overrides,
  });
  outbox.subscribe((change) => {
    if (change.type === "confirmed") confirmed.push(change.clientId);
    if (change.type === "failed") failed.push(change.clientId);
  });
  const take = (clientId: string): Pending => {
    const index = pending.findIndex((p) => p.outgoing.clientId === clientId);
    const [found] = pending.splice(index, 1);
    if (index < 0 || !found) throw new Error(`${clientId} is not waiting`);
    return found;
  };
  return {
    outbox,
    wire,
    confirmed,
    failed,
    /** Client ids waiting for their answer, oldest first. */
    waiting: () => pending.map((p) => p.outgoing.clientId),
    answer(clientId: string, copy?: Message) {
      const p = take(clientId);
      p.resolve(copy ?? serverCopy(p.outgoing));
    },
    refuse(clientId: string, error: ParleyError) {
      take(clientId).reject(error);
    },
    /** The link is gone: every send waiting fails. */
    drop() {
      for (const p of pending.splice(0)) p.reject(new ParleyError("network", "Disconnected"));
    },
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("Outbox with a send window", () => {
  it("puts up to the window on the wire at once, in order, and the next as each is confirmed", async () => {
    const { outbox, wire, waiting, answer, confirmed } = setup(3);
    outbox.online();
    for (let n = 1; n <= 5; n++) outbox.enqueue(out(n));
    outbox.enqueue(out(9, "other"));
    await settle();
    // Each conversation has its own window.
    expect(wire).toEqual(["L1", "L2", "L3", "L9"]);
    answer("L1");
    await settle();
    expect(waiting()).toEqual(["L2", "L3", "L9", "L4"]);
    answer("L2");
    answer("L3");
    answer("L4");
    await settle();
    answer("L5");
    answer("L9");
    await settle();
    expect(wire).toEqual(["L1", "L2", "L3", "L9", "L4", "L5"]);
    expect(confirmed).toEqual(["L1", "L2", "L3", "L4", "L5", "L9"]);
    expect(outbox.list()).toEqual([]);
  });

  it("a window of one (the default) sends one at a time", async () => {
    const { outbox, wire, answer } = setup(1);
    outbox.online();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2));
    await settle();
    expect(wire).toEqual(["L1"]);
    answer("L1");
    await settle();
    expect(wire).toEqual(["L1", "L2"]);
  });

  it("a send refused unsent in the middle of a window goes again once, before anything newer", async () => {
    const { outbox, wire, waiting, answer, refuse, confirmed, failed } = setup(4);
    outbox.online();
    for (let n = 1; n <= 6; n++) outbox.enqueue(out(n));
    await settle();
    expect(wire).toEqual(["L1", "L2", "L3", "L4"]);
    answer("L1");
    await settle(); // L5 goes: the window is still open
    refuse("L2", new ParleyError("rate-limited", "Slow down"));
    answer("L3");
    answer("L4");
    await settle();
    // L2 waits for its retry; nothing newer passes it.
    expect(outbox.get("L2")?.state).toBe("waiting");
    expect(wire).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    answer("L5");
    await vi.advanceTimersByTimeAsync(1500);
    // After a rate limit, one at a time for the rest of this link.
    expect(waiting()).toEqual(["L2"]);
    answer("L2");
    await settle();
    expect(waiting()).toEqual(["L6"]);
    answer("L6");
    await settle();
    expect(wire).toEqual(["L1", "L2", "L3", "L4", "L5", "L2", "L6"]);
    expect(confirmed).toEqual(["L1", "L3", "L4", "L5", "L2", "L6"]);
    expect(failed).toEqual([]);
  });

  it("a send refused for good in the middle of a window fails alone; the others are confirmed", async () => {
    const { outbox, wire, answer, refuse, confirmed, failed } = setup(4);
    outbox.online();
    for (let n = 1; n <= 4; n++) outbox.enqueue(out(n));
    await settle();
    answer("L1");
    refuse("L2", new ParleyError("invalid-input", "Too long"));
    answer("L3");
    answer("L4");
    await settle();
    expect(failed).toEqual(["L2"]);
    expect(confirmed).toEqual(["L1", "L3", "L4"]);
    expect(wire).toEqual(["L1", "L2", "L3", "L4"]);
  });

  it("a send unanswered in the middle of a window is checked against history, never resent on a guess", async () => {
    const history: Message[] = [];
    const recent = vi.fn(async () => history);
    const { outbox, wire, answer, confirmed } = setup(3, { recent });
    outbox.online();
    for (let n = 1; n <= 3; n++) outbox.enqueue(out(n));
    await settle();
    answer("L1");
    answer("L3");
    // L2 was stored, but its answer never comes.
    history.push(serverCopy(out(2)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(recent).toHaveBeenCalledTimes(1);
    expect(confirmed).toEqual(["L1", "L3", "L2"]);
    expect(wire).toEqual(["L1", "L2", "L3"]); // L2 never twice
  });

  it("after a drop with several in flight, one history read settles them; the absent go again in order", async () => {
    const history: Message[] = [];
    const recent = vi.fn(async () => history);
    const { outbox, wire, waiting, answer, drop, confirmed } = setup(8, { recent });
    outbox.online();
    for (let n = 1; n <= 5; n++) outbox.enqueue(out(n));
    await settle();
    expect(waiting()).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    // The server stored L1 and L3 (twice the same text elsewhere does not count twice).
    history.push(serverCopy(out(1)), serverCopy(out(3)));
    outbox.offline();
    drop();
    expect(outbox.list().map((e) => e.state)).toEqual(Array(5).fill("unconfirmed"));
    outbox.enqueue(out(6));
    outbox.online();
    await settle();
    expect(recent).toHaveBeenCalledTimes(1);
    expect(confirmed).toEqual(["L1", "L3"]);
    expect(waiting()).toEqual(["L2", "L4", "L5", "L6"]);
    for (const id of ["L2", "L4", "L5", "L6"]) answer(id);
    await settle();
    expect(wire).toEqual(["L1", "L2", "L3", "L4", "L5", "L2", "L4", "L5", "L6"]);
    expect(confirmed).toEqual(["L1", "L3", "L2", "L4", "L5", "L6"]);
  });

  it("one stored copy confirms one entry: two sends of one text need two copies in history", async () => {
    const history: Message[] = [];
    const { outbox, wire, answer, drop, confirmed } = setup(4, { recent: async () => history });
    outbox.online();
    const same = (n: number): OutgoingMessage => ({ ...out(n), text: "ok" });
    outbox.enqueue(same(1));
    outbox.enqueue(same(2));
    await settle();
    history.push(serverCopy(same(1)));
    outbox.offline();
    drop();
    outbox.online();
    await settle();
    expect(confirmed).toEqual(["L1"]);
    answer("L2");
    await settle();
    expect(wire).toEqual(["L1", "L2", "L2"]);
    expect(confirmed).toEqual(["L1", "L2"]);
  });

  it("with a durable mark before each send (a cache), sends still go out in order", async () => {
    const marks: string[] = [];
    const { outbox, wire } = setup(4, {
      // The first mark takes longest: the second must not overtake it.
      beforeSend: async (entry) => {
        marks.push(entry.outgoing.clientId);
        await new Promise((resolve) => setTimeout(resolve, marks.length === 1 ? 50 : 1));
      },
    });
    outbox.online();
    for (let n = 1; n <= 3; n++) outbox.enqueue(out(n));
    await vi.advanceTimersByTimeAsync(100);
    expect(wire).toEqual(["L1", "L2", "L3"]);
    expect(marks).toEqual(["L1", "L2", "L3"]);
  });

  it("an echo confirms the oldest sent entry of its text, in any position of the window", async () => {
    const { outbox, answer, confirmed } = setup(4);
    outbox.online();
    for (let n = 1; n <= 3; n++) outbox.enqueue(out(n));
    await settle();
    expect(outbox.match(serverCopy(out(2)))).toBe("L2");
    answer("L1");
    answer("L3");
    await settle();
    expect(confirmed).toEqual(["L2", "L1", "L3"]);
  });
});
