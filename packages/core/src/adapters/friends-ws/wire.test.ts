import { describe, expect, it } from "vitest";
import { frameError, parseFrame, parseHistory, parseMessage, toMessage } from "./wire.js";

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

  it("takes an error frame without a numeric code (the deployed backend's) as codeless", () => {
    for (const code of [undefined, "x", { status: 403 }, null, [403]])
      expect(parseFrame(JSON.stringify({ type: "error", code, message: "Failed" }))).toEqual({
        type: "error",
        message: "Failed",
      });
    expect(parseFrame(JSON.stringify({ type: "error", code: "404" }))).toEqual({
      type: "error",
      code: 404,
      message: "",
    });
    const refused = frameError(undefined, "Failed to send message");
    expect(refused).toMatchObject({ code: "invalid-input", message: "Failed to send message" });
    expect(refused.retryable).toBe(false);
    expect(frameError(403, "No")).toMatchObject({ code: "forbidden", status: 403 });
  });

  it("reads Python's isoformat() timestamps (+00:00, microseconds or none)", () => {
    for (const [created_at, ms] of [
      ["2024-01-01T12:00:00.123456+00:00", 1704110400123],
      ["2024-01-01T12:00:00+00:00", 1704110400000],
    ] as const) {
      const parsed = parseMessage({ ...message, created_at });
      const model = toMessage(parsed as NonNullable<typeof parsed>, "u");
      expect(Date.parse(model.createdAt)).toBe(ms);
    }
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
