import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { createDeskRoster } from "./desk-roster.js";
import { toMessage, type WireMessage } from "./wire.js";

const wire = (sender: string, receiver: string, extra: Partial<WireMessage> = {}): WireMessage => ({
  _id: `m-${sender}-${receiver}`,
  sender_id: sender,
  receiver_id: receiver,
  message_text: "hi",
  timestamp: "2025-12-07T10:30:00.000Z",
  appointment_id: "ap",
  service_id: null,
  is_read: false,
  ...extra,
});

/** A roster that records what it emits (after what its creation says, tested on its own). */
function desk(me: string, role: "user" | "admin") {
  const emitted: AdapterEvent[] = [];
  const created = createDeskRoster(me, role, (event) => emitted.push(event));
  emitted.splice(0);
  return { desk: created, emitted };
}

const filed = (d: ReturnType<typeof createDeskRoster>, m: WireMessage) =>
  toMessage(m, d.file(m.sender_id, m.receiver_id, m.timestamp));

describe("support-socketio desk roster", () => {
  it("says on creation that the desk starts conversations with anyone, a user none", () => {
    for (const role of ["admin", "user"] as const) {
      const emitted: AdapterEvent[] = [];
      createDeskRoster("me", role, (event) => emitted.push(event));
      expect(emitted).toEqual([
        { type: "capabilities", capabilities: { createConversation: role === "admin" } },
      ]);
    }
  });

  it("keys a user's messages by the user's own id and answers the admin who spoke last", () => {
    const { desk: user } = desk("u1", "user");
    expect(
      filed(user, wire("u1", "a1", { timestamp: "2025-12-07T10:00:00Z" })).conversationId,
    ).toBe("u1");
    const received = filed(user, wire("a2", "u1", { is_read: true }));
    expect(received).toMatchObject({
      clientId: "id:m-a2-u1",
      id: "m-a2-u1",
      conversationId: "u1",
      senderId: "a2",
      status: "read",
      extra: { appointment_id: "ap", service_id: null, receiver_id: "u1" },
    });
    // An older page loaded later does not change who spoke last.
    filed(user, wire("a3", "u1", { timestamp: "2025-12-01T10:00:00Z" }));
    expect(user.admin()).toBe("a2");
    expect([...user.writers]).toEqual(["a2", "a3"]);
    expect([...user.admins]).toEqual(["a1", "a2", "a3"]);
  });

  it("lets a user without history address an admin who is online, else any known one", () => {
    const { desk: user, emitted } = desk("u1", "user");
    expect(user.admin()).toBeUndefined();
    user.sync(["a1", 2, null, "u1"]);
    expect(user.admin()).toBe("a1");
    expect(emitted).toEqual([
      { type: "presence", userId: "a1", presence: { online: true } },
      { type: "presence", userId: "2", presence: { online: true } },
    ]);
    // The fresh list leaves a1 out: a1 went offline while we were away.
    user.sync(["2"]);
    expect(emitted.at(-2)).toEqual({ type: "presence", userId: "a1", presence: { online: false } });
    expect(user.admin()).toBe("2");
    user.sync([]);
    expect(user.admin()).toBe("a1");
  });

  it("files an admin's shared inbox under each user", () => {
    const { desk: admin } = desk("a1", "admin");
    admin.users.add("u1");
    expect(filed(admin, wire("u1", "a1")).conversationId).toBe("u1");
    expect(filed(admin, wire("a1", "u2")).conversationId).toBe("u2");
    // Another admin's reply to a known user, and a user writing to another admin.
    expect(filed(admin, wire("a2", "u1")).conversationId).toBe("u1");
    expect(admin.admins.has("a2")).toBe(true);
    expect(filed(admin, wire("u2", "a2")).conversationId).toBe("u2");
    // Learned roles decide later messages: a2 answering a new user u3.
    expect(filed(admin, wire("a2", "u3")).conversationId).toBe("u3");
    // Nothing known: the guess is a user writing to the desk, and nothing is learned.
    expect(filed(admin, wire("x", "y")).conversationId).toBe("x");
    expect(admin.users.has("x") || admin.admins.has("y")).toBe(false);
  });

  it("turns messages_read into receipts or a cleared unread count", () => {
    const { desk: user } = desk("u1", "user");
    expect(user.read("a1", "u1")).toEqual({ type: "read", conversationId: "u1", readerId: "a1" });
    expect(user.read("u1", "a1")).toEqual({ type: "read", conversationId: "u1", readerId: "u1" });
    expect(user.read("u2", "a1")).toBeNull();

    const { desk: admin } = desk("a1", "admin");
    admin.users.add("u1");
    admin.admins.add("a2");
    expect(admin.read("u1", "a1")).toEqual({ type: "read", conversationId: "u1", readerId: "u1" });
    // Another admin read the user's messages: the desk's inbox is shared.
    expect(admin.read("a2", "u1")).toEqual({ type: "read", conversationId: "u1", readerId: "a1" });
    // The user read another admin's messages: nothing of ours.
    expect(admin.read("u1", "a2")).toBeNull();
  });
});
