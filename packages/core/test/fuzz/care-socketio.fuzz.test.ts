import { waitFor } from "@parley/test-kit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { careSocketio } from "../../src/adapters/care-socketio/index.js";
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
 * care-socketio events from a hostile server. A Socket.IO man in the middle would have to speak
 * Engine.IO on both sides, so a fake server stands in for the reference server: it completes the
 * handshake, answers REST with `[]`, then emits random events (frame-router.ts's names and
 * random ones) with random payloads. Checked: no uncaught error and a consistent store. Not
 * checked: sending and receiving afterwards, which needs the real server behind (the raw
 * WebSocket dialects' suites do that).
 */
const me = "patient-1";
let fake: FakeSocketIo;
let client: ChatClient;

beforeAll(async () => {
  fake = await startFakeSocketIo(() => ({}));
  client = createChatClient({
    adapter: careSocketio(),
    url: fake.url,
    auth: async () => fakeJwt(me),
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
  });
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
});
afterAll(async () => {
  client?.destroy();
  await fake?.close();
});

const someId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(me, "doctor-1", "patient-2") },
  { weight: 3, arbitrary: protoKey },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer() },
);
const ids = fc.record({ from: someId, to: someId, message: someId });

/** frame-router.ts's events. */
const known = [
  "new_message",
  "message_sent",
  "typing_start",
  "typing_stopped",
  "messages_read",
  "user_status_change",
  "error",
];
const shaped = fc.tuple(fc.string({ maxLength: 30 }), fc.boolean()).chain(([text, flag]) =>
  shapedFrames(ids, [
    ({ from, to, message }) => ({
      message: {
        _id: message,
        sender: { _id: from, fullname: text, email: null, role: "doctor" },
        receiver: to,
        content: text,
        messageType: flag ? "image" : "text",
        fileUrl: flag ? "/uploads/x.png" : null,
        fileName: null,
        isRead: flag,
        readAt: null,
        conversationId: `${from}_${to}`,
        createdAt: "2026-01-01T00:00:00Z",
      },
    }),
    ({ from }) => ({ userId: from }),
    ({ from }) => ({ userId: from, isOnline: flag, status: text }),
    () => ({ message: text }),
  ]),
);
const events = socketIoEvents(known, shaped);

describe("care-socketio: random events from a fake server", () => {
  it(
    "never throws and keeps the store consistent",
    async () => {
      const errors = await fuzzThroughFake(fake, events, [client]);
      expect(errors.length).toBeGreaterThan(0);
      expect(fake.sockets).toBeGreaterThan(0);
    },
    fuzzTimeout,
  );
});
