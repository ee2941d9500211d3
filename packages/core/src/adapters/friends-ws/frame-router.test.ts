import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { defaultTimers } from "../../environment.js";
import { ReplyQueue } from "../../transports/reply-queue.js";
import { FrameRouter } from "./frame-router.js";
import { KnownConversations } from "./known-conversations.js";
import type { SendReceipt } from "./socket.js";

const message = {
  message_id: "m1",
  sender_id: "friend",
  receiver_id: "me",
  content: "hi",
  status: "delivered",
  created_at: "2024-01-01T12:00:00.000Z",
  sender: { account_id: "friend", username: "fred", full_name: "Fred", avatar: null },
};

describe("friends-ws frame router", () => {
  function setup() {
    const events: AdapterEvent[] = [];
    const pushed: string[] = [];
    const replies = new ReplyQueue<SendReceipt, boolean>(defaultTimers, 60_000, () => {});
    const router = new FrameRouter({
      emit: (e) => events.push(e),
      me: () => "me",
      known: new KnownConversations(),
      replies,
      greeted: () => {},
      pushes: (what) => pushed.push(what),
    });
    return { events, router, replies, pushed };
  }

  it("reports malformed frames as errors and never throws", () => {
    const { events, router } = setup();
    expect(() => router.receive("{oops")).not.toThrow();
    expect(() =>
      router.receive(JSON.stringify({ type: "new_message", message: {} })),
    ).not.toThrow();
    expect(events.map((e) => e.type)).toEqual(["error", "error"]);
    expect(events.every((e) => e.type === "error" && e.error.code === "protocol")).toBe(true);
  });

  it("ignores unknown frame types and reports answers nobody waits for", () => {
    const { events, router } = setup();
    router.receive(JSON.stringify({ type: "something_new", x: 1 }));
    expect(events).toEqual([]);
    router.receive(JSON.stringify({ type: "message_sent", message_id: "m9", status: "sent" }));
    router.receive(JSON.stringify({ type: "error", code: 429, message: "Rate limit exceeded" }));
    expect(events.map((e) => (e.type === "error" ? e.error.code : e.type))).toEqual([
      "protocol",
      "rate-limited",
    ]);
  });

  it("matches message_sent and error answers to sends first in, first out", async () => {
    const { router, replies } = setup();
    const first = replies.expect();
    const second = replies.expect();
    const third = replies.expect();
    router.receive(JSON.stringify({ type: "message_sent", message_id: "a", status: "delivered" }));
    router.receive(JSON.stringify({ type: "error", code: 403, message: "Not friends" }));
    router.receive(JSON.stringify({ type: "message_sent", message_id: "c", status: "sent" }));
    await expect(first).resolves.toEqual({ messageId: "a", status: "delivered" });
    await expect(second).rejects.toMatchObject({ code: "forbidden", retryable: false });
    await expect(third).resolves.toEqual({ messageId: "c", status: "sent" });
  });

  it("maps receipts, deletions and presence to their conversations", () => {
    const { events, router } = setup();
    router.receive(JSON.stringify({ type: "new_message", message }));
    router.receive(JSON.stringify({ type: "message_read", message_id: "mine", read_by: "friend" }));
    router.receive(JSON.stringify({ type: "message_read", message_id: "m1", read_by: "me" }));
    router.receive(
      JSON.stringify({ type: "message_deleted", message_id: "m1", deleted_by: "friend" }),
    );
    router.receive(JSON.stringify({ type: "online_friends", friends: ["friend"] }));
    router.receive(JSON.stringify({ type: "friend_offline", user_id: "friend" }));
    expect(events).toEqual([
      // The sender's name first, for the directory, then the message it names.
      { type: "people", people: [{ id: "friend", name: "Fred", avatarUrl: null }] },
      { type: "message", message: expect.objectContaining({ id: "m1", conversationId: "friend" }) },
      { type: "read", conversationId: "friend", readerId: "friend", upTo: "mine" },
      { type: "read", conversationId: "friend", readerId: "me", upTo: "m1" },
      { type: "deleted", conversationId: "friend", messageId: "m1" },
      { type: "presence", userId: "friend", presence: { online: true } },
      { type: "presence", userId: "friend", presence: { online: false } },
    ]);
  });

  it("fails the waiting send on an error frame without code, or with a code that is no number", async () => {
    const { events, router, replies } = setup();
    const first = replies.expect();
    router.receive(JSON.stringify({ type: "error", message: "Failed to send message" }));
    await expect(first).rejects.toMatchObject({
      code: "invalid-input",
      message: "Failed to send message",
      retryable: false,
    });
    const second = replies.expect();
    expect(() =>
      router.receive(JSON.stringify({ type: "error", code: { nested: 1 }, message: "Odd" })),
    ).not.toThrow();
    await expect(second).rejects.toMatchObject({ message: "Odd" });
    // Nobody waiting: reported, never thrown.
    router.receive(JSON.stringify({ type: "error", code: [], message: "Internal server error" }));
    expect(events).toEqual([
      { type: "error", error: expect.objectContaining({ message: "Internal server error" }) },
    ]);
  });

  it("keeps refusals of mark_read and typing, and rate limits, apart from the waiting send", async () => {
    const { events, router, replies } = setup();
    const send = replies.expect();
    router.receive(JSON.stringify({ type: "error", code: 404, message: "Message not found" }));
    router.receive(JSON.stringify({ type: "error", code: 422, message: "Invalid typing: x" }));
    router.receive(JSON.stringify({ type: "error", code: 429, message: "Rate limit exceeded" }));
    router.receive(JSON.stringify({ type: "error", message: "Rate limit exceeded" }));
    expect(events.map((e) => e.type)).toEqual(["error", "error", "error", "error"]);
    router.receive(JSON.stringify({ type: "message_sent", message_id: "s", status: "sent" }));
    await expect(send).resolves.toEqual({ messageId: "s", status: "sent" });
  });

  it("gives the answers still owed to sends failed together to them, never to a later send", async () => {
    const { router, replies } = setup();
    const sends = [replies.expect(), replies.expect(), replies.expect()];
    // A rate limit with three waiting: whose it is cannot be told; all go to the history check.
    router.receive(JSON.stringify({ type: "error", code: 429, message: "Rate limit exceeded" }));
    for (const send of sends) await expect(send).rejects.toMatchObject({ code: "network" });
    // A later send; the server first answers the two others (one stored, one refused).
    const later = replies.expect();
    router.receive(JSON.stringify({ type: "message_sent", message_id: "old", status: "sent" }));
    router.receive(JSON.stringify({ type: "error", code: 429, message: "Rate limit exceeded" }));
    router.receive(JSON.stringify({ type: "message_sent", message_id: "new", status: "sent" }));
    await expect(later).resolves.toEqual({ messageId: "new", status: "sent" });
  });

  it("notes the pushes the server shows: presence changes and delivery", () => {
    const { router, pushed } = setup();
    router.receive(JSON.stringify({ type: "message_sent", message_id: "x", status: "sent" }));
    expect(pushed).toEqual([]);
    router.receive(JSON.stringify({ type: "friend_online", user_id: "friend" }));
    router.receive(
      JSON.stringify({ type: "message_delivered", message_id: "x", delivered_to: "friend" }),
    );
    expect(pushed).toEqual(["presence", "delivery"]);
  });
});
