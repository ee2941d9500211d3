import { describe, expect, it } from "vitest";
import { defaultTimers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import { ReplyQueue } from "../../transports/reply-queue.js";
import { items } from "../../transports/wire.js";
import {
  answers,
  errorFromServer,
  parseConversation,
  parseError,
  parseMessage,
  parseMessageEvent,
  parseStatus,
  parseUserEvent,
  type SendPayload,
  toConversation,
  toMessage,
  toSendPayload,
  unwrap,
  type WireMessage,
} from "./wire.js";

const wire = {
  _id: "65a4f3c2e1b2c3d4e5f60718",
  sender: { _id: "p1", fullname: "Alice", email: "alice@test", role: "patient" },
  receiver: { _id: "d1", fullname: "Bob", email: null, role: "doctor" },
  content: "Hello doctor!",
  messageType: "text",
  fileUrl: null,
  fileName: null,
  isRead: false,
  readAt: null,
  conversationId: "d1_p1",
  createdAt: "2024-01-15T10:30:00.000Z",
  updatedAt: "2024-01-15T10:30:00.000Z",
};

describe("care-socketio wire parsing", () => {
  it("accepts the documented message JSON and bare or numeric ids", () => {
    expect(parseMessageEvent({ message: wire })?.message._id).toBe(wire._id);
    const bare = parseMessage({ ...wire, _id: 42, sender: "p1", receiver: 7 });
    expect(bare).toMatchObject({ _id: "42", sender: { _id: "p1" }, receiver: { _id: "7" } });
  });

  it("answers undefined for malformed frames", () => {
    for (const bad of [
      null,
      "text",
      42,
      [],
      {},
      { message: null },
      { message: "x" },
      { message: { ...wire, _id: undefined } },
      { message: { ...wire, _id: "" } },
      { message: { ...wire, sender: {} } },
      { message: { ...wire, receiver: null } },
      { message: { ...wire, createdAt: 5 } },
      { message: { ...wire, content: { nested: true } } },
    ]) {
      expect(parseMessageEvent(bad)).toBeUndefined();
    }
    expect(parseUserEvent({})).toBeUndefined();
    expect(parseUserEvent({ userId: null })).toBeUndefined();
    expect(parseUserEvent({ conversationId: "a_b" })).toBeUndefined();
    expect(parseStatus({ userId: "x" })).toBeUndefined();
    expect(parseStatus({ userId: "x", isOnline: "yes" })).toBeUndefined();
    expect(parseError({ msg: "x" })).toBeUndefined();
    expect(parseError(undefined)).toBeUndefined();
    expect(parseError("bare text")).toBe("bare text");
    expect(parseConversation({ unreadCount: 2 })).toBeUndefined();
  });

  it("unwraps {success, data} and drops malformed list entries", () => {
    expect(unwrap({ success: true, data: [1] })).toEqual([1]);
    expect(unwrap({ success: false, message: "no" })).toBeFalsy();
    expect(unwrap([2])).toEqual([2]);
    const reported: ParleyError[] = [];
    const report = (error: ParleyError) => reported.push(error);
    expect(() => items(unwrap({ success: false }), parseStatus, "list", report)).toThrow(
      expect.objectContaining({ code: "protocol" }),
    );
    expect(() => items({ not: "a list" }, parseStatus, "list", report)).toThrow(ParleyError);
    const list = items(
      [{ userId: "a", isOnline: true, status: "busy" }, { userId: "b" }, "junk"],
      parseStatus,
      "list",
      report,
    );
    expect(list).toEqual([{ userId: "a", isOnline: true, status: "busy" }]);
    expect(reported).toMatchObject([{ code: "protocol", message: expect.stringContaining("2") }]);
  });
});

describe("care-socketio wire to Parley", () => {
  it("keys a message by the other user and keeps dialect fields in extra", () => {
    const parsed = parseMessage(wire);
    if (!parsed) throw new Error("unparsed");
    const mine = toMessage(parsed, "p1");
    expect(mine).toMatchObject({
      clientId: `id:${wire._id}`,
      id: wire._id,
      conversationId: "d1",
      senderId: "p1",
      status: "sent",
      extra: { messageType: "text", conversationId: "d1_p1", senderRole: "patient" },
    });
    expect(toMessage(parsed, "d1").conversationId).toBe("p1");
    const read = parseMessage({ ...wire, isRead: true, messageType: "file", fileUrl: "/f.pdf" });
    if (!read) throw new Error("unparsed");
    expect(toMessage(read, "p1")).toMatchObject({
      status: "read",
      attachments: [{ url: "/f.pdf", type: "file" }],
    });
  });

  it("maps a conversation entry, with or without lastMessage._id", () => {
    const entry = parseConversation({
      conversationId: "d1_p1",
      otherUser: { _id: "d1", fullname: "Dr. Bob", email: "b@x", role: "doctor" },
      lastMessage: { content: "hi", messageType: "text", createdAt: wire.createdAt, sender: "d1" },
      unreadCount: 2,
    });
    if (!entry) throw new Error("unparsed");
    const conversation = toConversation(entry, "p1");
    expect(conversation).toMatchObject({ id: "d1", title: "Dr. Bob", unreadCount: 2 });
    expect(conversation.lastMessage).toMatchObject({ text: "hi", senderId: "d1" });
    expect(conversation.lastMessage?.id).toBeUndefined();
  });

  it("builds send_message payloads and maps server error texts to codes", () => {
    expect(toSendPayload({ clientId: "c", conversationId: "d1", text: "yo" })).toEqual({
      receiverId: "d1",
      content: "yo",
      messageType: "text",
      fileUrl: null,
      fileName: null,
    });
    expect(
      toSendPayload({
        clientId: "c",
        conversationId: "d1",
        text: "",
        attachments: [{ url: "https://x/y.png", type: "image/png", name: "y.png" }],
      }).messageType,
    ).toBe("image");
    expect(() =>
      toSendPayload({
        clientId: "c",
        conversationId: "d1",
        text: "",
        attachments: [{ url: "/a" }, { url: "/b" }],
      }),
    ).toThrow(ParleyError);
    expect(errorFromServer("Too many requests, slow down").code).toBe("rate-limited");
    expect(errorFromServer("User not found").code).toBe("not-found");
    expect(
      errorFromServer("You can only message doctors and patients you are in care with").code,
    ).toBe("forbidden");
    expect(errorFromServer("Message content is required").code).toBe("invalid-input");
    expect(errorFromServer("Internal server error").retryable).toBe(true);
  });
});

describe("care-socketio pending sends", () => {
  const payload = (content: string): SendPayload => ({
    receiverId: "d1",
    content,
    messageType: "text",
    fileUrl: null,
    fileName: null,
  });
  const echo = (content: string) => {
    const parsed = parseMessage({ ...wire, content });
    if (!parsed) throw new Error("unparsed");
    return parsed;
  };
  /** What the socket's `message_sent` handler does: answer the oldest send it matches. */
  const confirm = (sends: ReplyQueue<WireMessage, SendPayload>, message: WireMessage) => {
    const head = sends.head;
    return !!head && answers(head, message) && sends.answer(message);
  };

  it("answers sends in order: message_sent or error, and leaves others' echoes alone", async () => {
    const sends = new ReplyQueue<WireMessage, SendPayload>(defaultTimers, 5000);
    const first = sends.expect(payload("one"));
    const second = sends.expect(payload("two"));
    const third = sends.expect(payload("three"));
    expect(confirm(sends, echo("from another tab"))).toBe(false);
    expect(confirm(sends, echo("one"))).toBe(true);
    expect(sends.refuse(new ParleyError("invalid-input", "bad"))).toBe(true);
    expect(confirm(sends, echo("three"))).toBe(true);
    await expect(first).resolves.toMatchObject({ content: "one" });
    await expect(second).rejects.toMatchObject({ code: "invalid-input" });
    await expect(third).resolves.toMatchObject({ content: "three" });
    expect(sends.refuse(new ParleyError("server", "late"))).toBe(false);
    expect(confirm(sends, echo("one"))).toBe(false);
  });

  it("matches an answer by receiver, content, type and file", () => {
    const sent = { ...payload("x"), messageType: "image" as const, fileUrl: "/a.png" };
    const stored = parseMessage({
      ...wire,
      receiver: "d1",
      content: "x",
      messageType: "image",
      fileUrl: "/a.png",
    });
    if (!stored) throw new Error("unparsed");
    expect(answers(sent, stored)).toBe(true);
    expect(answers({ ...sent, receiverId: "d2" }, stored)).toBe(false);
    expect(answers({ ...sent, fileUrl: "/b.png" }, stored)).toBe(false);
    expect(answers({ ...sent, messageType: "file" }, stored)).toBe(false);
  });

  it("fails what is pending when the socket goes, and times out a send nobody answers", async () => {
    const sends = new ReplyQueue<WireMessage, SendPayload>(defaultTimers, 20);
    const lost = sends.expect(payload("lost"));
    sends.failAll(new ParleyError("network", "gone"));
    await expect(lost).rejects.toMatchObject({ code: "network" });
    await expect(sends.expect(payload("silent"))).rejects.toMatchObject({ code: "timeout" });
    expect(sends.size).toBe(0);
  });
});
