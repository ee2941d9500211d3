import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { defaultTimers } from "../../environment.js";
import { reduce } from "../../reducer.js";
import { createChatStore } from "../../state.js";
import { emptyThread, threadMessages } from "../../thread.js";
import { FrameRouter } from "./frame-router.js";
import { PendingRequests } from "./pending-requests.js";

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

/** Collects the events for the store; senders' names go to the directory, tested on their own. */
const wireOnly = (events: AdapterEvent[]) => (event: AdapterEvent) => {
  if (event.type !== "people") events.push(event);
};

/** A router as the adapter builds one, for user `me`, whose events `emit` takes. */
const routerFor = (me: string, emit: (event: AdapterEvent) => void) =>
  new FrameRouter({
    baseUrl: "http://h",
    me: () => me,
    types: new Map(),
    pending: () => new PendingRequests(1000, defaultTimers),
    members: new Set(),
    emit,
  });

describe("FrameRouter", () => {
  it("names a message's sender to the directory before the message, from the first frame", () => {
    const events: AdapterEvent[] = [];
    const router = routerFor("u:1", (event) => events.push(event));
    router.receive(JSON.stringify({ type: "message", message }));
    const { sender_name: _, ...unnamed } = message;
    router.receive(JSON.stringify({ type: "message", message: { ...unnamed, id: 102 } }));
    const fromCustomer = { ...message, id: 103, sender_type: "customer", sender_name: "Cleo" };
    router.receive(JSON.stringify({ type: "message_updated", message: fromCustomer }));
    const types = ["people", "message", "people", "message", "people", "edited"];
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events[0]).toEqual({ type: "people", people: [{ id: "u:2", name: "Bob" }] });
    // A frame without a name names nobody (the directory ignores a person without one).
    expect(events[2]).toEqual({ type: "people", people: [{ id: "u:2", name: undefined }] });
    expect(events[4]).toEqual({ type: "people", people: [{ id: "c:2", name: "Cleo" }] });
  });

  it("reports malformed frames as errors and keeps going", () => {
    const events: AdapterEvent[] = [];
    const router = routerFor("u:2", wireOnly(events));
    router.receive("garbage");
    router.receive('{"type":"message","message":{"id":"x"}}');
    router.receive(JSON.stringify({ type: "message", message: { ...message, sender_id: 1 } }));
    router.receive('{"type":"typing","chat_id":1,"participant_id":2,"is_typing":true}');
    router.receive('{"type":"user_left","chat_id":1,"participant_id":4}');
    router.receive('{"type":"read_receipt","chat_id":1,"message_id":101,"reader_id":4}');
    expect(events.map((e) => e.type)).toEqual(["error", "error", "message", "presence", "read"]);
    expect(events[3]).toEqual({ type: "presence", userId: "u:4", presence: { online: false } });
    expect(events[4]).toEqual({ type: "read", conversationId: "1", readerId: "u:4", upTo: "101" });
  });

  it("keeps staff #1 and customer #1 apart, by the type a frame gives or one learned", () => {
    const events: AdapterEvent[] = [];
    const router = routerFor("u:1", wireOnly(events));
    // A deployed backend's frame: the customer #1 is typing, not us (staff #1).
    router.receive(
      '{"type":"typing","chat_id":1,"participant_id":1,"participant_type":"customer","is_typing":true}',
    );
    // The seed's frames give the id alone: the type learned from a message of theirs tells.
    const { sender_id: _, ...rest } = message;
    const fromCustomer = { ...rest, sender_type: "customer", sender_customer_id: 7 };
    router.receive(JSON.stringify({ type: "message", message: fromCustomer }));
    router.receive('{"type":"user_joined","chat_id":1,"participant_id":7}');
    expect(events).toEqual([
      { type: "typing", conversationId: "1", userId: "c:1", typing: true },
      expect.objectContaining({
        type: "message",
        message: expect.objectContaining({ senderId: "c:7" }),
      }),
      { type: "presence", userId: "c:7", presence: { online: true } },
    ]);
  });

  it("lets a delete of an id not seen yet touch nothing, not the real message that later takes it", () => {
    const events: AdapterEvent[] = [];
    const router = routerFor("u:2", wireOnly(events));
    // Forged (or of a message never loaded): id 101 does not exist yet.
    const forged = { ...message, content: "forged", is_deleted: true };
    router.receive(JSON.stringify({ type: "message_deleted", message: forged }));
    router.receive(JSON.stringify({ type: "message", message }));
    let state = createChatStore().getState();
    for (const event of events) state = reduce(state, [event]);
    const thread = state.threads["1"];
    expect(thread && threadMessages(thread)).toEqual([
      expect.objectContaining({ id: "101", text: "Hello" }),
    ]);
    expect(thread && threadMessages(thread)[0]?.deleted).toBeUndefined();

    // A delete of a message held still marks it.
    router.receive(JSON.stringify({ type: "message_deleted", message: forged }));
    state = reduce(state, events.slice(-1));
    expect(state.threads["1"] && threadMessages(state.threads["1"])[0]?.deleted).toBe(true);
  });
});

describe("FrameRouter edits", () => {
  it("lets an edit of an id not held add nothing, and applies one of a message held", () => {
    const events: AdapterEvent[] = [];
    const router = routerFor("u:2", wireOnly(events));
    const edit = (id: number) => ({
      type: "message_updated",
      message: {
        ...message,
        id,
        content: "edited",
        is_edited: true,
        edited_at: message.created_at,
      },
    });
    // Forged: no message 999 exists, and none appears.
    router.receive(JSON.stringify(edit(999)));
    let state = reduce(createChatStore().getState(), events);
    expect(threadMessages(state.threads["1"] ?? emptyThread)).toEqual([]);

    router.receive(JSON.stringify({ type: "message", message }));
    router.receive(JSON.stringify(edit(101)));
    state = reduce(state, events.slice(-2));
    const thread = state.threads["1"];
    expect(thread && threadMessages(thread)).toEqual([
      expect.objectContaining({ id: "101", text: "edited", editedAt: message.created_at }),
    ]);
    expect(state.conversations["1"]?.lastMessage?.text).toBe("edited");
  });
});
