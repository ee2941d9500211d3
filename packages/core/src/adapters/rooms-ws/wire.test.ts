import { describe, expect, it } from "vitest";
import { mediaPath, toConversation, toMessage } from "./convert.js";
import { codeForErrorText, detailMessage, parseFrame, parseMessage } from "./wire.js";

const message = {
  id: 101,
  chat_id: 1,
  sender_type: "user",
  sender_id: 2,
  sender_name: "Bob",
  content: "Hello",
  message_type: "text",
  media_url: null,
  reply_to_id: null,
  is_edited: false,
  is_deleted: false,
  created_at: "2026-01-09T10:30:00.000Z",
  edited_at: null,
  deleted_at: null,
  read_by: [1],
};

describe("parseFrame", () => {
  it("accepts the documented frames", () => {
    expect(
      parseFrame('{"type":"connected","participant_type":"user","participant_id":456}'),
    ).toEqual({ type: "connected", participant_type: "user", participant_id: 456 });
    expect(parseFrame(JSON.stringify({ type: "message", message }))).toEqual({
      type: "message",
      message,
    });
    expect(
      parseFrame('{"type":"typing","chat_id":1,"participant_id":3,"is_typing":false}'),
    ).toEqual({ type: "typing", chat_id: 1, participant_id: 3, is_typing: false });
    expect(parseFrame('{"type":"error","error":"Chat not found"}')).toEqual({
      type: "error",
      error: "Chat not found",
    });
    expect(parseFrame('{"type":"pong","timestamp":"2026-01-09T10:30:00"}')?.type).toBe("pong");
  });

  it("returns null for malformed or unknown frames, never throws", () => {
    const bad = [
      "",
      "not json",
      "null",
      "[]",
      "42",
      '{"no":"type"}',
      '{"type":7}',
      '{"type":"bogus"}',
      '{"type":"connected","participant_id":"456","participant_type":"user"}',
      '{"type":"message"}',
      '{"type":"message","message":{"id":"101","chat_id":1,"sender_id":2,"created_at":"x","content":"a"}}',
      '{"type":"message","message":{"id":101,"chat_id":1,"sender_id":2,"content":"a"}}',
      '{"type":"message","message":{"id":101,"chat_id":1,"sender_id":2,"created_at":"x","content":5}}',
      '{"type":"message","message":{"id":1.5,"chat_id":1,"sender_id":2,"created_at":"x","content":"a"}}',
      '{"type":"typing","chat_id":1,"participant_id":3}',
      '{"type":"read_receipt","chat_id":1,"message_id":"101","reader_id":3}',
      '{"type":"user_joined","chat_id":"1","participant_id":3}',
      '{"type":"error","error":{"detail":"x"}}',
      '{"type":"chat_created","chat":{"id":"9"}}',
      '{"type":"chat_created","chat":{"id":9,"participants":[{"participant_id":"2"}]}}',
    ];
    for (const text of bad) expect(parseFrame(text), text).toBeNull();
  });
});

describe("wire to Parley", () => {
  it("turns integer ids into strings and keeps dialect fields in extra", () => {
    const m = toMessage("http://h:1", {
      ...message,
      media_url: "/uploads/abc.png",
      message_type: "image",
      reply_to_id: 100,
      is_edited: true,
      edited_at: "2026-01-09T10:31:00.000Z",
    });
    expect(m).toMatchObject({
      clientId: "id:101",
      id: "101",
      conversationId: "1",
      senderId: "u:2",
      text: "Hello",
      status: "read",
      replyTo: "100",
      editedAt: "2026-01-09T10:31:00.000Z",
      attachments: [{ url: "http://h:1/uploads/abc.png", type: "image" }],
      extra: { sender_type: "user", sender_name: "Bob", message_type: "image", read_by: ["1"] },
    });
    expect(toMessage("http://h:1", { ...message, read_by: [], content: null }).status).toBe("sent");
    expect(mediaPath("http://h:1", "http://h:1/uploads/abc.png")).toBe("/uploads/abc.png");
    expect(mediaPath("http://h:1", "https://cdn.example/x.png")).toBe("https://cdn.example/x.png");
  });

  it("reads a deployed backend's message: typed sender fields, naive UTC times, reply_to_message_id", () => {
    const { sender_id: _, reply_to_id: __, read_by: ___, ...rest } = message;
    const field = {
      ...rest,
      sender_type: "customer",
      sender_user_id: null,
      sender_customer_id: 2,
      reply_to_message_id: 100,
      created_at: "2026-01-09T10:30:00.123456",
      is_edited: true,
      edited_at: undefined,
      updated_at: "2026-01-09T10:31:00",
    };
    expect(parseMessage(field)).not.toBeNull();
    expect(toMessage("http://h", field)).toMatchObject({
      senderId: "c:2",
      replyTo: "100",
      createdAt: "2026-01-09T10:30:00.123Z",
      editedAt: "2026-01-09T10:31:00.000Z",
      status: "sent",
    });
    // Staff #2 and customer #2 are two people.
    expect(toMessage("http://h", message).senderId).toBe("u:2");
    expect(parseMessage({ ...rest, sender_type: "user" })).toBeNull(); // no sender at all
  });

  it("makes a chat of more than two participants a group", () => {
    const p = (id: number) => ({ participant_type: "user", participant_id: id, name: `P${id}` });
    const chat = { id: 7, title: "T", participants: [p(1), p(2)], unread_count: 3 };
    expect(toConversation("http://h", chat)).toMatchObject({
      id: "7",
      kind: "direct",
      unreadCount: 3,
    });
    expect(toConversation("http://h", { ...chat, participants: [p(1), p(2), p(4)] }).kind).toBe(
      "group",
    );
  });

  it("maps error texts to codes", () => {
    expect(codeForErrorText("Chat not found")).toBe("not-found");
    expect(codeForErrorText("You are not a participant of this chat")).toBe("forbidden");
    expect(codeForErrorText("Invalid send_message: content: too long")).toBe("invalid-input");
    expect(codeForErrorText("Rate limit exceeded")).toBe("rate-limited");
    expect(codeForErrorText("Internal server error")).toBe("server");
    expect(codeForErrorText("Unknown message type: x")).toBe("protocol");
  });

  it("reads FastAPI error bodies", () => {
    expect(detailMessage({ detail: "Chat not found" })).toBe("Chat not found");
    expect(detailMessage({ detail: [{ loc: ["query", "page"], msg: "too small" }] })).toBe(
      "query.page: too small",
    );
    expect(detailMessage("x")).toBeUndefined();
  });
});
