import { EventEmitter } from "node:events";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { AdapterContext, AdapterEvent } from "../../adapter.js";
import { defaultTimers } from "../../environment.js";
import { ReplyQueue } from "../../transports/reply-queue.js";
import { routeFrames } from "./frame-router.js";
import { createPresence } from "./presence.js";
import type { SendPayload, WireMessage } from "./wire.js";

function setup(partnerOf?: (id: string) => void) {
  const socket = new EventEmitter();
  /** Every event, people included; `events` leaves people out (tested on their own). */
  const all: AdapterEvent[] = [];
  const events: AdapterEvent[] = [];
  const partners: string[] = [];
  const lost: string[] = [];
  const context = { emit: (e: AdapterEvent) => events.push(e) } as unknown as AdapterContext;
  const sends = new ReplyQueue<WireMessage, SendPayload>(defaultTimers, 5000);
  routeFrames(socket as unknown as Socket, {
    me: () => "p1",
    emit: (e) => {
      all.push(e);
      if (e.type !== "people") events.push(e);
    },
    sends,
    afterOther: () => false,
    partner: partnerOf ?? ((id) => partners.push(id)),
    pushed: createPresence(
      context,
      () => false,
      () => {},
    ).pushed,
    lost: (error) => lost.push(error.code),
  });
  return { socket, all, events, partners, lost, sends };
}

const message = {
  _id: "m1",
  sender: { _id: "d1" },
  receiver: { _id: "p1" },
  content: "hi",
  createdAt: "2024-01-15T10:30:00.000Z",
};

describe("care-socketio frame router", () => {
  it("names both parties to the directory before the message, where populated", () => {
    const { socket, all } = setup();
    const populated = {
      ...message,
      sender: { _id: "d1", fullname: "Dr. Smith", role: "doctor" },
      receiver: { _id: "p1", fullname: "John Doe" },
    };
    socket.emit("new_message", { message: populated });
    socket.emit("new_message", { message: { ...message, _id: "m2" } });
    expect(all.map((e) => e.type)).toEqual(["people", "message", "people", "message"]);
    expect(all[0]).toEqual({
      type: "people",
      people: [
        { id: "d1", name: "Dr. Smith" },
        { id: "p1", name: "John Doe" },
      ],
    });
  });

  it("turns a throw while handling an event into an error event, and handles the next", () => {
    let fail = true;
    const { socket, events } = setup(() => {
      if (fail) throw new TypeError("boom");
    });
    expect(() => socket.emit("new_message", { message })).not.toThrow();
    fail = false;
    socket.emit("new_message", { message: { ...message, _id: "m2" } });
    expect(events.map((e) => e.type)).toEqual(["error", "message"]);
    expect(events[0]).toMatchObject({ error: { code: "protocol" } });
  });

  it("turns malformed payloads into error events without throwing", () => {
    const { socket, events } = setup();
    const bad: Array<[string, unknown]> = [
      ["new_message", undefined],
      ["new_message", { message: { content: "no id" } }],
      ["message_sent", "junk"],
      ["typing_start", {}],
      ["typing_stopped", 5],
      ["messages_read", null],
      ["user_status_change", { userId: "d1" }],
      ["error", { nope: true }],
    ];
    for (const [event, payload] of bad) expect(() => socket.emit(event, payload)).not.toThrow();
    expect(events).toHaveLength(bad.length);
    expect(events.every((e) => e.type === "error" && e.error.code === "protocol")).toBe(true);
  });

  it("maps the documented events", () => {
    const { socket, events, partners } = setup();
    socket.emit("new_message", { message });
    socket.emit("typing_start", { userId: "d1" });
    socket.emit("typing_stopped", { userId: "d1" });
    socket.emit("messages_read", { userId: "d1", conversationId: "d1_p1" });
    socket.emit("user_status_change", { userId: "d1", isOnline: true, status: "busy" });
    socket.emit("error", { message: "Too many requests, slow down" });
    expect(events.map((e) => e.type)).toEqual([
      "message",
      "typing",
      "typing",
      "read",
      "presence",
      "error",
    ]);
    expect(events[0]).toMatchObject({ message: { conversationId: "d1", senderId: "d1" } });
    expect(events[3]).toEqual({ type: "read", conversationId: "d1", readerId: "d1" });
    expect(events[4]).toEqual({
      type: "presence",
      userId: "d1",
      presence: { online: true, status: "busy" },
    });
    expect(events[5]).toMatchObject({ error: { code: "rate-limited" } });
    expect(partners).toContain("d1");
  });

  it("gives an error to the oldest pending send, and reports an unasked disconnect", async () => {
    const { socket, events, lost, sends } = setup();
    const pending = sends.expect({
      receiverId: "d1",
      content: "x",
      messageType: "text",
      fileUrl: null,
      fileName: null,
    });
    socket.emit("error", { message: "Message content is required" });
    await expect(pending).rejects.toMatchObject({ code: "invalid-input" });
    expect(events).toHaveLength(0);
    socket.emit("disconnect", "transport close");
    expect(lost).toEqual(["network"]);
  });
});

describe("care-socketio sends failed together", () => {
  const payload = (content: string): SendPayload => ({
    receiverId: "d1",
    content,
    messageType: "text",
    fileUrl: null,
    fileName: null,
  });

  it("lets the errors still owed to them never refuse a later send", async () => {
    const { socket, sends } = setup();
    const first = sends.expect(payload("one"));
    const second = sends.expect(payload("two"));
    // A rate limit with two waiting: whose it is cannot be told; both fail to the history check.
    socket.emit("error", { message: "Too many requests, slow down" });
    await expect(first).rejects.toMatchObject({ code: "network" });
    await expect(second).rejects.toMatchObject({ code: "network" });
    // A later send goes out alone; the server's answer to "two" (refused too) comes first.
    const third = sends.expect(payload("three"));
    socket.emit("error", { message: "Too many requests, slow down" });
    expect(sends.size).toBe(1); // still waiting: that error was two's
    socket.emit("message_sent", {
      message: { ...message, sender: { _id: "p1" }, receiver: { _id: "d1" }, content: "three" },
    });
    await expect(third).resolves.toMatchObject({ content: "three" });
  });
});
