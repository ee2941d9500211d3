import { describe, expect, it } from "vitest";
import { ParleyError } from "../../errors.js";
import { errorFromServer, toConversation, toMessage, toSendPayload } from "./normalize.js";
import { PendingSends } from "./sends.js";
import {
  parseConversation,
  parseError,
  parseList,
  parseMessage,
  parseMessageEvent,
  parseRead,
  parseStatus,
  parseUserEvent,
  unwrap,
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
    expect(parseMessageEvent({ message: wire })?._id).toBe(wire._id);
    const bare = parseMessage({ ...wire, _id: 42, sender: "p1", receiver: 7 });
    expect(bare).toMatchObject({ _id: "42", sender: { _id: "p1" }, receiver: { _id: "7" } });
  });

  it("answers null for malformed frames", () => {
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
      expect(parseMessageEvent(bad)).toBeNull();
    }
    expect(parseUserEvent({})).toBeNull();
    expect(parseUserEvent({ userId: null })).toBeNull();
    expect(parseRead({ conversationId: "a_b" })).toBeNull();
    expect(parseStatus({ userId: "x" })).toBeNull();
    expect(parseStatus({ userId: "x", isOnline: "yes" })).toBeNull();
    expect(parseError({ msg: "x" })).toBeNull();
    expect(parseError(undefined)).toBeNull();
    expect(parseConversation({ unreadCount: 2 })).toBeNull();
  });

  it("unwraps {success, data} and drops malformed list entries", () => {
    expect(unwrap({ success: true, data: [1] })).toEqual([1]);
    expect(unwrap({ success: false, message: "no" })).toBeNull();
    expect(parseList({ not: "a list" }, parseStatus)).toBeNull();
    const list = parseList(
      [{ userId: "a", isOnline: true, status: "busy" }, { userId: "b" }, "junk"],
      parseStatus,
    );
    expect(list).toEqual({ items: [{ userId: "a", isOnline: true, status: "busy" }], dropped: 2 });
  });
});

describe("care-socketio normalization", () => {
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
  const payload = (content: string) => ({
    receiverId: "d1",
    content,
    messageType: "text" as const,
    fileUrl: null,
    fileName: null,
  });
  const echo = (content: string) => {
    const parsed = parseMessage({ ...wire, content });
    if (!parsed) throw new Error("unparsed");
    return parsed;
  };

  it("answers sends in order: message_sent or error, and leaves others' echoes alone", async () => {
    const sends = new PendingSends(5000);
    const first = sends.add(payload("one"));
    const second = sends.add(payload("two"));
    const third = sends.add(payload("three"));
    expect(sends.confirm(echo("from another tab"))).toBe(false);
    expect(sends.confirm(echo("one"))).toBe(true);
    expect(sends.refuse(new ParleyError("invalid-input", "bad"))).toBe(true);
    expect(sends.confirm(echo("three"))).toBe(true);
    await expect(first).resolves.toMatchObject({ content: "one" });
    await expect(second).rejects.toMatchObject({ code: "invalid-input" });
    await expect(third).resolves.toMatchObject({ content: "three" });
    expect(sends.refuse(new ParleyError("server", "late"))).toBe(false);
  });

  it("fails what is pending when the socket goes, and times out a send nobody answers", async () => {
    const sends = new PendingSends(20);
    const lost = sends.add(payload("lost"));
    sends.failAll(new ParleyError("network", "gone"));
    await expect(lost).rejects.toMatchObject({ code: "network" });
    await expect(sends.add(payload("silent"))).rejects.toMatchObject({ code: "timeout" });
    expect(sends.size).toBe(0);
  });
});
