import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { readEvent, references, toConversation, toMessage } from "./decode.js";
import { decodeEvent } from "./events.js";
import type { SocketLink } from "./link.js";
import { Presence } from "./presence.js";
import { Roster } from "./roster.js";
import type { WireMessage } from "./wire.js";

const wire = (sender: string, receiver: string, extra: Partial<WireMessage> = {}): WireMessage => ({
  _id: `m-${sender}-${receiver}`,
  sender_id: sender,
  receiver_id: receiver,
  message_text: "hi",
  timestamp: "2025-12-07T10:30:00.000Z",
  appointment_id: "ap",
  service_id: null,
  ...extra,
});

describe("support-socketio decoding", () => {
  it("keys a user's messages by the user's own id", () => {
    const roster = new Roster("u1", "user");
    expect(toMessage(wire("u1", "a1"), roster).conversationId).toBe("u1");
    const received = toMessage(wire("a2", "u1", { is_read: true }), roster);
    expect(received).toMatchObject({
      clientId: "id:m-a2-u1",
      id: "m-a2-u1",
      conversationId: "u1",
      senderId: "a2",
      status: "read",
      extra: { appointment_id: "ap", service_id: null, receiver_id: "u1" },
    });
    // The admin who last wrote is the one to answer.
    expect(roster.lastAdmin).toBe("a2");
    expect([...roster.writers]).toEqual(["a2"]);
  });

  it("files an admin's shared inbox under each user", () => {
    const roster = new Roster("a1", "admin");
    roster.users.add("u1");
    expect(toMessage(wire("u1", "a1"), roster).conversationId).toBe("u1");
    expect(toMessage(wire("a1", "u2"), roster).conversationId).toBe("u2");
    // Another admin's reply to a known user, and a user writing to another admin.
    expect(toMessage(wire("a2", "u1"), roster).conversationId).toBe("u1");
    expect(roster.admins.has("a2")).toBe(true);
    expect(toMessage(wire("u2", "a2"), roster).conversationId).toBe("u2");
    // Learned roles decide later messages: a2 answering a new user u3.
    expect(toMessage(wire("a2", "u3"), roster).conversationId).toBe("u3");
  });

  it("turns messages_read into receipts or a cleared unread count", () => {
    const user = new Roster("u1", "user");
    const read = (reader: string, sender: string) => ({
      reader_id: reader,
      sender_id: sender,
      count: 1,
      read_at: null,
    });
    expect(readEvent(read("a1", "u1"), user)).toEqual({
      type: "read",
      conversationId: "u1",
      readerId: "a1",
    });
    expect(readEvent(read("u1", "a1"), user)).toEqual({
      type: "read",
      conversationId: "u1",
      readerId: "u1",
    });

    const admin = new Roster("a1", "admin");
    admin.users.add("u1");
    admin.admins.add("a2");
    expect(readEvent(read("u1", "a1"), admin)).toEqual({
      type: "read",
      conversationId: "u1",
      readerId: "u1",
    });
    // Another admin read the user's messages: the desk's inbox is shared.
    expect(readEvent(read("a2", "u1"), admin)).toEqual({
      type: "read",
      conversationId: "u1",
      readerId: "a1",
    });
    // The user read another admin's messages: nothing of ours.
    expect(readEvent(read("u1", "a2"), admin)).toBeNull();
  });

  it("sends only string or null references", () => {
    expect(references({ appointment_id: "a", service_id: 3, other: "x" })).toEqual({
      appointment_id: "a",
      service_id: "3",
    });
    expect(references({ appointment_id: { no: 1 }, service_id: null })).toEqual({
      service_id: null,
    });
    expect(references(undefined)).toEqual({});
  });

  it("previews the user list's last message", () => {
    expect(
      toConversation({
        user_id: "u1",
        user_name: "Alice",
        last_message: "help",
        last_message_time: "2025-12-07T10:30:00.000Z",
        unread_count: 2,
      }),
    ).toMatchObject({
      id: "u1",
      title: "Alice",
      unreadCount: 2,
      lastMessage: { text: "help", conversationId: "u1", extra: { preview: true } },
    });
  });

  it("reports malformed events as errors and never throws", () => {
    const roster = new Roster("u1", "user");
    const emitted: AdapterEvent[] = [];
    const presence = new Presence({} as SocketLink, (event) => emitted.push(event));
    for (const [event, payload] of [
      ["receive_message", { _id: 1 }],
      ["receive_message", "garbage"],
      ["user_typing", null],
      ["messages_read", []],
      ["user_status", { user_id: "a1", status: 3 }],
    ] as const) {
      expect(decodeEvent(event, payload, roster, presence)).toMatchObject({
        type: "error",
        error: { code: "protocol" },
      });
    }
    expect(decodeEvent("error", { detail: "Too many requests" }, roster, presence)).toMatchObject({
      type: "error",
      error: { code: "rate-limited" },
    });
    expect(decodeEvent("heartbeat_response", { status: "alive" }, roster, presence)).toBeNull();
    expect(decodeEvent("user_status", { user_id: "a1", status: "online" }, roster, presence)).toBe(
      null,
    );
    expect(emitted).toEqual([{ type: "presence", userId: "a1", presence: { online: true } }]);
    expect(roster.admins.has("a1")).toBe(true);
  });
});
