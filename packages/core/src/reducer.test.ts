import { describe, expect, it } from "vitest";
import { noCapabilities } from "./capabilities.js";
import type { Message } from "./model.js";
import { reduce, type StoreEvent } from "./reducer.js";
import { createChatStore } from "./state.js";
import { emptyThread, findByServerId, findMessage, threadMessages } from "./thread.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const msg = (id: string, s: number, senderId = "bob", extra: Partial<Message> = {}): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId,
  text: `m${id}`,
  createdAt: at(s),
  status: "sent",
  ...extra,
});
const base = () =>
  reduce(createChatStore(noCapabilities).getState(), [{ type: "ready", userId: "me" }]);
const run = (events: StoreEvent[], state = base()) => reduce(state, events);
const queued = (clientId: string, text: string, s: number): StoreEvent => ({
  type: "queued",
  outgoing: { clientId, conversationId: "c", text },
  queuedAt: Date.parse(at(s)),
  failed: false,
});

describe("reduce", () => {
  it("counts each new message from others once, whatever the order and repeats", () => {
    const events: StoreEvent[] = [
      { type: "message", message: msg("2", 2) },
      { type: "message", message: msg("1", 1) },
      { type: "message", message: msg("2", 2, "bob", { status: "delivered" }) },
      { type: "message", message: msg("3", 3, "me") },
    ];
    const inOrder = run(events);
    const reversed = run([...events].reverse());
    const split = run(events.slice(2), run(events.slice(0, 2)));
    for (const state of [inOrder, reversed, split]) {
      expect(state.conversations.c?.unreadCount).toBe(2);
      expect(threadMessages(state.threads.c ?? emptyThread).map((m) => m.id)).toEqual([
        "1",
        "2",
        "3",
      ]);
    }
  });

  it("does not count history as unread, and a read by me clears the count", () => {
    let state = run([
      {
        type: "history",
        conversationId: "c",
        older: false,
        page: { messages: [msg("1", 1)], cursor: "p2" },
      },
    ]);
    expect(state.conversations.c?.unreadCount).toBe(0);
    expect(state.threads.c?.cursor).toBe("p2");
    state = run([{ type: "message", message: msg("2", 2) }], state);
    expect(state.conversations.c?.unreadCount).toBe(1);
    state = run([{ type: "read", conversationId: "c", readerId: "me" }], state);
    expect(state.conversations.c?.unreadCount).toBe(0);
  });

  it("marks what others wrote read when I read a conversation, not what I wrote", () => {
    const state = run([
      {
        type: "history",
        conversationId: "c",
        older: false,
        page: { messages: [msg("1", 1), msg("2", 2, "me")], cursor: null },
      },
      { type: "read-local", conversationId: "c" },
    ]);
    const statuses = threadMessages(state.threads.c ?? emptyThread).map(
      (m) => `${m.id}:${m.status}`,
    );
    expect(statuses).toEqual(["1:read", "2:sent"]);
  });

  it("shows a deleted last message as deleted in the conversation's preview too", () => {
    const state = run([
      { type: "message", message: msg("1", 1) },
      { type: "message", message: msg("2", 2) },
      { type: "deleted", conversationId: "c", messageId: "1" },
    ]);
    expect(state.conversations.c?.lastMessage).toMatchObject({ id: "2" });
    expect(state.conversations.c?.lastMessage?.deleted).toBeFalsy();
    const after = run([{ type: "deleted", conversationId: "c", messageId: "2" }], state);
    expect(after.conversations.c?.lastMessage).toMatchObject({ id: "2", deleted: true });
  });

  it("marks my messages read up to the message another reader reached", () => {
    let state = run([
      { type: "message", message: msg("1", 1, "me") },
      { type: "message", message: msg("2", 2, "me") },
      { type: "message", message: msg("3", 3, "me") },
    ]);
    state = run([{ type: "read", conversationId: "c", readerId: "bob", upTo: "2" }], state);
    expect(threadMessages(state.threads.c ?? emptyThread).map((m) => m.status)).toEqual([
      "read",
      "read",
      "sent",
    ]);
    // A late, lower receipt never moves a message back.
    state = run(
      [{ type: "status", conversationId: "c", messageIds: ["1"], status: "delivered" }],
      state,
    );
    expect(threadMessages(state.threads.c ?? emptyThread)[0]?.status).toBe("read");
  });

  it("merges an echo the outbox matched (it carries the pending client id), keeping one copy", () => {
    let state = run([queued("L1", "hi", 9)]);
    expect(threadMessages(state.threads.c ?? emptyThread)[0]).toMatchObject({
      clientId: "L1",
      senderId: "me",
      status: "pending",
    });
    state = run(
      [{ type: "message", message: msg("7", 5, "me", { text: "hi", clientId: "L1" }) }],
      state,
    );
    const messages = threadMessages(state.threads.c ?? emptyThread);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ clientId: "L1", id: "7", status: "sent" });
    // The acknowledgement arriving afterwards changes nothing.
    const again = run(
      [{ type: "confirmed", clientId: "L1", message: msg("7", 5, "me", { text: "hi" }) }],
      state,
    );
    expect(threadMessages(again.threads.c ?? emptyThread)).toHaveLength(1);
  });

  it("keeps the client id send returned when a history copy came first under another", () => {
    // A backend that names senders by role only: the catch-up read brought our message as
    // someone else's, under a client id of its own, before the outbox proved it was ours.
    let state = run([queued("L1", "hi", 4)]);
    state = run(
      [
        {
          type: "history",
          conversationId: "c",
          older: false,
          page: { messages: [msg("6", 3), msg("7", 5, "bob", { text: "hi" })], cursor: null },
        },
      ],
      state,
    );
    state = run(
      [{ type: "confirmed", clientId: "L1", message: msg("7", 5, "me", { text: "hi" }) }],
      state,
    );
    const thread = state.threads.c ?? emptyThread;
    expect(threadMessages(thread).map((m) => [m.clientId, m.id, m.senderId])).toEqual([
      ["id:6", "6", "bob"],
      ["L1", "7", "me"],
    ]);
    expect(findMessage(thread, "id:7")).toBeUndefined();
    expect(findByServerId(thread, "7")?.clientId).toBe("L1");
  });

  it("tracks typing and presence, and answers the same state when nothing changed", () => {
    let state = run([
      { type: "typing-state", conversationId: "c", userId: "bob", typing: true },
      { type: "presence", userId: "bob", presence: { online: true, status: "busy" } },
    ]);
    expect(state.typing.c).toEqual(["bob"]);
    expect(state.presence.bob).toEqual({ online: true, status: "busy" });
    expect(
      run([{ type: "typing-state", conversationId: "c", userId: "bob", typing: true }], state),
    ).toBe(state);
    state = run(
      [{ type: "typing-state", conversationId: "c", userId: "bob", typing: false }],
      state,
    );
    expect(state.typing.c).toEqual([]);
  });

  it("marks a failed send and keeps deletion", () => {
    let state = run([queued("L1", "x", 1), { type: "message", message: msg("1", 0) }]);
    const error = { code: "forbidden", message: "no" } as const;
    state = run(
      [
        {
          type: "failed",
          clientId: "L1",
          conversationId: "c",
          error: Object.assign(new Error("no"), error) as never,
        },
      ],
      state,
    );
    expect(
      threadMessages(state.threads.c ?? emptyThread).find((m) => m.clientId === "L1"),
    ).toMatchObject({
      status: "failed",
      error,
    });
    state = run([{ type: "retried", clientId: "L1", conversationId: "c" }], state);
    const retried = threadMessages(state.threads.c ?? emptyThread).find((m) => m.clientId === "L1");
    expect(retried?.status).toBe("pending");
    expect(retried?.error).toBeUndefined();
    state = run([{ type: "deleted", conversationId: "c", messageId: "1" }], state);
    expect(threadMessages(state.threads.c ?? emptyThread).find((m) => m.id === "1")?.deleted).toBe(
      true,
    );
  });

  it("shows a message the backend cannot confirm as unconfirmed until the user retries it", () => {
    let state = run([queued("L1", "x", 1)]);
    state = run([{ type: "unconfirmed", clientId: "L1", conversationId: "c" }], state);
    expect(threadMessages(state.threads.c ?? emptyThread)[0]?.status).toBe("unconfirmed");
    state = run([{ type: "retried", clientId: "L1", conversationId: "c" }], state);
    expect(threadMessages(state.threads.c ?? emptyThread)[0]?.status).toBe("pending");
  });

  it("keeps ids that name Object.prototype members as plain data, and the rest of the batch", () => {
    const ids = ["constructor", "__proto__", "toString", "hasOwnProperty"];
    const events: StoreEvent[] = ids.flatMap((id, i): StoreEvent[] => [
      { type: "message", message: { ...msg(String(i + 1), i + 1, id), conversationId: id } },
      { type: "typing-state", conversationId: id, userId: id, typing: true },
      { type: "presence", userId: id, presence: { online: true } },
    ]);
    const state = run([...events, { type: "message", message: msg("9", 9) }]);
    for (const id of ids) {
      expect(threadMessages(state.threads[id] ?? emptyThread).map((m) => m.senderId)).toEqual([id]);
      expect(state.typing[id]).toEqual([id]);
      expect(state.presence[id]).toEqual({ online: true });
      expect(state.conversations[id]?.unreadCount).toBe(1);
    }
    expect(threadMessages(state.threads.c ?? emptyThread).map((m) => m.id)).toEqual(["9"]);
    expect(Object.getPrototypeOf(state.threads)).toBeNull();
  });

  it("takes the order of a read-back for messages of one millisecond, and leaves paging alone", () => {
    // Two sends of ours confirmed out of order (one by history, one by its answer) with the same
    // time; the adapter reads them back in the server's order.
    const first = msg("u-a", 5, "me");
    const second = msg("u-b", 5, "me");
    const live = run([
      { type: "message", message: second },
      { type: "message", message: first },
    ]);
    const ids = (state: typeof live) =>
      threadMessages(state.threads.c ?? emptyThread).map((m) => m.id);
    expect(ids(live)).toEqual(["u-b", "u-a"]);
    const settled = run(
      [{ type: "read-back", conversationId: "c", messages: [first, second] }],
      live,
    );
    expect(ids(settled)).toEqual(["u-a", "u-b"]);
    expect(settled.threads.c?.hasMore).toBe(live.threads.c?.hasMore);
    expect(settled.threads.c?.cursor).toBe(live.threads.c?.cursor);
  });
});
