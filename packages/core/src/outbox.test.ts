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
const serverCopy = (o: OutgoingMessage, senderId = "me"): Message => ({
  clientId: `id:${++serverSeq}`,
  id: String(serverSeq),
  conversationId: o.conversationId,
  senderId,
  text: o.text,
  createdAt: new Date().toISOString(),
  status: "sent",
});

function setup(overrides: Partial<OutboxOptions> = {}) {
  const wire: OutgoingMessage[] = [];
  const confirmed: Array<[string, Message]> = [];
  const failed: Array<[string, ParleyError]> = [];
  let behaviour: (o: OutgoingMessage) => Promise<Message | null> = (o) =>
    Promise.resolve(serverCopy(o));
  const outbox = new Outbox({
    send: (o) => {
      wire.push(o);
      return behaviour(o);
    },
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
    if (change.type === "confirmed") confirmed.push([change.clientId, change.message]);
    if (change.type === "failed") failed.push([change.clientId, change.error]);
  });
  return {
    outbox,
    wire,
    confirmed,
    failed,
    behave(fn: typeof behaviour) {
      behaviour = fn;
    },
  };
}

describe("Outbox", () => {
  it("queues while offline and sends in order per conversation once online", async () => {
    const { outbox, wire, confirmed } = setup();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2));
    outbox.enqueue(out(3, "other"));
    expect(wire).toEqual([]);
    outbox.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(wire.map((o) => o.clientId)).toEqual(["L1", "L3", "L2"]);
    expect(confirmed.map(([id]) => id).sort()).toEqual(["L1", "L2", "L3"]);
    expect(outbox.list()).toEqual([]);
  });

  it("waits for an echo, matches it by conversation and text, then sends the next", async () => {
    const { outbox, wire, confirmed, behave } = setup();
    behave(() => Promise.resolve(null));
    outbox.online();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(wire.map((o) => o.clientId)).toEqual(["L1"]);
    // Someone else's message with the same text is not our confirmation.
    expect(outbox.match(serverCopy(out(1), "bob"))).toBeNull();
    expect(outbox.match(serverCopy(out(1)))).toBe("L1");
    await vi.advanceTimersByTimeAsync(0);
    expect(wire.map((o) => o.clientId)).toEqual(["L1", "L2"]);
    expect(outbox.match(serverCopy(out(2)))).toBe("L2");
    expect(confirmed.map(([id]) => id)).toEqual(["L1", "L2"]);
  });

  it("checks history instead of resending a message that was in flight at a drop", async () => {
    const history: Message[] = [];
    const { outbox, wire, confirmed, behave } = setup({ recent: async () => history });
    behave(() => Promise.resolve(null));
    outbox.online();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(wire).toHaveLength(1);
    // The server stored L1 but the echo was lost with the connection.
    history.push(serverCopy(out(1)));
    outbox.offline();
    expect(outbox.get("L1")?.state).toBe("unconfirmed");
    outbox.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
    expect(wire.map((o) => o.clientId)).toEqual(["L1", "L2"]); // L1 never twice
  });

  it("resends an in-flight message that history does not have", async () => {
    const { outbox, wire, confirmed, behave } = setup({ recent: async () => [] });
    behave(() => Promise.resolve(null));
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(0);
    outbox.offline();
    behave((o) => Promise.resolve(serverCopy(o)));
    outbox.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(wire.map((o) => o.clientId)).toEqual(["L1", "L1"]);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
  });

  it("checks history when a confirmation never comes", async () => {
    const history: Message[] = [];
    const { outbox, wire, confirmed, behave } = setup({ recent: async () => history });
    behave((o) => {
      history.push(serverCopy(o));
      return Promise.resolve(null); // stored, but the echo is lost
    });
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(0);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
    expect(wire).toHaveLength(1);
  });

  it("reports a confirmation that never came, once per send, and not one that came", async () => {
    const unanswered = vi.fn();
    const { outbox, behave } = setup({ unanswered, recent: async () => [] });
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(4999);
    expect(unanswered).not.toHaveBeenCalled(); // confirmed at once by the server's copy
    behave(() => new Promise<null>((resolve) => resolve(null)));
    outbox.enqueue(out(2));
    await vi.advanceTimersByTimeAsync(4999);
    expect(unanswered).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(unanswered).toHaveBeenCalledTimes(1);
  });

  it("retries a failure known unsent with backoff, and fails after maxAttempts", async () => {
    const { outbox, wire, failed, behave } = setup({ maxAttempts: 3 });
    behave(() => Promise.reject(new ParleyError("network", "down", { unsent: true })));
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(wire).toHaveLength(1);
    expect(outbox.get("L1")?.state).toBe("waiting");
    await vi.advanceTimersByTimeAsync(500); // first delay: half of 1 s
    expect(wire).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499); // then between 1 and 2 s: 1.5 s here
    expect(wire).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(wire).toHaveLength(3);
    expect(outbox.get("L1")?.state).toBe("failed");
    expect(failed.map(([id, e]) => [id, e.code])).toEqual([["L1", "network"]]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wire).toHaveLength(3);
  });

  it("fails at once on a non-retryable error and lets later messages go", async () => {
    const { outbox, wire, failed, confirmed, behave } = setup();
    behave((o) =>
      o.clientId === "L1"
        ? Promise.reject(new ParleyError("forbidden", "not friends"))
        : Promise.resolve(serverCopy(o)),
    );
    outbox.online();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(failed.map(([id]) => id)).toEqual(["L1"]);
    expect(confirmed.map(([id]) => id)).toEqual(["L2"]);
    expect(wire).toHaveLength(2);
  });

  it("retry() sends a failed message again; discard() forgets it", async () => {
    const { outbox, wire, confirmed, behave } = setup({ maxAttempts: 1 });
    behave(() => Promise.reject(new ParleyError("server", "boom")));
    outbox.online();
    outbox.enqueue(out(1));
    outbox.enqueue(out(2, "d"));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.list().map((e) => e.state)).toEqual(["failed", "failed"]);
    behave((o) => Promise.resolve(serverCopy(o)));
    outbox.retry("L1");
    await vi.advanceTimersByTimeAsync(0);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
    expect(outbox.discard("L2")).toBe(true);
    expect(outbox.list()).toEqual([]);
    expect(wire).toHaveLength(3);
  });

  it("never resends without proof: history unreadable leaves the message to the user", async () => {
    const unconfirmed: string[] = [];
    // No history at all, and history the backend refuses (staff only, say).
    for (const recent of [undefined, () => Promise.reject(new ParleyError("forbidden", "staff"))]) {
      const { outbox, wire, behave } = setup(recent ? { recent } : {});
      outbox.subscribe((c) => c.type === "unconfirmed" && unconfirmed.push(c.clientId));
      behave(() => Promise.resolve(null)); // the echo never comes
      outbox.online();
      outbox.enqueue(out(1));
      outbox.enqueue(out(2));
      await vi.advanceTimersByTimeAsync(5000);
      await vi.advanceTimersByTimeAsync(0);
      expect(outbox.get("L1")?.state).toBe("unknown");
      // The queue behind it moves on; L1 itself is not sent again on its own.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(wire.filter((o) => o.clientId === "L1")).toHaveLength(1);
      expect(wire.filter((o) => o.clientId === "L2").length).toBeGreaterThan(0);
      // The user decides: retry sends it again, discard forgets it.
      behave((o) => Promise.resolve(serverCopy(o)));
      outbox.retry("L1");
      await vi.advanceTimersByTimeAsync(0);
      expect(wire.filter((o) => o.clientId === "L1")).toHaveLength(2);
      expect(outbox.get("L1")).toBeUndefined();
    }
    expect(unconfirmed).toEqual(["L1", "L2", "L1", "L2"]);
  });

  it("asks history again when it did not answer, then leaves the message to the user", async () => {
    let reads = 0;
    let stored: Message[] = [];
    const { outbox, wire, confirmed, behave } = setup({
      recent: async () => {
        reads += 1;
        if (reads < 2) throw new ParleyError("server", "history broke");
        return stored;
      },
    });
    behave((o) => {
      stored = [serverCopy(o)]; // stored, but the echo never comes
      return Promise.resolve(null);
    });
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(5000); // no echo: check history
    await vi.advanceTimersByTimeAsync(5000); // first read failed; the second finds it
    expect(reads).toBe(2);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
    expect(wire).toHaveLength(1);

    reads = -10; // history keeps failing: after three tries the user decides
    behave(() => Promise.resolve(null));
    outbox.enqueue(out(2));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outbox.get("L2")?.state).toBe("unknown");
    expect(wire.filter((o) => o.clientId === "L2")).toHaveLength(1);
  });

  it("an unconfirmed message can be discarded", async () => {
    const { outbox, behave } = setup();
    behave(() => Promise.resolve(null));
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.get("L1")?.state).toBe("unknown");
    expect(outbox.discard("L1")).toBe(true);
    expect(outbox.list()).toEqual([]);
  });

  it("an unanswered send that history never shows fails at maxAttempts instead of looping", async () => {
    const { outbox, wire, failed, behave } = setup({ maxAttempts: 3, recent: async () => [] });
    behave(() => Promise.resolve(null)); // no answer, nothing stored
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wire).toHaveLength(3);
    expect(failed.map(([id, e]) => [id, e.code])).toEqual([["L1", "timeout"]]);
  });

  it("waits out a rate limit however often it comes, without a history check", async () => {
    const recent = vi.fn(async () => [] as Message[]);
    const { outbox, wire, failed, confirmed, behave } = setup({ maxAttempts: 2, recent });
    let refusals = 6;
    behave((o) =>
      refusals-- > 0
        ? Promise.reject(new ParleyError("rate-limited", "slow down"))
        : Promise.resolve(serverCopy(o)),
    );
    outbox.online();
    outbox.enqueue(out(1));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(failed).toEqual([]);
    expect(confirmed.map(([id]) => id)).toEqual(["L1"]);
    expect(wire).toHaveLength(7);
    expect(recent).not.toHaveBeenCalled();
  });

  it("restores entries that were in flight as unconfirmed", async () => {
    const { outbox, wire } = setup({ recent: async () => [serverCopy(out(1))] });
    outbox.enqueue(out(1), { state: "inflight", attempts: 1, firstSentAt: Date.now() });
    expect(outbox.get("L1")?.state).toBe("unconfirmed");
    outbox.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(wire).toEqual([]);
    expect(outbox.list()).toEqual([]);
  });
});
