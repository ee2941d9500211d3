import { fakeAdapter, manualTimers, settle, waitFor } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import type { HistoryPage } from "./adapter.js";
import { type ChatClient, createChatClient } from "./client.js";
import { ParleyError } from "./errors.js";
import type { Message } from "./model.js";
import { reduce } from "./reducer.js";
import { createChatStore, type HistoryStatus } from "./state.js";
import { emptyThread, threadMessages } from "./thread.js";

// A history read that fails with a 5xx (or on the network) degrades: the conversation stays
// open and live, `historyStatus` says its history is unavailable, and the read is tried again
// with backoff, a bounded number of times, and again whenever the app asks (open, reconnect,
// loadOlder). The clock is injected: nothing here waits for real time but a settle.

const message = (id: string, text = `message ${id}`): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId: "other",
  text,
  createdAt: `2026-01-09T10:30:0${id}.000Z`,
  status: "sent",
});
const page: HistoryPage = { messages: [message("1"), message("2")], cursor: null };
const serverError = () => new ParleyError("server", "Internal Server Error", { status: 500 });

/**
 * A client over a fake whose history fails with a 500 until the test says otherwise. Random 0.5
 * and backoff 1 s..4 s: the tries come 500 ms, then 1.5 s, then 3 s after each failure.
 */
async function setup() {
  const clock = manualTimers();
  const fake = fakeAdapter({ capabilities: { history: true } });
  let failing = true;
  fake.session.history.mockImplementation(async () => {
    if (failing) throw serverError();
    return page;
  });
  const client = createChatClient({
    adapter: fake.adapter,
    url: "http://x",
    auth: "t",
    timers: clock.timers,
    random: () => 0.5,
    heartbeat: { silenceMs: 0 },
    backoff: { min: 10, max: 10 },
    historyRetry: { maxAttempts: 3, backoff: { min: 1000, max: 4000 } },
  });
  const errors: string[] = [];
  client.on("error", (error) => errors.push(`${error.code}: ${error.message}`));
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected");
  return {
    clock,
    fake,
    client,
    errors,
    reads: () => fake.session.history.mock.calls.length,
    status: () => client.getState().historyStatus.c,
    texts: () => threadMessages(client.getState().threads.c ?? emptyThread).map((m) => m.text),
    /** Moves the injected clock, then lets the tries it started finish. */
    async advance(ms: number) {
      clock.advance(ms);
      await settle();
    },
    recover() {
      failing = false;
    },
  };
}

const unavailable = (
  failures: number,
  retryAt: number | null,
): Omit<HistoryStatus, "error"> & { error: unknown } => ({
  error: expect.objectContaining({ code: "server", status: 500, retryable: true }),
  failures,
  retryAt,
});

async function stopAll(client: ChatClient) {
  client.destroy();
  await settle();
}

describe("history that cannot be read", () => {
  it("keeps the conversation open and live, reports the error once, and tries again with backoff, bounded", async () => {
    const t = await setup();
    await expect(t.client.openConversation("c")).resolves.toBeUndefined();
    expect(t.errors).toEqual(["server: Internal Server Error"]);
    expect(t.fake.session.watch).toHaveBeenCalledWith("c");
    expect(t.status()).toEqual(unavailable(1, 500));
    expect(t.reads()).toBe(1);

    // Live messages still arrive while the history is unavailable.
    t.fake.emit({ type: "message", message: message("3", "still live") });
    await waitFor(t.client, () => t.texts().includes("still live"));

    await t.advance(499);
    expect(t.reads()).toBe(1);
    await t.advance(1);
    expect(t.reads()).toBe(2);
    expect(t.status()).toEqual(unavailable(2, 500 + 1500));
    await t.advance(1500);
    expect(t.reads()).toBe(3);
    expect(t.status()).toEqual(unavailable(3, 2000 + 3000));
    await t.advance(3000);
    expect(t.reads()).toBe(4);
    // Three tries on its own, then it waits to be asked.
    expect(t.status()).toEqual(unavailable(4, null));
    await t.advance(10 * 60_000);
    expect(t.reads()).toBe(4);
    // The tries on its own are quiet: the status tells how they went.
    expect(t.errors).toEqual(["server: Internal Server Error"]);

    // Asked for older messages: the newest page is tried again; it works now, and the status goes.
    t.recover();
    await expect(t.client.loadOlder("c")).resolves.toBe(false);
    expect(t.reads()).toBe(5);
    expect(t.status()).toBeUndefined();
    expect(t.texts()).toEqual(["message 1", "message 2", "still live"]);
    await stopAll(t.client);
  });

  it("clears the status when a scheduled try succeeds, and tries no more", async () => {
    const t = await setup();
    await t.client.openConversation("c");
    expect(t.status()).toEqual(unavailable(1, 500));
    t.recover();
    await t.advance(500);
    expect(t.reads()).toBe(2);
    expect(t.status()).toBeUndefined();
    expect(t.texts()).toEqual(["message 1", "message 2"]);
    await t.advance(10 * 60_000);
    expect(t.reads()).toBe(2);
    await stopAll(t.client);
  });

  it("a loadOlder that fails again rejects with the error and keeps the status, with the next try scheduled anew", async () => {
    const t = await setup();
    await t.client.openConversation("c");
    await t.advance(500); // the first scheduled try fails too
    expect(t.status()).toEqual(unavailable(2, 2000));
    await expect(t.client.loadOlder("c")).rejects.toMatchObject({ code: "server" });
    // Asked for: the bound starts anew (the first delay again), from now.
    expect(t.status()).toEqual(unavailable(3, 500 + 500));
    await stopAll(t.client);
  });

  it("tries again at once on a reconnect, and starts the bound anew", async () => {
    const t = await setup();
    await t.client.openConversation("c");
    for (const delay of [500, 1500, 3000]) await t.advance(delay);
    expect(t.status()).toEqual(unavailable(4, null));
    expect(t.reads()).toBe(4);

    t.fake.emit({ type: "closed", error: new ParleyError("network", "dropped") });
    await waitFor(t.client, (s) => s.connection.status === "reconnecting");
    await t.advance(10); // the reconnection's backoff
    await waitFor(t.client, (s) => s.connection.status === "connected");
    await settle();
    expect(t.reads()).toBe(5);
    expect(t.status()).toEqual(unavailable(5, 5010 + 500));
    t.recover();
    await t.advance(500);
    expect(t.status()).toBeUndefined();
    await stopAll(t.client);
  });

  it("stops trying on its own once the conversation is closed; opening it again tries at once", async () => {
    const t = await setup();
    await t.client.openConversation("c");
    t.fake.emit({ type: "message", message: message("3", "live") });
    await waitFor(t.client, () => t.texts().includes("live"));
    t.client.closeConversation("c");
    await settle();
    expect(t.status()).toEqual(unavailable(1, null));
    await t.advance(60_000);
    expect(t.reads()).toBe(1);
    // The thread holds a live message, yet its history is read: it could not be before.
    t.recover();
    await t.client.openConversation("c");
    expect(t.reads()).toBe(2);
    expect(t.status()).toBeUndefined();
    expect(t.texts()).toEqual(["message 1", "message 2", "live"]);
    await stopAll(t.client);
  });

  it("does not loop on an error the server will keep giving", async () => {
    const t = await setup();
    t.fake.session.history.mockRejectedValue(
      new ParleyError("forbidden", "Not a participant", { status: 403 }),
    );
    await expect(t.client.openConversation("c")).rejects.toMatchObject({ code: "forbidden" });
    t.fake.session.history.mockRejectedValue(new ParleyError("protocol", "A malformed page"));
    await expect(t.client.openConversation("d")).resolves.toBeUndefined();
    expect(t.errors).toEqual(["protocol: A malformed page"]);
    expect(t.client.getState().historyStatus).toEqual({});
    await t.advance(10 * 60_000);
    expect(t.reads()).toBe(2);
    await stopAll(t.client);
  });

  it("drops every status once the backend turns out to have no history (a capability, not an error)", async () => {
    const t = await setup();
    await t.client.openConversation("c");
    expect(t.status()).toBeDefined();
    t.fake.emit({ type: "capabilities", capabilities: { history: false } });
    await waitFor(t.client, (s) => !s.capabilities.history);
    expect(t.client.getState().historyStatus).toEqual({});
    await t.advance(10 * 60_000);
    expect(t.reads()).toBe(1);
    await stopAll(t.client);
  });
});

describe("historyStatus in the reducer", () => {
  const status: HistoryStatus = { error: serverError(), failures: 1, retryAt: 500 };
  const failed = reduce(createChatStore().getState(), [
    { type: "history-unavailable", conversationId: "c", status },
  ]);

  it("is set by a failure and dropped by the next newest page, not by an older one", () => {
    expect(failed.historyStatus.c).toBe(status);
    const older = reduce(failed, [
      { type: "history", conversationId: "c", page, older: true },
    ]).historyStatus;
    expect(older.c).toBe(status);
    const newest = reduce(failed, [{ type: "history", conversationId: "c", page, older: false }]);
    expect(newest.historyStatus).toEqual({});
  });

  it("keeps its record prototype-free and the state unchanged when there is nothing to drop", () => {
    const odd = reduce(failed, [
      { type: "history-unavailable", conversationId: "__proto__", status },
    ]);
    expect(Object.getPrototypeOf(odd.historyStatus)).toBeNull();
    expect(Object.keys(odd.historyStatus).sort()).toEqual(["__proto__", "c"]);
    const untouched = createChatStore().getState();
    const after = reduce(untouched, [
      { type: "reset", conversationId: "c", messages: [], cursor: null },
    ]);
    expect(after.historyStatus).toBe(untouched.historyStatus);
  });
});
