import { describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { defaultTimers } from "../../environment.js";
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

describe("FrameRouter", () => {
  it("reports malformed frames as errors and keeps going", () => {
    const events: AdapterEvent[] = [];
    const router = new FrameRouter({
      baseUrl: "http://h",
      me: () => "2",
      pending: () => new PendingRequests(1000, defaultTimers),
      members: new Set(),
      emit: (event) => events.push(event),
    });
    router.receive("garbage");
    router.receive('{"type":"message","message":{"id":"x"}}');
    router.receive(JSON.stringify({ type: "message", message: { ...message, sender_id: 1 } }));
    router.receive('{"type":"typing","chat_id":1,"participant_id":2,"is_typing":true}');
    router.receive('{"type":"user_left","chat_id":1,"participant_id":4}');
    router.receive('{"type":"read_receipt","chat_id":1,"message_id":101,"reader_id":4}');
    expect(events.map((e) => e.type)).toEqual(["error", "error", "message", "presence", "read"]);
    expect(events[3]).toEqual({ type: "presence", userId: "4", presence: { online: false } });
    expect(events[4]).toEqual({ type: "read", conversationId: "1", readerId: "4", upTo: "101" });
  });
});
