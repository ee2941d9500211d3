import { describe, expect, it } from "vitest";
import type { ParleyError } from "../../errors.js";
import { items } from "../../transports/wire.js";
import {
  detailError,
  parseChatUser,
  parseDetail,
  parseMessage,
  parseRead,
  parseTyping,
  parseUserStatus,
  references,
  toConversation,
} from "./wire.js";

const message = {
  _id: "6753f0a2c1d2e3f4a5b6c7d8",
  sender_id: "u1",
  receiver_id: "a1",
  message_text: "Hello, I need help",
  timestamp: "2025-12-07T10:30:00.123Z",
  appointment_id: "appointment789",
  service_id: null,
  is_read: false,
};

describe("support-socketio wire", () => {
  it("parses the documented message", () => {
    expect(parseMessage(message)).toEqual(message);
  });

  it("accepts numeric ids, missing references and naive timestamps", () => {
    const { appointment_id: _a, service_id: _s, is_read: _r, ...bare } = message;
    // `is_read` is an extension: a seed-only server's message is simply not read.
    expect(
      parseMessage({ ...bare, _id: 42, sender_id: 7, timestamp: "2025-12-07T10:30:00" }),
    ).toEqual({
      ...bare,
      _id: "42",
      sender_id: "7",
      timestamp: "2025-12-07T10:30:00Z",
      appointment_id: null,
      service_id: null,
      is_read: false,
    });
  });

  it("parses the deployed backend's message: content, message_type, read", () => {
    const field = {
      _id: message._id,
      sender_id: message.sender_id,
      receiver_id: "admin",
      content: "from the field",
      timestamp: message.timestamp,
      message_type: "text",
    };
    expect(parseMessage(field)).toEqual({
      _id: message._id,
      sender_id: message.sender_id,
      receiver_id: "admin",
      message_text: "from the field",
      timestamp: message.timestamp,
      appointment_id: null,
      service_id: null,
      is_read: false,
    });
    expect(parseMessage({ ...field, read: true })?.is_read).toBe(true);
    expect(parseMessage({ ...field, content: null })).toBeUndefined();
  });

  it("answers undefined for malformed messages instead of throwing", () => {
    for (const bad of [
      null,
      undefined,
      "text",
      42,
      [],
      {},
      { ...message, _id: undefined },
      { ...message, _id: "" },
      { ...message, sender_id: { id: 1 } },
      { ...message, message_text: 5 },
      { ...message, timestamp: "yesterday" },
      { ...message, appointment_id: { id: 1 } },
    ]) {
      expect(parseMessage(bad)).toBeUndefined();
    }
  });

  it("drops malformed history items and reports them; refuses what is no list", () => {
    const reported: ParleyError[] = [];
    const report = (error: ParleyError) => reported.push(error);
    expect(items([message, { nope: 1 }, null], parseMessage, "history", report)).toEqual([message]);
    expect(reported).toMatchObject([{ code: "protocol", message: expect.stringContaining("2") }]);
    expect(() => items({ detail: "x" }, parseMessage, "history", report)).toThrow(
      expect.objectContaining({ code: "protocol" }),
    );
    expect(items([message], parseMessage, "history", report)).toEqual([message]);
    expect(reported).toHaveLength(1);
  });

  it("parses the other events and refuses their malformed forms", () => {
    expect(parseTyping({ sender_id: "a", receiver_id: "b", is_typing: true })).toEqual({
      sender_id: "a",
      receiver_id: "b",
      room: null,
      is_typing: true,
    });
    // The deployed backend's form: the typist is `user_id`, the conversation the `room`.
    expect(parseTyping({ user_id: "a", room: "u1", is_typing: false })).toEqual({
      sender_id: "a",
      receiver_id: null,
      room: "u1",
      is_typing: false,
    });
    expect(parseTyping({ sender_id: "a", receiver_id: "b", is_typing: "yes" })).toBeUndefined();
    expect(parseTyping({ sender_id: "a", is_typing: true })).toBeUndefined();
    expect(parseRead({ reader_id: "a", sender_id: "2", count: 2, read_at: null })).toEqual({
      reader_id: "a",
      sender_id: "2",
      room: null,
    });
    expect(parseRead({ room: "u1", reader_id: "a", timestamp: null })).toEqual({
      reader_id: "a",
      sender_id: null,
      room: "u1",
    });
    expect(parseRead({ reader_id: "a" })).toBeUndefined();
    expect(parseUserStatus({ user_id: "a", status: "online" })).toEqual({
      user_id: "a",
      status: "online",
    });
    expect(parseUserStatus({ user_id: "a", status: "busy" })).toBeUndefined();
    expect(parseUserStatus({ status: "online" })).toBeUndefined();
    expect(parseDetail({ detail: "Receiver not found" })).toBe("Receiver not found");
    expect(parseDetail({ detail: [{ msg: "x" }] })).toBe("Invalid request");
    expect(parseDetail(message)).toBeUndefined();
    const rows = [{ user_id: "u1", unread_count: -1 }, { nope: 1 }, 3];
    expect(items(rows, parseChatUser, "user list", () => {})).toEqual([
      {
        user_id: "u1",
        user_name: null,
        last_message: null,
        last_message_time: null,
        unread_count: 0,
      },
    ]);
    expect(parseChatUser({ user_id: "u2", user_name: "Bo", unread_count: 3 })).toMatchObject({
      user_name: "Bo",
      unread_count: 3,
    });
  });

  it("maps the documented refusals to error codes", () => {
    const code = (detail: string) => detailError(detail).code;
    expect(code("Receiver not found")).toBe("not-found");
    expect(code("User not found")).toBe("not-found");
    expect(code("Users can only message admins")).toBe("forbidden");
    expect(code("Admins can only message users")).toBe("forbidden");
    expect(code("You cannot message yourself")).toBe("forbidden");
    expect(code("You can only join your own room")).toBe("forbidden");
    expect(code("message_text cannot be empty")).toBe("invalid-input");
    expect(code("Invalid send_message payload: receiver_id: Required")).toBe("invalid-input");
    expect(code("message_text is too long (max 4000 characters)")).toBe("payload-too-large");
    expect(code("Unknown event: shout")).toBe("unsupported");
    expect(code("Too many requests")).toBe("rate-limited");
    expect(detailError("Too many requests").retryable).toBe(true);
    expect(code("Internal server error")).toBe("server");
    expect(code("Token has expired")).toBe("unauthorized");
  });

  it("sends only id or null references", () => {
    expect(references({ appointment_id: "a", service_id: 3, other: "x" })).toEqual({
      appointment_id: "a",
      service_id: "3",
    });
    expect(references({ appointment_id: { no: 1 }, service_id: null })).toEqual({
      service_id: null,
    });
    expect(references({ appointment_id: undefined })).toEqual({});
    expect(references(undefined)).toEqual({});
  });

  it("previews the user list's last message", () => {
    const row = {
      user_id: "u1",
      user_name: "Alice",
      last_message: "help",
      last_message_time: "2025-12-07T10:30:00.000Z",
      unread_count: 2,
    };
    expect(toConversation(row)).toMatchObject({
      id: "u1",
      title: "Alice",
      participants: [{ id: "u1", role: "user", name: "Alice" }],
      unreadCount: 2,
      lastMessage: { text: "help", conversationId: "u1", senderId: "", extra: { preview: true } },
    });
    const bare = toConversation({ ...row, user_name: null, last_message: null });
    expect(bare).not.toHaveProperty("title");
    expect(bare).not.toHaveProperty("lastMessage");
  });
});
