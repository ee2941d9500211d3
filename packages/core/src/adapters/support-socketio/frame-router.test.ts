import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { createDeskRoster } from "./desk-roster.js";
import { routeFrames } from "./frame-router.js";
import type { WireMessage } from "./wire.js";

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

/** A socket routed for a roster; what is emitted is recorded. */
function setup(me: string, role: "user" | "admin") {
  const emitted: AdapterEvent[] = [];
  const emit = (event: AdapterEvent) => emitted.push(event);
  const socket = new EventEmitter();
  const roster = createDeskRoster(me, role, emit);
  emitted.splice(0); // what creating the roster says is the roster's test
  routeFrames(socket, () => roster, emit);
  return { socket, roster, emitted };
}

describe("support-socketio frame router", () => {
  it("turns a throw while handling an event into an error event, and handles the next", () => {
    const { socket, roster, emitted } = setup("u1", "user");
    const file = roster.message;
    let fail = true;
    roster.message = (value) => {
      if (fail) throw new TypeError("boom");
      return file(value);
    };
    expect(() => socket.emit("receive_message", wire("a1", "u1"))).not.toThrow();
    fail = false;
    socket.emit("receive_message", wire("a1", "u1", { _id: "m-next" }));
    expect(emitted.map((e) => e.type)).toEqual(["error", "message"]);
    expect(emitted[0]).toMatchObject({ error: { code: "protocol" } });
  });

  it("reports malformed events as errors and never throws", () => {
    const { socket, roster, emitted } = setup("u1", "user");
    const bad = [
      ["receive_message", { _id: 1 }],
      ["receive_message", "garbage"],
      ["user_typing", null],
      ["messages_read", []],
      ["user_status", { user_id: "a1", status: 3 }],
    ] as const;
    for (const [event, payload] of bad) socket.emit(event, payload);
    expect(emitted).toHaveLength(bad.length);
    for (const [i, [event]] of bad.entries())
      expect(emitted[i]).toMatchObject({
        type: "error",
        error: { code: "protocol", message: `Malformed ${event} event` },
      });
    emitted.length = 0;
    socket.emit("error", { detail: "Too many requests" });
    socket.emit("error", "no detail");
    expect(emitted).toMatchObject([
      { type: "error", error: { code: "rate-limited" } },
      { type: "error", error: { code: "invalid-input" } },
    ]);
    emitted.length = 0;
    socket.emit("user_status", { user_id: "a1", status: "online" });
    socket.emit("user_status", { user_id: "u1", status: "online" });
    socket.emit("user_typing", { sender_id: "a1", receiver_id: "u1", is_typing: true });
    socket.emit("receive_message", wire("a1", "u1"));
    expect(emitted).toMatchObject([
      { type: "presence", userId: "a1", presence: { online: true } },
      { type: "typing", conversationId: "u1", userId: "a1", typing: true },
      { type: "message", message: { conversationId: "u1", senderId: "a1" } },
    ]);
    expect(roster.admins.has("a1")).toBe(true);
    expect(socket.listenerCount("heartbeat_response")).toBe(0);
  });

  it("files the deployed backend's events by their room", () => {
    const desk = setup("a1", "admin");
    desk.socket.emit("user_typing", { user_id: "u1", is_typing: true, room: "u1" });
    desk.socket.emit("messages_read", { room: "u1", reader_id: "u1", timestamp: null });
    desk.socket.emit("receive_message", {
      _id: "m1",
      sender_id: "u1",
      receiver_id: "admin",
      content: "to the desk",
      timestamp: "2025-12-07T10:30:00.000Z",
      message_type: "text",
    });
    expect(desk.emitted).toMatchObject([
      { type: "typing", conversationId: "u1", userId: "u1", typing: true },
      { type: "read", conversationId: "u1", readerId: "u1" },
      { type: "message", message: { conversationId: "u1", senderId: "u1", text: "to the desk" } },
    ]);
    const user = setup("u1", "user");
    user.socket.emit("user_typing", { user_id: "a1", is_typing: false, room: "u1" });
    user.socket.emit("messages_read", { room: "u1", reader_id: "a1" });
    expect(user.emitted).toMatchObject([
      { type: "typing", conversationId: "u1", userId: "a1", typing: false },
      { type: "read", conversationId: "u1", readerId: "a1" },
    ]);
  });

  it("drops events that come before the roster exists", () => {
    const emitted: AdapterEvent[] = [];
    const socket = new EventEmitter();
    let roster: ReturnType<typeof createDeskRoster> | undefined;
    routeFrames(
      socket,
      () => roster,
      (event) => emitted.push(event),
    );
    socket.emit("receive_message", wire("a1", "u1"));
    expect(emitted).toEqual([]);
    roster = createDeskRoster("u1", "user", (event) => emitted.push(event));
    emitted.splice(0);
    socket.emit("receive_message", wire("a1", "u1"));
    expect(emitted).toMatchObject([{ type: "message", message: { conversationId: "u1" } }]);
  });
});
