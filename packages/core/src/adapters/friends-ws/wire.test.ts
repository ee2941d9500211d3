import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { defaultTimers } from "../../environment.js";
import { ReplyQueue } from "../../transports/reply-queue.js";
import { FrameHandler } from "./frames.js";
import { Ledger } from "./ledger.js";
import { toMessage } from "./normalize.js";
import type { SendReceipt } from "./socket.js";
import { parseFrame, parseHistory, parseMessage } from "./wire.js";

const message = {
  message_id: "m1",
  sender_id: "friend",
  receiver_id: "me",
  content: "hi",
  status: "delivered",
  created_at: "2024-01-01T12:00:00.000Z",
  sender: { account_id: "friend", username: "fred", full_name: "Fred", avatar: null },
};

describe("friends-ws wire parsing", () => {
  it("parses the documented frames", () => {
    expect(parseFrame(JSON.stringify({ type: "connection_established", user_id: "u1" }))).toEqual({
      type: "connection_established",
      user_id: "u1",
    });
    expect(parseFrame(JSON.stringify({ type: "online_friends", friends: ["a", "b"] }))).toEqual({
      type: "online_friends",
      friends: ["a", "b"],
    });
    expect(parseFrame(JSON.stringify({ type: "new_message", message }))).toMatchObject({
      type: "new_message",
      message: { message_id: "m1", content: "hi", sender: { full_name: "Fred" } },
    });
    expect(
      parseFrame(JSON.stringify({ type: "message_read", message_id: "m1", read_by: "u2" })),
    ).toEqual({ type: "message_read", message_id: "m1", read_by: "u2" });
    expect(parseFrame(JSON.stringify({ type: "error", code: 403, message: "No" }))).toEqual({
      type: "error",
      code: 403,
      message: "No",
    });
  });

  it("turns numeric ids into strings", () => {
    const parsed = parseMessage({ ...message, message_id: 7, sender_id: 1, receiver_id: 2 });
    expect(parsed).toMatchObject({ message_id: "7", sender_id: "1", receiver_id: "2" });
    expect(toMessage(parsed as NonNullable<typeof parsed>, "1")).toMatchObject({
      id: "7",
      clientId: "id:7",
      conversationId: "1",
      senderId: "1",
    });
  });

  it("answers null for malformed frames and keeps unknown types apart", () => {
    for (const text of [
      "not json",
      "null",
      "[]",
      "42",
      JSON.stringify({ no: "type" }),
      JSON.stringify({ type: 5 }),
      JSON.stringify({ type: "connection_established" }),
      JSON.stringify({ type: "online_friends", friends: "a" }),
      JSON.stringify({ type: "online_friends", friends: [{}] }),
      JSON.stringify({ type: "new_message", message: { ...message, content: 5 } }),
      JSON.stringify({ type: "new_message", message: { ...message, status: "lost" } }),
      JSON.stringify({ type: "new_message" }),
      JSON.stringify({ type: "message_sent" }),
      JSON.stringify({ type: "message_read", message_id: "m1" }),
      JSON.stringify({ type: "typing_indicator", user_id: "u", is_typing: "yes" }),
      JSON.stringify({ type: "error", code: "x" }),
    ]) {
      expect(parseFrame(text), text).toBeNull();
    }
    expect(parseFrame(JSON.stringify({ type: "reaction_added" }))).toEqual({
      type: "unknown",
      name: "reaction_added",
    });
  });

  it("drops malformed messages of a history page and counts them", () => {
    expect(parseHistory({ total: 1 })).toBeNull();
    const parsed = parseHistory({
      messages: [message, { message_id: "broken" }],
      total: 2,
      skip: 0,
      limit: 50,
    });
    expect(parsed?.page.messages.map((m) => m.message_id)).toEqual(["m1"]);
    expect(parsed?.dropped).toBe(1);
  });
});

describe("friends-ws frame handling", () => {
  function handler() {
    const events: AdapterEvent[] = [];
    const replies = new ReplyQueue<SendReceipt>(defaultTimers, 60_000, () => {});
    const frames = new FrameHandler({
      emit: (e) => events.push(e),
      me: () => "me",
      ledger: new Ledger(),
      replies,
      greeted: () => {},
    });
    return { events, frames, replies };
  }

  it("reports malformed frames as errors and never throws", () => {
    const { events, frames } = handler();
    expect(() => frames.handle("{oops")).not.toThrow();
    expect(() => frames.handle(JSON.stringify({ type: "new_message", message: {} }))).not.toThrow();
    expect(events.map((e) => e.type)).toEqual(["error", "error"]);
    expect(events.every((e) => e.type === "error" && e.error.code === "protocol")).toBe(true);
  });

  it("ignores unknown frame types and reports answers nobody waits for", () => {
    const { events, frames } = handler();
    frames.handle(JSON.stringify({ type: "something_new", x: 1 }));
    expect(events).toEqual([]);
    frames.handle(JSON.stringify({ type: "message_sent", message_id: "m9", status: "sent" }));
    frames.handle(JSON.stringify({ type: "error", code: 429, message: "Rate limit exceeded" }));
    expect(events.map((e) => (e.type === "error" ? e.error.code : e.type))).toEqual([
      "protocol",
      "rate-limited",
    ]);
  });

  it("matches message_sent and error answers to sends first in, first out", async () => {
    const { frames, replies } = handler();
    const first = replies.expect();
    const second = replies.expect();
    const third = replies.expect();
    frames.handle(JSON.stringify({ type: "message_sent", message_id: "a", status: "delivered" }));
    frames.handle(JSON.stringify({ type: "error", code: 403, message: "Not friends" }));
    frames.handle(JSON.stringify({ type: "message_sent", message_id: "c", status: "sent" }));
    await expect(first).resolves.toEqual({ messageId: "a", status: "delivered" });
    await expect(second).rejects.toMatchObject({ code: "forbidden", retryable: false });
    await expect(third).resolves.toEqual({ messageId: "c", status: "sent" });
  });

  it("maps receipts, deletions and presence to their conversations", () => {
    const { events, frames } = handler();
    frames.handle(JSON.stringify({ type: "new_message", message }));
    frames.handle(JSON.stringify({ type: "message_read", message_id: "mine", read_by: "friend" }));
    frames.handle(JSON.stringify({ type: "message_read", message_id: "m1", read_by: "me" }));
    frames.handle(
      JSON.stringify({ type: "message_deleted", message_id: "m1", deleted_by: "friend" }),
    );
    frames.handle(JSON.stringify({ type: "online_friends", friends: ["friend"] }));
    frames.handle(JSON.stringify({ type: "friend_offline", user_id: "friend" }));
    expect(events).toEqual([
      { type: "message", message: expect.objectContaining({ id: "m1", conversationId: "friend" }) },
      { type: "status", conversationId: "friend", messageIds: ["mine"], status: "read" },
      { type: "read", conversationId: "friend", readerId: "me", upTo: "m1" },
      { type: "deleted", conversationId: "friend", messageId: "m1" },
      { type: "presence", userId: "friend", presence: { online: true } },
      { type: "presence", userId: "friend", presence: { online: false } },
    ]);
  });
});
