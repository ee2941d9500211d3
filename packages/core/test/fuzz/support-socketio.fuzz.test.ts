import { waitFor } from "@parley/test-kit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supportSocketio } from "../../src/adapters/support-socketio/index.js";
import { type ChatClient, createChatClient } from "../../src/client.js";
import {
  type FakeSocketIo,
  fakeJwt,
  fuzzThroughFake,
  socketIoEvents,
  startFakeSocketIo,
} from "./fake-socketio.js";
import { fuzzTimeout, protoKey, shapedFrames } from "./fuzz-kit.js";

/**
 * support-socketio events from a hostile server. A Socket.IO man in the middle would have to
 * speak Engine.IO on both sides, so a fake server stands in for the reference server: it
 * completes the handshake, acknowledges the client's requests plausibly, then emits random
 * events (the frame router's names, the adapter's own and random ones) with random payloads.
 * Checked: no uncaught error and a consistent store. Not checked: sending and receiving
 * afterwards, which needs the real server behind (the raw WebSocket dialects' suites do that).
 */
const me = "user-1";
let fake: FakeSocketIo;
let user: ChatClient;
let admin: ChatClient;

const connect = (sub: string, role: "user" | "admin") => {
  const client = createChatClient({
    adapter: supportSocketio({ role }),
    url: fake.url,
    auth: async () => fakeJwt(sub),
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
  });
  client.connect();
  return client;
};

beforeAll(async () => {
  fake = await startFakeSocketIo((event) =>
    event === "get_online_users" ? { online_users: ["admin-1", "__proto__"] } : {},
  );
  user = connect(me, "user");
  admin = connect("admin-1", "admin");
  for (const client of [user, admin])
    await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
});
afterAll(async () => {
  user?.destroy();
  admin?.destroy();
  await fake?.close();
});

const someId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(me, "admin-1", "user-2") },
  { weight: 3, arbitrary: protoKey },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer() },
);
const ids = fc.record({ from: someId, to: someId, message: someId });

/** frame-router.ts's events, and the adapter's own (adapter.ts). */
const known = [
  "receive_message",
  "user_typing",
  "messages_read",
  "user_status",
  "error",
  "connection_confirmed",
  "message_error",
];
const shaped = fc.tuple(fc.string({ maxLength: 30 }), fc.boolean()).chain(([text, flag]) =>
  shapedFrames(ids, [
    ({ from, to, message }) => ({
      _id: message,
      sender_id: from,
      receiver_id: to,
      message_text: text,
      timestamp: "2026-01-01T00:00:00",
      appointment_id: flag ? 7 : null,
      service_id: null,
      is_read: flag,
    }),
    ({ from, to, message }) => ({
      _id: message,
      sender_id: from,
      receiver_id: to,
      content: text,
      read: flag,
      timestamp: "2026-01-01T00:00:00Z",
    }),
    ({ from, to }) => ({ sender_id: from, receiver_id: to, is_typing: flag }),
    ({ from, to }) => ({ user_id: from, room: to, is_typing: flag }),
    ({ from, to }) => ({ reader_id: from, sender_id: to }),
    ({ from, to }) => ({ reader_id: from, room: to }),
    ({ from }) => ({ user_id: from, status: flag ? "online" : "offline" }),
    () => ({ detail: text }),
    () => ({ details: text }),
  ]),
);
const events = socketIoEvents(known, shaped);

describe("support-socketio: random events from a fake server", () => {
  it(
    "never throws and keeps the store consistent, as a user and as an admin",
    async () => {
      const errors = await fuzzThroughFake(fake, events, [user, admin]);
      expect(errors.length).toBeGreaterThan(0);
      expect(fake.sockets).toBeGreaterThan(0);
    },
    fuzzTimeout,
  );
});
